# Shell helpers shared by fyne-cross/build.sh and fyne-cross/check.sh
# (sourced after config.sh).

log() { printf '\n==> [%ss] %s\n' "$SECONDS" "$*"; }
die() {
	printf '%s: %s\n' "$(basename "$0")" "$*" >&2
	exit 1
}
size_of() { du -h "$1" | cut -f1; }
# native_path P: P for native Windows programs under MSYS2/Git Bash (cygpath),
# P itself elsewhere. Values that are not absolute paths pass unchanged.
native_path() {
	if [[ "$1" == /* ]] && command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s' "$1"; fi
}

# need_cmds "cmd:debian-package" ...: installs the Debian packages of missing
# commands with apt-get (root or sudo); fails if a command is still missing.
need_cmds() {
	local missing=() pkgs=() spec
	for spec in "$@"; do
		command -v "${spec%%:*}" >/dev/null 2>&1 || {
			missing+=("${spec%%:*}")
			pkgs+=("${spec#*:}")
		}
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_install "${pkgs[@]}"
	for spec in "${missing[@]}"; do
		command -v "$spec" >/dev/null 2>&1 || die "missing command $spec"
	done
}

# need_debs pkg...: Debian packages that install no command (headers).
need_debs() {
	command -v dpkg-query >/dev/null 2>&1 || return 0
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

apt_install() {
	command -v apt-get >/dev/null 2>&1 || die "need Debian packages: $* (no apt-get here)"
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	log "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "$@" >/dev/null ||
		{ "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

# go_tool NAME MODULE@VERSION: path of a pinned Go tool, installed once into
# $HB_TOOLS/NAME-VERSION (the Go build cache makes a reinstall cheap).
go_tool() {
	local name="$1" mod="$2" dir
	dir="$HB_TOOLS/$name-${mod##*@}"
	name="$name$(go env GOEXE)"
	if [ ! -x "$dir/$name" ]; then
		log "go install $mod" >&2
		mkdir -p "$dir"
		(cd "$HB_TMP" 2>/dev/null || cd /; GOBIN="$dir" GOFLAGS= go install "$mod") >&2
	fi
	echo "$dir/$name"
}


# Linux arm64 cross toolchain (Debian multiarch): the arm64 C compiler and
# the :arm64 X11/GL headers Fyne's cgo build links against. Adds the arm64
# architecture to dpkg on first use. Returns non-zero (and says why) when it
# cannot be set up, so callers can skip the target.
ARM64_DEBS=(libc6-dev:arm64 libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
	libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64 libxkbcommon-dev:arm64)
need_arm64_cross() {
	local missing=() p sudo=()
	command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || {
		echo "no dpkg/apt-get: cannot install the arm64 cross toolchain" >&2
		return 1
	}
	command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || missing+=(gcc-aarch64-linux-gnu)
	for p in "${ARM64_DEBS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		log "dpkg --add-architecture arm64"
		"${sudo[@]}" dpkg --add-architecture arm64 || return 1
		"${sudo[@]}" apt-get update -qq || return 1
	fi
	(apt_install "${missing[@]}") || return 1
}

# wine64: Debian's 64-bit Wine (not on PATH: /usr/lib/wine/wine64).
wine_bin() {
	local w
	for w in /usr/lib/wine/wine64 "$(command -v wine64 2>/dev/null)" "$(command -v wine 2>/dev/null)"; do
		[ -n "$w" ] && [ -x "$w" ] && { echo "$w"; return 0; }
	done
	return 1
}
