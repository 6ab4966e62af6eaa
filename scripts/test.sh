#!/usr/bin/env bash
# test.sh: sets up what is missing and runs every test: formatting and vet,
# the unit and headless UI tests, short fuzz runs of the parser and the
# line breaker, the window smoke test and the keys test (scripts/keys.sh)
# under Xvfb, and the installer build
# and checks.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh test
export GOFLAGS=${GOFLAGS:--mod=readonly}

step() { printf '\n=== %s\n' "$*"; }

step "go mod download"
go mod download

step "gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then
	echo "not gofmt-ed:"; echo "$bad"; exit 1
fi

step "go mod tidy -diff"
if ! go mod tidy -diff; then
	echo "go.mod or go.sum is not tidy: run go mod tidy"; exit 1
fi

step "go vet"
go vet -tags ci ./...
go vet -tags ci,perf ./ui/ # the perf build (scripts/perf) too

step "go test (unit and headless UI tests)"
go test -tags ci -count=1 ./...

step "fuzz the parser (${HUIBIAN_FUZZTIME:=20s})"
go test ./app/parse -run '^$' -fuzz FuzzParse -fuzztime "$HUIBIAN_FUZZTIME"

step "fuzz the Word reader (${HUIBIAN_FUZZTIME})"
go test ./app/docx -run '^$' -fuzz FuzzText -fuzztime "$HUIBIAN_FUZZTIME"
step "fuzz the line breaker (${HUIBIAN_FUZZTIME})"
go test ./app/linebreak -run '^$' -fuzz FuzzBreak -fuzztime "$HUIBIAN_FUZZTIME"

if [ -x scripts/smoke.sh ]; then
	step "window smoke test under Xvfb"
	scripts/smoke.sh
fi

if [ -x scripts/keys.sh ]; then
	step "keys through the real GLFW driver under Xvfb"
	scripts/keys.sh
fi

if [ -x fyne-cross/build.sh ] && [ -x fyne-cross/check.sh ]; then
	step "installers: build and check"
	fyne-cross/build.sh
	fyne-cross/check.sh
	if [ "$(go env GOHOSTOS)/$(go env GOHOSTARCH)" = linux/amd64 ] && [ "${HB_ARM64:-1}" != 0 ]; then
		step "installers: linux/arm64 under qemu"
		fyne-cross/check-arm64.sh
	fi
	step "installers: Windows build and setup under Wine"
	fyne-cross/check-wine.sh
fi
echo
echo "all tests passed"
