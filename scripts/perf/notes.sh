#!/usr/bin/env bash
# Start-up with the notes panel: 10 000 notes and 1 000 bookmarks against
# none (issue 5, performance: target within 1.2×).
#
# Two data directories are prepared once with scripts/perf/fillnotes: both
# hold the same library (the seed and three copies of it under other
# titles, which carry the bookmarks the seed has no room for); "full" also
# has 10 000 notes on the nodes of the seed compilation (50–500 characters,
# a third quoting their node, five colours) and 1 000 bookmarks, written
# through the notes service's JSON import.
#
# Each run starts the real binary (go build -tags perf -o: ui/perf.go is only
# in binaries built with the perf tag) under one
# Xvfb with a fresh HOME and a fresh copy of the prepared directory,
# alternating empty and full, with HUIBIAN_PERF_OPEN=notes: the window
# opens the notes panel as soon as the notes are loaded, draws it (canvas
# capture) and writes the time (ui/perf.go). Measured: process start →
# notes panel drawn. Printed: the medians and their ratio, PASS or FAIL.
# Exit status 0 either way (non-zero only if a run fails).
#
#   PERF_RUNS  runs of each kind (default 7)
#   PERF_OUT   output directory (default /tmp/huibian-perf-notes)
#   PERF_CPU=1 also write a CPU profile of each run (run dir/perf.txt.cpu)
#   PERF_DISPLAY  first X display number to try for the Xvfb (default 130)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${PERF_OUT:-/tmp/huibian-perf-notes}
RUNS=${PERF_RUNS:-7}
NOTES=${PERF_NOTES:-10000}
BOOKMARKS=${PERF_BOOKMARKS:-1000}
rm -rf "$OUT"
mkdir -p "$OUT/prep"
go build -tags perf -o "$OUT/huibian" .
go build -o "$OUT/fillnotes" ./scripts/perf/fillnotes
"$OUT/fillnotes" -copies 4 "$OUT/prep/empty"
"$OUT/fillnotes" -copies 4 -notes "$NOTES" -bookmarks "$BOOKMARKS" "$OUT/prep/full"

. scripts/lib/window.sh
trap xvfb_stop EXIT
xvfb_start "${PERF_DISPLAY:-130}" 1280x800 "$OUT/xvfb.log" || { echo "Xvfb 未启动" >&2; exit 1; }
disp=$XVFB_DISP

# measure KIND RUN: prints "start_to_panel_ms start_to_notes_ready_ms panel_ms cpu_ms"
measure() {
	local kind=$1 run=$2 dir="$OUT/$1-$2"
	mkdir -p "$dir/home"
	cp -a "$OUT/prep/$kind" "$dir/data"
	sync
	local t0
	t0=$(date +%s%N)
	env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$dir/home" XDG_CACHE_HOME="$dir/home/.cache" \
		XDG_CONFIG_HOME="$dir/home/.config" LANG=C.UTF-8 HUIBIAN_PERF="$dir/perf.txt" HUIBIAN_PERF_QUIT=1 \
		HUIBIAN_PERF_OPEN=notes HUIBIAN_PERF_CPU="${PERF_CPU:-}" \
		"$OUT/huibian" --data "$dir/data" 2>"$dir/stderr.log" &
	local pid=$!
	for _ in $(seq 600); do
		grep -q '^done\|^failed' "$dir/perf.txt" 2>/dev/null && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.05
	done
	wait $pid 2>/dev/null || true
	if ! grep -q '^done' "$dir/perf.txt" 2>/dev/null; then
		echo "$kind 第 $run 次运行没有打开笔记面板,见 $dir" >&2
		return 1
	fi
	awk -v t0="$t0" '$1=="panel_unix_ns"{p=$2} $1=="notes_ready_unix_ns"{r=$2} $1=="panel_ms"{m=$2}
		$1=="panel_cpu_ms"{c=$2} END {printf "%.1f %.1f %s %s\n", (p-t0)/1e6, (r-t0)/1e6, m, c}' "$dir/perf.txt"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$OUT/empty.txt"
: >"$OUT/full.txt"
for i in $(seq "$RUNS"); do
	if ((i % 2)); then
		measure empty "$i" >>"$OUT/empty.txt"
		measure full "$i" >>"$OUT/full.txt"
	else
		measure full "$i" >>"$OUT/full.txt"
		measure empty "$i" >>"$OUT/empty.txt"
	fi
done

load1=$(cut -d' ' -f1-3 /proc/loadavg)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
en=$(cut -d' ' -f1 "$OUT/empty.txt" | median)
fu=$(cut -d' ' -f1 "$OUT/full.txt" | median)
enr=$(cut -d' ' -f2 "$OUT/empty.txt" | median)
fur=$(cut -d' ' -f2 "$OUT/full.txt" | median)
enp=$(cut -d' ' -f3 "$OUT/empty.txt" | median)
fup=$(cut -d' ' -f3 "$OUT/full.txt" | median)
enc=$(cut -d' ' -f4 "$OUT/empty.txt" | median)
fuc=$(cut -d' ' -f4 "$OUT/full.txt" | median)
echo "运行次数 $RUNS(各取中位数,空与满交替);原始数据见 $OUT/empty.txt、$OUT/full.txt(毫秒:启动到面板绘出、启动到笔记载入、打开并绘出面板、此时已用 CPU 时间)"
echo "机器负载(1/5/15 分钟平均,本机 $(nproc) 核): 开始时 $load0,结束时 $load1;负载高于核数时计时不可靠"
echo "启动到笔记载入: 无笔记 $enr ms, $NOTES 条笔记和 $BOOKMARKS 个书签 $fur ms"
echo "打开并绘出笔记面板: 无笔记 $enp ms, 有笔记 $fup ms"
awk -v a="$fuc" -v b="$enc" 'BEGIN { if (b > 0) printf "面板绘出时进程已用 CPU 时间(不受机器上其他负载影响,仅供参考): 无笔记 %d ms, 有笔记 %d ms, 比值 %.2f\n", b, a, a/b }'

awk -v a="$fu" -v b="$en" 'BEGIN {
	r = a / b
	printf "启动并打开笔记面板: 无笔记 %.0f ms, 有笔记 %.0f ms, 比值 %.2f (目标 ≤ 1.2): %s\n", b, a, r, (r <= 1.2 ? "PASS" : "FAIL")
}'
