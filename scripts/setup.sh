#!/usr/bin/env bash
# setup.sh [run|test]: prepares a Debian/Ubuntu machine to build Huibian.
#
# - Installs the C compiler and the X11/OpenGL headers Fyne's cgo build
#   needs (and, for "test", Xvfb, xdotool and ImageMagick for the window
#   tests), but only the packages that are missing.
# - Makes sure a Go toolchain new enough for go.mod is on PATH. Debian 12
#   ships Go 1.19, which cannot fetch newer toolchains by itself, so the
#   official toolchain is fetched as the Go module golang.org/toolchain
#   through the configured Go module proxy and kept in ~/.cache/huibian-go.
#
# Source it to get the PATH change: `. scripts/setup.sh test`.
set -euo pipefail

HUIBIAN_GO_VERSION=${HUIBIAN_GO_VERSION:-1.26.8}

_hb_apt() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "setup: installing ${missing[*]}" >&2
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

_hb_go_ok() {
	command -v go >/dev/null 2>&1 || return 1
	local v
	v=$(go env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
	# Go 1.21 and later fetch the toolchain go.mod asks for on their own.
	[ "$(printf '%s\n1.21\n' "$v" | sort -V | head -1)" = "1.21" ]
}

_hb_go() {
	[ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"
	local tc="$HOME/.cache/huibian-go/go$HUIBIAN_GO_VERSION"
	[ -x "$tc/bin/go" ] && export PATH="$tc/bin:$PATH"
	_hb_go_ok && return 0
	command -v go >/dev/null 2>&1 || _hb_apt golang-go
	local arch
	case "$(uname -m)" in
	x86_64) arch=amd64 ;;
	aarch64 | arm64) arch=arm64 ;;
	loongarch64) arch=loong64 ;;
	*) echo "setup: no Go toolchain for $(uname -m)" >&2; return 1 ;;
	esac
	echo "setup: fetching Go $HUIBIAN_GO_VERSION through the Go module proxy" >&2
	local tmp mod dir
	tmp=$(mktemp -d)
	mod="golang.org/toolchain@v0.0.1-go$HUIBIAN_GO_VERSION.linux-$arch"
	dir=$(cd "$tmp" && GOFLAGS= GOPATH="$tmp/gopath" go mod download -json "$mod" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
	mkdir -p "$(dirname "$tc")"
	rm -rf "$tc"
	cp -r "$dir" "$tc"
	chmod -R u+w "$tc" "$tmp"
	chmod +x "$tc"/bin/* "$tc"/pkg/tool/*/*
	rm -rf "$tmp"
	export PATH="$tc/bin:$PATH"
	_hb_go_ok
}

_hb_apt gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
if [ "${1:-run}" = test ]; then
	_hb_apt xvfb xdotool imagemagick util-linux xclip
	# Installer checks (fyne-cross/): Windows build and setup under Wine,
	# linux/arm64 cross build (Debian multiarch) run under qemu, lintian and
	# AppStream. HB_ARM64=0 leaves the arm64 architecture out.
	_hb_inst=(gcc-mingw-w64-x86-64 nsis wine64 lintian appstream desktop-file-utils dpkg-dev xz-utils file x11-utils)
	if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] && [ "${HB_ARM64:-1}" != 0 ]; then
		dpkg --print-foreign-architectures | grep -qx arm64 ||
			{ [ "$(id -u)" -eq 0 ] && dpkg --add-architecture arm64 || sudo dpkg --add-architecture arm64; }
		_hb_inst+=(qemu-user-static binutils gcc-aarch64-linux-gnu libc6-dev:arm64 libgl1-mesa-dev:arm64 libx11-dev:arm64
			libxcursor-dev:arm64 libxrandr-dev:arm64 libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64 libxkbcommon-dev:arm64)
	fi
	_hb_apt "${_hb_inst[@]}"
	unset _hb_inst
fi
_hb_go
echo "setup: $(go version)" >&2
