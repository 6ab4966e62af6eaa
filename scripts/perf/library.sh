#!/usr/bin/env bash
# The library in the window (issue 10), with the real binary under Xvfb:
#   start   process start → window mapped (xdotool polled every 10 ms), with
#           20 compilations in the library against 1 (the built-in one
#           only), alternating runs, each on a fresh copy of a prepared data
#           directory and a fresh HOME; target: ratio of medians ≤ 1.1
#   switch  in the library view, 打开 on the other of two imported
#           compilations the size of the seed → the other compilation drawn
#           (the window measures it itself: HUIBIAN_PERF_OPEN=switch,
#           ui/perf_library.go); target < 100 ms (median and max of switches
#           2-21 of each run; the first, with cold caches, on its own)
# The 19 imported compilations are the seed with its title changed
# ("局机关2026年第NN册…"), so each has the seed's size and its own IDs.
# Output directory: $PERF_OUT (default /tmp/huibian-perf-library).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${PERF_OUT:-/tmp/huibian-perf-library}
RUNS=${PERF_RUNS:-7}
rm -rf "$OUT"
mkdir -p "$OUT/variants"
go build -tags perf -o "$OUT/huibian" .
BIN=$OUT/huibian

# Prepared data directories: one (the built-in compilation) and twenty.
"$BIN" --data "$OUT/one" info >/dev/null
seed=assets/compilation.txt
[[ -f $seed ]] || seed=$(ls assets/*.txt | head -1)
line=$(grep -n '^局机关2026年意识形态工作要点材料汇编' "$seed" | head -1 | cut -d: -f1)
for i in $(seq -w 1 19); do
	sed "${line}s/局机关2026年/局机关2026年第${i}册/" "$seed" >"$OUT/variants/v$i.txt"
	"$BIN" --data "$OUT/twenty" import "$OUT/variants/v$i.txt" >/dev/null
done
n=$("$BIN" --data "$OUT/twenty" info | grep -c '^《')
[[ $n == 20 ]] || { echo "准备的资料库有 $n 部汇编,应为 20" >&2; exit 1; }

# PERF_DISPLAY: the X display number to use (default: the first free one
# from 130).
. scripts/lib/window.sh
trap xvfb_stop EXIT
xvfb_start "${PERF_DISPLAY:-130}" 1280x800 "$OUT/xvfb.log" -noreset || { echo "Xvfb 未启动" >&2; exit 1; }
disp=$XVFB_DISP

# run KIND N PERF_ENV...: starts the reader on a copy of KIND's data
# directory with the perf instrumentation, waits for it to finish, prints
# the milliseconds from start to window mapped and the CPU time when the
# first node was drawn (HUIBIAN_PERF_OPEN=start).
run() {
	local kind=$1 n=$2 dir="$OUT/run-$1-$2"
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir/home"
	cp -a "$OUT/$kind" "$dir/data"
	local t0 t1
	t0=$(date +%s%N)
	env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$dir/home" XDG_CACHE_HOME="$dir/home/.cache" \
		XDG_CONFIG_HOME="$dir/home/.config" LANG=C.UTF-8 "$@" \
		"$BIN" --data "$dir/data" 2>"$dir/stderr.log" &
	local pid=$!
	until xdotool search --name '^汇编阅读器$' >/dev/null 2>&1; do
		sleep 0.01
		kill -0 $pid 2>/dev/null || { echo "$kind 进程退出" >&2; return 1; }
	done
	t1=$(date +%s%N)
	for _ in $(seq 600); do grep -q '^done\|^failed' "$dir/perf.txt" 2>/dev/null && break; sleep 0.1; done
	wait $pid 2>/dev/null || true
	echo "$(((t1 - t0) / 1000000)) $(awk '$1=="shown_cpu_ms"{print $2}' "$dir/perf.txt")"
}

: >"$OUT/start-one.txt"
: >"$OUT/start-twenty.txt"
for i in $(seq "$RUNS"); do
	for kind in one twenty; do
		run $kind "$i" HUIBIAN_PERF="$OUT/run-$kind-$i/perf.txt" HUIBIAN_PERF_OPEN=start >>"$OUT/start-$kind.txt"
	done
done
: >"$OUT/switch.txt"
for i in 1 2 3; do
	run twenty "switch-$i" HUIBIAN_PERF="$OUT/run-twenty-switch-$i/perf.txt" HUIBIAN_PERF_OPEN=switch HUIBIAN_PERF_QUIT=1 >/dev/null
	f=$OUT/run-twenty-switch-$i/perf.txt
	grep -q '^done' "$f" || { echo "切换测量失败,见 $f" >&2; exit 1; }
	awk '{v[$1]=$2} END {print v["switch_comp_ms_median"], v["switch_comp_ms_max"], v["switch_comp_ms_first"]}' "$f" >>"$OUT/switch.txt"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
s1=$(cut -d' ' -f1 "$OUT/start-one.txt" | median)
s20=$(cut -d' ' -f1 "$OUT/start-twenty.txt" | median)
c1=$(cut -d' ' -f2 "$OUT/start-one.txt" | median)
c20=$(cut -d' ' -f2 "$OUT/start-twenty.txt" | median)
echo "运行次数 $RUNS（各取中位数）；原始数据见 $OUT/start-one.txt、$OUT/start-twenty.txt、$OUT/switch.txt"
awk -v a="$s20" -v b="$s1" 'BEGIN { printf "启动到窗口出现：资料库 20 部汇编 %d ms，1 部 %d ms，比值 %.2f（目标 ≤ 1.1）\n", a, b, a/b }'
awk -v a="$c20" -v b="$c1" 'BEGIN { printf "到第一篇绘出时的进程 CPU 时间：20 部 %d ms，1 部 %d ms，比值 %.2f\n", a, b, a/b }'
swm=$(cut -d' ' -f1 "$OUT/switch.txt" | median)
swx=$(cut -d' ' -f2 "$OUT/switch.txt" | sort -n | tail -1)
swf=$(cut -d' ' -f3 "$OUT/switch.txt" | median)
echo "在资料库中切换两部与种子同样大小的汇编（点击“打开”到绘出）：中位数 $swm ms，最大 $swx ms（目标 < 100 ms）；每次启动后的第一次切换中位数 $swf ms"
