#!/usr/bin/env bash
# run.sh: sets up what is missing, builds Huibian and opens the reader on
# the built-in compilation. Extra arguments are passed on (e.g. --data DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh run
mkdir -p out
go build -o out/huibian .
exec out/huibian "$@"
