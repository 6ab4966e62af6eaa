#!/usr/bin/env bash
# check-library.sh: the library in the real window, through the GLFW driver
# (issue 10).
#
# Imports two genre samples (a .docx and a .txt) with the command line,
# starts the reader under Xvfb and then:
#   1. Ctrl+O opens 资料库: a screenshot of the view with three
#      compilations ($CHECK_OUT/library.png);
#   2. typing 党建 in its filter box and Enter opens that compilation: the
#      window records it as opened last (settings.json, library.last);
#   3. a second start with a file (as a file manager opens one) hands it to
#      the running window, which imports and opens it: the library then
#      holds four compilations, and the window's choice changes to it;
#   4. the window closes with Ctrl+Q and starts again on that compilation
#      (the window's title line shows it: a screenshot, $CHECK_OUT/restart.png).
# Not part of CI; run it by hand: scripts/check-library.sh [DISPLAY_NUMBER].
# Screenshots and logs go to $CHECK_OUT (default /tmp/huibian-check-library).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${CHECK_OUT:-/tmp/huibian-check-library}
DISP=${1:-99}
for c in Xvfb xdotool import; do
	command -v "$c" >/dev/null || { echo "需要 $c(apt-get install xvfb xdotool imagemagick)" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT/home" "$OUT/data"
BIN="$OUT/huibian"
go build -o "$BIN" .
GENRE=app/parse/testdata/genre

. scripts/lib/window.sh
trap window_cleanup EXIT
lib() { "$BIN" --data "$OUT/data" library ls --json; }
last() { sed -n 's/.*"library.last": *"\([^"]*\)".*/\1/p' "$OUT/data/settings.json" 2>/dev/null; }
id_of() { lib | tr -d '\n ' | grep -o "{\"id\":\"[^\"]*\",\"title\":\"$1\"" | sed 's/{"id":"\([^"]*\)".*/\1/'; }
count() { lib | grep -c '"id"'; }

"$BIN" --data "$OUT/data" import "$GENRE/toc-han.docx" >/dev/null
"$BIN" --data "$OUT/data" import "$GENRE/restart.txt" >/dev/null
[[ $(count) == 3 ]] || fail "准备的资料库不是 3 部汇编"

xvfb_start "$DISP" 1280x800 "$OUT/xvfb.log" || fail "Xvfb $DISPLAY 未启动"
start() {
	HOME="$OUT/home" LANG=zh_CN.UTF-8 "$BIN" --data "$OUT/data" >>"$OUT/stdout.log" 2>>"$OUT/stderr.log" &
	APID=$!
	W=$(timeout 15 xdotool search --sync --name '^汇编阅读器$' | head -1) || fail "没有出现窗口"
	sleep 2
}
start

# 1. Ctrl+O: the library view, its filter box focused.
import -window root "$OUT/before.png"
xdotool key ctrl+o
sleep 1
import -window root "$OUT/library.png"
diff=$(compare -metric AE "$OUT/before.png" "$OUT/library.png" null: 2>&1 || true)
((${diff%% *} > 50000)) || fail "Ctrl+O 后画面几乎没有变化（$diff 个像素），资料库没有打开？见 $OUT/library.png"

# 2. Filter and open with Enter.
want=$(id_of "2026年机关党建工作制度汇编")
[[ -n $want ]] || fail "资料库中没有《2026年机关党建工作制度汇编》"
xdotool type --delay 80 党建
xdotool key Return
for _ in $(seq 50); do [[ $(last) == "$want" ]] && break; sleep 0.1; done
[[ $(last) == "$want" ]] || fail "筛选“党建”并回车后，最后打开的汇编是“$(last)”，应为 $want"
import -window root "$OUT/opened.png"

# 3. A second start with a file: the running window imports and opens it.
"$BIN" --data "$OUT/data" "$GENRE/toc-plain.docx" || fail "第二次启动（带文件）失败"
[[ $(count) == 4 ]] || fail "第二次启动交来的文件没有导入（资料库有 $(count) 部）"
want=$(id_of "2026年第一季度通知汇编")
for _ in $(seq 50); do [[ $(last) == "$want" ]] && break; sleep 0.1; done
[[ $(last) == "$want" ]] || fail "导入的汇编没有打开（最后打开的是“$(last)”）"
import -window root "$OUT/imported.png"

# 4. Quit and start again: the same compilation opens.
xdotool key ctrl+q
wait "$APID" 2>/dev/null || true
APID=
start
import -window root "$OUT/restart.png"
[[ $(last) == "$want" ]] || fail "重新启动后最后打开的汇编变成了“$(last)”"
[[ ! -s $OUT/stderr.log ]] || fail "标准错误有输出：$(head -5 "$OUT/stderr.log")"
echo "资料库检查通过：Ctrl+O、筛选打开、第二次启动导入、重启后打开上次的汇编。截图见 $OUT"
