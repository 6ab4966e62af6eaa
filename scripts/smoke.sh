#!/usr/bin/env bash
# Smoke test of the real window (issue 3).
#
# Builds the binary, then starts it under Xvfb with a fresh data directory
# and fresh HOME / XDG_* directories:
#   nofonts   LANG=C.UTF-8, with no system fonts visible (as root: a private
#             mount namespace with tmpfs over /usr/share/fonts and
#             /usr/local/share/fonts; Fyne scans font folders directly, so
#             FONTCONFIG_FILE would not hide them)
#   fonts     LANG=C.UTF-8, system fonts as installed
#   lang-C, lang-en, lang-zh   LANG=C, en_US.UTF-8, zh_CN.UTF-8
# For each it waits for the window (15 s at most), lets it draw, takes a
# screenshot, and fails if the process exited, no window appeared, or
# anything was written to stderr. All screenshots must match the first
# (ImageMagick compare -metric AE, at most SMOKE_MAX_AE differing pixels):
# the reader's Chinese comes from its own font, whatever the system has.
#
# Output (screenshots, logs): $SMOKE_OUT, default /tmp/huibian-smoke.
# Needs root for the no-fonts run (skipped with a warning otherwise) and
# installs xvfb, xdotool and imagemagick with apt-get if they are missing.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${SMOKE_OUT:-/tmp/huibian-smoke}
MAX_AE=${SMOKE_MAX_AE:-50}
TITLE='汇编阅读器'

. scripts/lib/window.sh
need_cmds Xvfb:xvfb xdotool:xdotool import:imagemagick compare:imagemagick
build_reader "$OUT"
trap window_cleanup EXIT
disp=97
# run NAME LANG HIDE_FONTS
run() {
	local name=$1 lang=$2 hide=$3
	local dir="$OUT/$name"
	mkdir -p "$dir/home" "$dir/data"
	xvfb_start $((disp + 1)) 1280x800 "$dir/xvfb.log" || fail "$name: Xvfb :$XVFB_DISP 未启动"
	disp=$XVFB_DISP

	local envs=(env -i PATH="$PATH" DISPLAY=":$disp" HOME="$dir/home"
		XDG_CACHE_HOME="$dir/home/.cache" XDG_CONFIG_HOME="$dir/home/.config"
		XDG_DATA_HOME="$dir/home/.local/share" LANG="$lang")
	if [[ $hide == 1 ]]; then
		# shellcheck disable=SC2016
		"${envs[@]}" unshare -m sh -c '
			mount -t tmpfs none /usr/share/fonts || exit 90
			if [ -d /usr/local/share/fonts ]; then mount -t tmpfs none /usr/local/share/fonts || exit 90; fi
			exec "$@"' sh "$BIN" --data "$dir/data" >"$dir/stdout.log" 2>"$dir/stderr.log" &
	else
		"${envs[@]}" "$BIN" --data "$dir/data" >"$dir/stdout.log" 2>"$dir/stderr.log" &
	fi
	APID=$!
	local t0=$SECONDS
	if ! DISPLAY=":$disp" timeout 15 xdotool search --sync --name "^$TITLE\$" >/dev/null 2>&1; then
		kill -0 "$APID" 2>/dev/null || fail "$name: 进程已退出;stderr: $(cat "$dir/stderr.log")"
		fail "$name: 15 秒内没有出现窗口"
	fi
	local shown=$((SECONDS - t0))
	# Keep the pointer off the window, then wait until the screen has
	# content and two screenshots a second apart are identical.
	DISPLAY=":$disp" xdotool mousemove 1279 799
	local prev="$dir/prev.png" shot="$OUT/$name.png" stable=0
	for _ in $(seq 30); do
		sleep 1
		kill -0 "$APID" 2>/dev/null || fail "$name: 进程在窗口出现后退出;stderr: $(cat "$dir/stderr.log")"
		DISPLAY=":$disp" import -window root "$shot"
		if [[ -f $prev ]] && [[ $(identify -format %k "$shot") -gt 16 ]] &&
			[[ $(compare -metric AE "$prev" "$shot" null: 2>&1 || true) == 0 ]]; then
			stable=1
			break
		fi
		cp "$shot" "$prev"
	done
	((stable)) || fail "$name: 窗口内容 30 秒内没有稳定下来,见 $shot"
	kill "$APID"
	wait "$APID" 2>/dev/null || true
	APID=
	kill "$XPID"
	wait "$XPID" 2>/dev/null || true
	XPID=
	if [[ -s $dir/stderr.log ]]; then
		fail "$name: stderr 有输出:
$(cat "$dir/stderr.log")"
	fi
	echo "通过 $name (LANG=$lang):窗口 $shown 秒内出现,截图 $OUT/$name.png"
}

runs=()
if [[ $(id -u) == 0 ]] && unshare -m true 2>/dev/null; then
	run nofonts C.UTF-8 1
	runs+=(nofonts)
else
	echo "警告:不是 root 或无法 unshare -m,跳过无系统字体的一轮" >&2
fi
run fonts C.UTF-8 0
runs+=(fonts)
run lang-C C 0
run lang-en en_US.UTF-8 0
run lang-zh zh_CN.UTF-8 0
runs+=(lang-C lang-en lang-zh)

ref=${runs[0]}
for r in "${runs[@]:1}"; do
	ae=$(compare -metric AE "$OUT/$ref.png" "$OUT/$r.png" "$OUT/diff-$ref-$r.png" 2>&1 >/dev/null || true)
	ae=${ae%% *}
	[[ $ae =~ ^[0-9.e+]+$ ]] || fail "compare $ref $r: $ae"
	if awk -v a="$ae" -v m="$MAX_AE" 'BEGIN { exit !(a > m) }'; then
		fail "$ref 与 $r 的截图有 $ae 个像素不同(上限 $MAX_AE),见 $OUT/diff-$ref-$r.png"
	fi
	echo "截图一致 $ref = $r(不同像素 $ae)"
done
echo "冒烟测试通过"
