#!/usr/bin/env bash
# Performance of the reader window against a minimal Fyne window with one
# label (scripts/perf/minwin), measured in the same run, both built with
# go build -o and default flags (the reader with -tags perf, which adds its
# instrumentation, ui/perf.go), both started under one Xvfb with a fresh
# HOME and data directory each time:
#   start   process start → window mapped (xdotool polled every 10 ms);
#           target ≤ 1.3× the minimal window (median of PERF_RUNS runs)
#   rss     resident memory 2 s after start, the reader showing document 1
#           in full (its first-start view); target ≤ 1.5×
#   switch  selecting document 1 / 2 in the contents tree → new content
#           drawn (the window measures it itself with HUIBIAN_PERF: tree
#           select, then a canvas capture, which lays out and paints);
#           target < 50 ms (median and max of switches 2-21 of each run;
#           the first, with cold caches, is reported on its own)
# Output directory: $PERF_OUT (default /tmp/huibian-perf).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${PERF_OUT:-/tmp/huibian-perf}
RUNS=${PERF_RUNS:-5}
rm -rf "$OUT"
mkdir -p "$OUT"
go build -tags perf -o "$OUT/huibian" .
go build -o "$OUT/minwin" ./scripts/perf/minwin

. scripts/lib/window.sh
trap xvfb_stop EXIT
xvfb_start "${PERF_DISPLAY:-120}" 1280x800 "$OUT/xvfb.log" || { echo "Xvfb 未启动" >&2; exit 1; }
disp=$XVFB_DISP

# measure KIND RUN: prints "start_ms rss_kb [switch_median switch_max]"
measure() {
	local kind=$1 run=$2 dir="$OUT/$1-$2"
	mkdir -p "$dir/home" "$dir/data"
	local bin=$OUT/huibian title='汇编阅读器' args=(--data "$dir/data")
	if [[ $kind == min ]]; then bin=$OUT/minwin title=minwin args=(); fi
	local t0 t1
	t0=$(date +%s%N)
	env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$dir/home" XDG_CACHE_HOME="$dir/home/.cache" \
		XDG_CONFIG_HOME="$dir/home/.config" LANG=C.UTF-8 HUIBIAN_PERF="$dir/perf.txt" HUIBIAN_PERF_QUIT=1 \
		"$bin" "${args[@]}" 2>"$dir/stderr.log" &
	local pid=$!
	until xdotool search --name "^$title\$" >/dev/null 2>&1; do
		sleep 0.01
		kill -0 $pid 2>/dev/null || { echo "$kind 进程退出" >&2; return 1; }
	done
	t1=$(date +%s%N)
	for _ in $(seq 600); do grep -q '^done' "$dir/perf.txt" 2>/dev/null && break; sleep 0.1; done
	wait $pid 2>/dev/null || true
	local rss sw_med sw_max sw_first
	rss=$(awk '$1=="rss_kb"{print $2}' "$dir/perf.txt")
	sw_first=$(awk '$1=="switch_ms_all"{split($2, a, ","); print a[1]}' "$dir/perf.txt")
	sw_med=$(awk '$1=="switch_ms_median"{print $2}' "$dir/perf.txt")
	sw_max=$(awk '$1=="switch_ms_max"{print $2}' "$dir/perf.txt")
	echo "$(((t1 - t0) / 1000000)) $rss $sw_med $sw_max $sw_first"
}

: >"$OUT/reader.txt"
: >"$OUT/min.txt"
for i in $(seq "$RUNS"); do
	measure min "$i" >>"$OUT/min.txt"
	measure reader "$i" >>"$OUT/reader.txt"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(cut -d' ' -f1 "$OUT/min.txt" | median)
rs=$(cut -d' ' -f1 "$OUT/reader.txt" | median)
mr=$(cut -d' ' -f2 "$OUT/min.txt" | median)
rr=$(cut -d' ' -f2 "$OUT/reader.txt" | median)
swm=$(cut -d' ' -f3 "$OUT/reader.txt" | median)
swx=$(cut -d' ' -f4 "$OUT/reader.txt" | sort -n | tail -1)
swf=$(cut -d' ' -f5 "$OUT/reader.txt" | median)
echo "运行次数 $RUNS(各取中位数);原始数据见 $OUT/min.txt、$OUT/reader.txt"
awk -v a="$rs" -v b="$ms" 'BEGIN { printf "启动到窗口出现: 阅读器 %d ms, 最小窗口 %d ms, 比值 %.2f (目标 ≤ 1.3)\n", a, b, a/b }'
awk -v a="$rr" -v b="$mr" 'BEGIN { printf "显示第1篇全文后常驻内存: 阅读器 %.1f MiB, 最小窗口 %.1f MiB, 比值 %.2f (目标 ≤ 1.5)\n", a/1024, b/1024, a/b }'
echo "切换两篇文件(选中到绘出): 中位数 $swm ms, 最大 $swx ms (目标 < 50 ms);每次启动后的第一次切换(冷缓存,不计入上两项)中位数 $swf ms"
