#!/usr/bin/env bash
# check-copy.sh: 复制本条 through the real GLFW driver (issue 11 §6).
#
# Starts the reader under Xvfb with a fresh data directory, goes to item
# 2.1 (Ctrl+G), copies it with Ctrl+Shift+C (编辑 › 复制本条) and compares
# the X clipboard (xclip -o) with `huibian show`'s heading and body; then
# right-clicks the row of item 2.3 in the contents tree, picks 复制本条 and
# checks the clipboard again, and the same from the reading pane (item
# 1.2). Not part of CI (it needs xclip); run it by
# hand: scripts/check-copy.sh [DISPLAY_NUMBER]. Screenshots and logs go to
# $CHECK_OUT (default /tmp/huibian-check-copy).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${CHECK_OUT:-/tmp/huibian-check-copy}
DISP=${1:-99}
for c in Xvfb xdotool xclip import; do
	command -v "$c" >/dev/null || { echo "需要 $c（apt-get install xvfb xdotool xclip imagemagick）" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT/home" "$OUT/data"
BIN="$OUT/huibian"
go build -o "$BIN" .

. scripts/lib/window.sh
trap window_cleanup EXIT

xvfb_start "$DISP" 1280x800 "$OUT/xvfb.log" || fail "Xvfb $DISPLAY 未启动"
HOME="$OUT/home" LANG=zh_CN.UTF-8 "$BIN" --data "$OUT/data" >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
APID=$!
W=$(timeout 15 xdotool search --sync --name '^汇编阅读器$' | head -1) || fail "没有出现窗口"
sleep 2

# Item 2.1 by the menu shortcut. Its heading runs into its body in the
# source: the clipboard holds the line as written, then the rest.
want=$("$BIN" --data "$OUT/data" show 2.1 | tail -n +3)
xdotool key --window "$W" ctrl+g
sleep 0.7
xdotool type --delay 80 2.1
xdotool key Return
sleep 1
xdotool key ctrl+shift+c
sleep 0.8
got=$(xclip -o -selection clipboard)
import -window root "$OUT/menu-copy.png"
[[ $got == "$want" ]] || fail "Ctrl+Shift+C 复制的内容与 show 2.1 不同：
$(diff <(echo "$want") <(echo "$got") | head)"
echo "通过：Ctrl+Shift+C 复制了第 2.1 条（$(echo -n "$got" | wc -m) 字）"

# A right click on the row of 2.3 (the tree shows 2 › 一 › 2.1–2.4 now).
want=$("$BIN" --data "$OUT/data" show 2.3 | tail -n +3)
xdotool mousemove --window "$W" 200 395 click 3
sleep 0.8
import -window root "$OUT/tree-menu.png"
xdotool mousemove --window "$W" 238 417 click 1
sleep 0.8
got=$(xclip -o -selection clipboard)
[[ $got == "$want" ]] || fail "右键 › 复制本条 的内容与 show 2.3 不同，见 $OUT/tree-menu.png：
$(diff <(echo "$want") <(echo "$got") | head)"
echo "通过：目录右键 › 复制本条 复制了第 2.3 条，截图 $OUT/tree-menu.png"

# A right click on the body of item 1.2 in the reading pane: 复制, 全选,
# then the node menu; 复制本条 is its first item.
want=$("$BIN" --data "$OUT/data" show 1.2 | tail -n +3)
xdotool key --window "$W" ctrl+g
sleep 0.7
xdotool type --delay 80 1.2
xdotool key Return
sleep 1
xdotool mousemove --window "$W" 700 330 click 3
sleep 0.8
import -window root "$OUT/pane-menu.png"
xdotool mousemove --window "$W" 740 452 click 1
sleep 0.8
got=$(xclip -o -selection clipboard)
[[ $got == "$want" ]] || fail "正文右键 › 复制本条 的内容与 show 1.2 不同，见 $OUT/pane-menu.png：
$(diff <(echo "$want") <(echo "$got") | head)"
echo "通过：正文右键 › 复制本条 复制了第 1.2 条，截图 $OUT/pane-menu.png"
