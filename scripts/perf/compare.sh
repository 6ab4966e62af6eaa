#!/usr/bin/env bash
# Opening 对照阅读 and 专题矩阵, click to drawn (issue 12: target < 150 ms).
#
# Starts the real binary (built with -tags perf: ui/perf_compare.go) under
# Xvfb at 1100×760 on the seed, shows section 1/3, then 21 times taps the
# toolbar's 对照 button and captures the canvas (layout and paint of the
# whole view), and goes back; the same for 查看 › 专题矩阵. Prints the first
# opening (which may still build the comparison index), the median and the
# maximum of the other 20, and the machine's load.
#
#   PERF_OUT  output directory (default /tmp/huibian-perf-compare)
#   PERF_DISPLAY  X display number to use (default: the first free from 140)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${PERF_OUT:-/tmp/huibian-perf-compare}
rm -rf "$OUT"
mkdir -p "$OUT/home" "$OUT/data"
go build -tags perf -o "$OUT/huibian" .

. scripts/lib/window.sh
trap xvfb_stop EXIT
xvfb_start "${PERF_DISPLAY:-140}" 1100x760 "$OUT/xvfb.log" || { echo "Xvfb 未启动" >&2; exit 1; }
disp=$XVFB_DISP

load0=$(cut -d' ' -f1-3 /proc/loadavg)
env -i PATH="$PATH" DISPLAY=":$disp" HOME="$OUT/home" XDG_CACHE_HOME="$OUT/home/.cache" \
	XDG_CONFIG_HOME="$OUT/home/.config" LANG=C.UTF-8 HUIBIAN_PERF="$OUT/perf.txt" HUIBIAN_PERF_QUIT=1 \
	HUIBIAN_PERF_OPEN=compare "$OUT/huibian" --data "$OUT/data" 2>"$OUT/stderr.log" &
pid=$!
for _ in $(seq 1200); do
	grep -q '^done' "$OUT/perf.txt" 2>/dev/null && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
wait $pid 2>/dev/null || true
grep -q '^done' "$OUT/perf.txt" || { echo "没有完成测量，见 $OUT" >&2; exit 1; }
grep -v '_all\|unix_ns\|^done' "$OUT/perf.txt"
echo "load_before $load0"
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)"
