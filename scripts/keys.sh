#!/usr/bin/env bash
# keys.sh: keys typed through the real GLFW driver (issue 11 §3). Fyne's
# driver turns Ctrl+Z, Ctrl+A, Ctrl+C … into its own shortcut types; the
# headless test driver does not, so this runs the real window under Xvfb
# and types with xdotool:
#   bookmark  `bookmark add 2.3` on the command line, open the window,
#             Ctrl+G 2.3, Ctrl+D (removes it: `bookmark ls` is empty),
#             Ctrl+Z, Ctrl+Q: `bookmark ls --json` lists 2.3 again
#   note      `note add 5.6`, open the window, Ctrl+Shift+N (notes panel),
#             click the note's edit button, click 删除 (the 撤销 button shows
#             in the status line; `note ls` is empty), Ctrl+Z, Ctrl+Q:
#             `note ls --json` lists the note again
#   copy      Ctrl+G 2.3, Ctrl+A, Ctrl+C: the clipboard (read with xclip)
#             holds the body `show 2.3` prints
# Output (screenshots, logs): $KEYS_OUT, default /tmp/huibian-keys.
# KEYS_DISPLAY picks the X display number (default: the first free from 90).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${KEYS_OUT:-/tmp/huibian-keys}
TITLE='汇编阅读器'

. scripts/lib/window.sh
need_cmds Xvfb:xvfb xdotool:xdotool import:imagemagick xclip:xclip
build_reader "$OUT"
trap window_cleanup EXIT
xvfb_start "${KEYS_DISPLAY:-90}" 1280x800 "$OUT/xvfb.log" || fail "Xvfb $DISPLAY 未启动"

DATA="$OUT/data"
hb() { "$BIN" --data "$DATA" "$@"; }

# start NAME: opens the window on $DATA with a fresh HOME and waits for it.
start() {
	local home="$OUT/home-$1"
	mkdir -p "$home"
	env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" XDG_CONFIG_HOME="$home/.config" \
		XDG_CACHE_HOME="$home/.cache" LANG=C.UTF-8 "$BIN" --data "$DATA" >"$OUT/$1.stdout" 2>"$OUT/$1.stderr" &
	APID=$!
	timeout 15 xdotool search --sync --name "^$TITLE\$" >/dev/null 2>&1 || fail "$1: 15 秒内没有出现窗口"
	sleep 2
	xdotool mousemove 1279 799
}

# quit NAME: Ctrl+Q, then the process must end within 10 s.
quit() {
	xdotool key ctrl+q
	for _ in $(seq 100); do kill -0 "$APID" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$APID" 2>/dev/null && fail "$1: Ctrl+Q 10 秒后进程仍在运行"
	wait "$APID" 2>/dev/null || true
	APID=
	[[ -s $OUT/$1.stderr ]] && fail "$1: stderr 有输出：$(cat "$OUT/$1.stderr")"
	return 0
}

shot() { import -window root "$OUT/$1.png"; }

# goto ADDR: Ctrl+G, the address, Enter.
goto() {
	xdotool key ctrl+g
	sleep 0.7
	xdotool type --delay 50 "$1"
	xdotool key Return
	sleep 1
}

# redAt PNG: the centre of the largest patch of the danger (red) button
# colour, as "X Y", or nothing.
redAt() {
	convert "$1" -depth 8 ppm:- | python3 -c '
import sys
d = sys.stdin.buffer.read()
parts = d.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
px = parts[4]
xs, ys = [], []
for y in range(0, h, 2):
    row = px[y*w*3:(y+1)*w*3]
    for x in range(0, w, 2):
        r, g, b = row[3*x], row[3*x+1], row[3*x+2]
        if r > 230 and 80 < g < 140 and 70 < b < 130:
            xs.append(x); ys.append(y)
if len(xs) > 200:
    xs.sort(); ys.sort()
    print(xs[len(xs)//2], ys[len(ys)//2])
'
}

# --- bookmark: Ctrl+G, Ctrl+D, Ctrl+Z
hb bookmark add 2.3 >/dev/null
start bookmark
goto 2.3
xdotool key ctrl+d
sleep 1
shot bookmark-removed
hb bookmark ls --json | grep -q '"address": "2.3"' && fail "bookmark: Ctrl+D 没有删除 2.3 的书签，见 $OUT/bookmark-removed.png"
xdotool key ctrl+z
sleep 1
shot bookmark-undone
quit bookmark
hb bookmark ls --json | grep -q '"address": "2.3"' || fail "bookmark: Ctrl+Z 没有恢复 2.3 的书签，见 $OUT/bookmark-undone.png"
echo "通过 bookmark:Ctrl+D 删除、Ctrl+Z 恢复 2.3 的书签（真实 GLFW 驱动）"

# --- note: delete through the notes panel and the note dialog, Ctrl+Z
hb note add 5.6 "键盘测试笔记" >/dev/null
start note
xdotool key ctrl+shift+n
sleep 1
geo=$(xdotool search --name "^$TITLE\$" getwindowgeometry | awk '/Geometry/ {print $2}')
ww=${geo%x*}
# The first row's edit button sits at the panel's right edge.
xdotool mousemove $((ww - 24)) 372 click 1
sleep 1
shot note-dialog
pos=$(redAt "$OUT/note-dialog.png")
[[ -n $pos ]] || fail "note: 没有找到笔记对话框的“删除”按钮，见 $OUT/note-dialog.png"
# shellcheck disable=SC2086
xdotool mousemove $pos click 1
sleep 1
xdotool mousemove 1279 799
sleep 0.3
shot note-deleted
hb note ls --json | grep -q '键盘测试笔记' && fail "note: “删除”没有删除笔记，见 $OUT/note-deleted.png"
xdotool key ctrl+z
sleep 1
shot note-undone
quit note
hb note ls --json | grep -q '键盘测试笔记' || fail "note: Ctrl+Z 没有恢复笔记，见 $OUT/note-undone.png"
echo "通过 note:笔记面板 › 编辑 › 删除，Ctrl+Z 恢复笔记"

# --- copy: Ctrl+A, Ctrl+C in the pane
start copy
goto 2.3
printf 'before' | xclip -selection clipboard
xdotool key ctrl+a
sleep 0.5
xdotool key ctrl+c
sleep 0.5
shot copy-selected
xclip -o -selection clipboard >"$OUT/clipboard.txt"
quit copy
# The pane's last paragraph is the body, which `show` prints after the
# heading on its last line.
body=$(tail -n 1 "$OUT/clipboard.txt")
[[ ${#body} -gt 100 ]] && hb show 2.3 | tail -n 1 | grep -qF "$body" ||
	fail "copy: Ctrl+A、Ctrl+C 后剪贴板是“$(head -c 300 "$OUT/clipboard.txt")”，应含 2.3 的正文，见 $OUT/copy-selected.png"
echo "通过 copy:Ctrl+A、Ctrl+C 复制 2.3 全文（$(wc -m <"$OUT/clipboard.txt") 字）"
echo "按键测试通过"
