#!/bin/sh
# Search benchmarks: time per keystroke on the seed, on 100 copies of it
# (12.8 MB, 4.3 million characters) and on 300 copies (about 13 million
# characters), index build time, and the naive approach (fuzzy.Find over
# every paragraph) against the engine on the same keystrokes.
#
# Metrics: median-ms / p99-ms / max-ms are wall time per keystroke;
# cpu-* are the CPU time of the searching thread (unaffected by other
# processes on a busy machine); naive/engine is the ratio of mean times.
set -eu
cd "$(dirname "$0")/../.."
go test -run '^$' -bench 'Keystroke|Build100x' -benchtime 5x ./app/search/
go test -run '^$' -bench 'VsNaive100x' -benchtime 1x ./app/search/
