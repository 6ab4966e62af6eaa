#!/usr/bin/env bash
# Limits at scale (issue 13 §5): a data directory with 100 000 notes and
# 200 bookmarks, written by scripts/perf/fillnotes through the notes
# service's JSON import. Measured with the real binary, one process per
# command, wall time:
#   note add        median of PERF_RUNS runs   target < 20 ms
#   note ls --json  median of 5 runs           target < 1 s
#   disk use        userdata.db and backups/ (compressed dumps)
# and, as the floor every command pays, `--version` (process start and
# package initialisation, no data opened). Each line gives the median wall
# time and the median CPU time (user + system) of the process: on a machine
# shared with other work, wall time mostly measures the wait for a CPU,
# and CPU time is what the command itself costs. Exit status 0 unless a
# command fails. Where the time of one command goes, in one process:
# go run ./scripts/perf/cliprof (see there).
#
#   HUIBIAN_BIN  binary to measure (default: go build -o $OUT/huibian .)
#   PERF_OUT     output directory (default /tmp/huibian-perf-scale)
#   PERF_RUNS    note add runs (default 21)
#   PERF_NOTES   notes (default 100000)
#   PERF_DATA    an existing data directory to measure instead of filling
#                a new one (to compare two binaries on the same data)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${PERF_OUT:-/tmp/huibian-perf-scale}
RUNS=${PERF_RUNS:-21}
NOTES=${PERF_NOTES:-100000}
mkdir -p "$OUT"
BIN=${HUIBIAN_BIN:-}
if [ -z "$BIN" ]; then
	BIN=$OUT/huibian
	go build -o "$BIN" .
fi
DATA=${PERF_DATA:-}
if [ -z "$DATA" ]; then
	DATA=$OUT/data
	rm -rf "$DATA"
	go run ./scripts/perf/fillnotes -notes "$NOTES" -bookmarks 200 "$DATA" >/dev/null
fi

# median wall and CPU times (ms) of running "$@" n times
median() {
	local n=$1
	shift
	python3 - "$n" "$@" <<'PY'
import os, statistics, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
ts, cpu = [], []
for i in range(n):
    c = [a.replace("{i}", str(i)) for a in cmd]
    t = time.perf_counter()
    p = subprocess.Popen(c, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    ts.append((time.perf_counter() - t) * 1000)
    cpu.append((ru.ru_utime + ru.ru_stime) * 1000)
    if status != 0:
        sys.exit(f"{c} failed")
print(f"{statistics.median(ts):.1f} ms (min {min(ts):.1f}, max {max(ts):.1f}); CPU {statistics.median(cpu):.1f} ms")
PY
}

echo "notes: $NOTES, machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "process start (--version):   $(median "$RUNS" "$BIN" --version)"
echo "note add:                    $(median "$RUNS" "$BIN" --data "$DATA" note add 5.6 "规模测试笔记 {i}")"
echo "note ls --json:              $(median 5 "$BIN" --data "$DATA" note ls --json)"
"$BIN" --data "$DATA" backup now >/dev/null
db=$(stat -c %s "$DATA/userdata.db")
bk=$(du -sb "$DATA/backups" | cut -f1)
newest=$(ls -1 "$DATA"/backups/*.bak.gz | tail -1)
echo "userdata.db:                 $((db / 1048576)) MB"
echo "newest backup:               $(($(stat -c %s "$newest") / 1048576)) MB ($(ls "$DATA"/backups | wc -l) backups, $((bk / 1048576)) MB in all: $(python3 -c "print(f'{$bk/$db:.2f}')")x the file)"
