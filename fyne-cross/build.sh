#!/usr/bin/env bash
# Builds the installers of 汇编阅读器 (huibian).
#
#   fyne-cross/build.sh            everything this machine can build
#   fyne-cross/build.sh linux deb  only some targets:
#                                  linux   binary + fyne package tar.xz (host arch)
#                                  deb     Debian package (host arch, needs linux)
#                                  linux-arm64, deb-arm64  the same for linux/arm64,
#                                          cross-built on amd64 (Debian multiarch)
#                                  windows huibian.exe, windows/amd64 (cgo, mingw-w64)
#                                  setup   NSIS setup program (needs windows)
#                                  darwin  universal .app, zipped (macOS hosts only)
#
# With a working Docker or Podman engine (and HB_NO_CONTAINER unset) it uses
# fyne-cross for windows/amd64, linux/amd64, linux/arm64 and, when
# MACOSX_SDK_PATH names an extracted SDK, darwin/amd64 and darwin/arm64.
# Otherwise it builds with the host toolchain and lists what it skipped.
#
# Outputs: fyne-cross/bin/<os>-<arch>/ (binaries), fyne-cross/dist/<os>-<arch>/
# (packages); scratch in fyne-cross/tmp/. All git-ignored. The tree is left
# clean: fyne package and fyne-cross bump Build in FyneApp.toml, so they only
# ever see a copy (host build) or get it restored (fyne-cross).
set -euo pipefail

# shellcheck source=fyne-cross/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/config.sh"
cd "$HB_ROOT"

BUILT=()
SKIPPED=()
skip() {
	SKIPPED+=("$1: $2")
	printf '\n--> SKIPPED %s: %s\n' "$1" "$2"
}
built() { BUILT+=("$1"); }

host_os="$(go env GOHOSTOS)"
host_arch="$(go env GOHOSTARCH)"

# --- helpers -----------------------------------------------------------------

# shellcheck source=fyne-cross/lib.sh
source "$HB_ROOT/fyne-cross/lib.sh"

# Cleanup on exit (snapshot, FyneApp.toml backup).
CLEANUP=()
cleanup() {
	local c
	for c in ${CLEANUP[@]+"${CLEANUP[@]}"}; do eval "$c"; done
}
trap cleanup EXIT

# snapshot: copies the sources (tracked and untracked, not ignored) to a
# temporary directory outside the tree. Builds run there, so nothing
# (the .syso, FyneApp.toml's Build) touches the working tree, and the copy
# does not show up in gofmt or go vet runs over it. -trimpath keeps binaries
# and the Go build cache independent of the directory.
SRC=""
snapshot() {
	[ -n "$SRC" ] && return 0
	SRC="$(mktemp -d "${TMPDIR:-/tmp}/huibian-src.XXXXXX")"
	CLEANUP+=("rm -rf '$SRC'")
	log "snapshot sources to $SRC"
	if git -C "$HB_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$HB_ROOT" ls-files -z -co --exclude-standard |
			(cd "$HB_ROOT" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
			tar -C "$HB_ROOT" --null -T - -cf - | tar -C "$SRC" -xf -
	else
		tar -C "$HB_ROOT" --exclude=./.git --exclude=./fyne-cross/bin --exclude=./fyne-cross/dist \
			--exclude=./fyne-cross/tmp --exclude=./fyne-cross/build -cf - . | tar -C "$SRC" -xf -
	fi
}

# icons: PNGs at the hicolor sizes and a Windows .ico, drawn natively by the
# committed generator.
ICONS="$HB_TMP/icons"
icons() {
	[ -n "${ICONS_DONE:-}" ] && return 0
	mkdir -p "$ICONS"
	local gen
	gen="$ICONS/gen$(go env GOEXE)"
	go build -o "$gen" ./assets/icon/gen
	"$gen" -size 512 -o "$ICONS/$BIN_NAME-512.png"
	"$gen" -size 256 -o "$ICONS/$BIN_NAME-256.png"
	"$gen" -ico "$ICONS/$BIN_NAME.ico"
	ICONS_DONE=1
}

go_release_build() { # go_release_build OUT [extra ldflags]; env selects the target
	(cd "$SRC" && go build -buildvcs=false "${GO_BUILD_FLAGS[@]}" \
		-ldflags "$GO_LDFLAGS${2:+ $2}" -o "$1" "$MAIN_PKG")
}

# --- host targets ------------------------------------------------------------

# cross_env ARCH: the environment of a cgo build for linux/ARCH on this host.
cross_env() {
	case "$1" in
	"$host_arch") echo CGO_ENABLED=1 ;;
	arm64) echo CGO_ENABLED=1 GOARCH=arm64 CC=aarch64-linux-gnu-gcc PKG_CONFIG_PATH=/usr/lib/aarch64-linux-gnu/pkgconfig ;;
	*) return 1 ;;
	esac
}

# Packaging assets shared by the tar.xz and the .deb: our own desktop entry
# (fyne package's has no Name[zh_CN], Comment[zh_CN] or MimeType) and the
# AppStream metainfo. desktop_entry ICON OUT, metainfo OUT.
DESKTOP_ID="$APP_ID.desktop"
METAINFO="$APP_ID.metainfo.xml"
desktop_entry() {
	sed -e "s/^Icon=.*/Icon=$1/" -e "s/@WMCLASS@/$APP_NAME/" "$HB_ROOT/fyne-cross/linux/$DESKTOP_ID" >"$2"
	chmod 0644 "$2"
}
metainfo() {
	local date
	date="$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$HB_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}" +%Y-%m-%d)"
	sed -e "s/@VERSION@/$APP_VERSION/" -e "s/@DATE@/$date/" "$HB_ROOT/fyne-cross/linux/$METAINFO" >"$1"
	chmod 0644 "$1"
}

build_linux() { # build_linux ARCH
	local arch="$1" out dist tarball fyne env stage top
	[ "$host_os" = linux ] || { skip "linux/$arch tar.xz" "host is $host_os"; return; }
	env="$(cross_env "$arch")" || { skip "linux/$arch" "no cross toolchain for $arch on $host_arch"; return; }
	need_cmds gcc:gcc tar:tar xz:xz-utils
	if [ "$arch" = "$host_arch" ]; then
		need_debs libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev
	fi
	snapshot
	out="$HB_BIN/linux-$arch"
	dist="$HB_DIST/linux-$arch"
	mkdir -p "$out" "$dist"
	log "go build linux/$arch ($env) -> ${out#"$HB_ROOT"/}/$BIN_NAME"
	# shellcheck disable=SC2086 # env is a list of VAR=value words
	(export $env && go_release_build "$out/$BIN_NAME")
	built "$out/$BIN_NAME"

	fyne="$(go_tool fyne "fyne.io/tools/cmd/fyne@$FYNE_TOOL_VERSION")"
	tarball="$dist/$(hb_artifact linux "$arch" tar)"
	log "fyne package -os linux -> ${tarball#"$HB_ROOT"/}"
	rm -rf "$HB_TMP/pkg-linux-$arch" && mkdir -p "$HB_TMP/pkg-linux-$arch"
	(cd "$HB_TMP/pkg-linux-$arch" && "$fyne" package -os linux --release --src "$SRC" \
		--exe "$out/$BIN_NAME" --name "$APP_NAME" --app-id "$APP_ID" --icon "$APP_ICON" \
		--app-version "${APP_VERSION%%[-+]*}" --app-build "$APP_BUILD")
	# Repack with our desktop entry and the AppStream metainfo, which the
	# Makefile installs and uninstalls too.
	stage="$HB_TMP/pkg-linux-$arch/stage"
	mkdir -p "$stage"
	tar -xJf "$HB_TMP/pkg-linux-$arch/$APP_NAME.tar.xz" -C "$stage"
	top="$(dirname "$(find "$stage" -name Makefile | head -n 1)")"
	local share
	share="$(dirname "$(find "$top/usr" -type d -name applications | head -n 1)")"
	[ -d "$share" ] || die "fyne package's tar.xz has no share/applications"
	desktop_entry "$APP_ID" "$share/applications/$DESKTOP_ID"
	mkdir -p "$share/metainfo"
	metainfo "$share/metainfo/$METAINFO"
	local rel="${share#"$top"/}"
	awk -v rel="$rel" -v mi="$METAINFO" '
		{ print }
		/^install:/ { print "\tinstall -Dm00644 " rel "/metainfo/" mi " $(DESTDIR)$(PREFIX)/share/metainfo/" mi }
		/^uninstall:/ { print "\t-rm $(DESTDIR)$(PREFIX)/share/metainfo/" mi }
		/^user-install:/ { print "\tinstall -Dm00644 " rel "/metainfo/" mi " $(DESTDIR)$(HOME)/.local/share/metainfo/" mi }
		/^user-uninstall:/ { print "\t-rm $(DESTDIR)$(HOME)/.local/share/metainfo/" mi }
	' "$top/Makefile" >"$top/Makefile.new" && mv "$top/Makefile.new" "$top/Makefile"
	(cd "$stage" && tar --owner=0 --group=0 --numeric-owner -cf - -- * | xz -T0 -6 >"$tarball")
	built "$tarball"
}

build_deb() { # build_deb ARCH
	local arch="$1" bin tarball stage deb desktop deps
	[ "$host_os" = linux ] || { skip "linux/$arch .deb" "host is $host_os"; return; }
	bin="$HB_BIN/linux-$arch/$BIN_NAME"
	tarball="$HB_DIST/linux-$arch/$(hb_artifact linux "$arch" tar)"
	[ -x "$bin" ] && [ -f "$tarball" ] || die "deb needs the linux target first"
	need_cmds dpkg-deb:dpkg xz:xz-utils dpkg-shlibdeps:dpkg-dev gzip:gzip
	icons
	stage="$HB_TMP/deb-$arch/$DEB_PACKAGE"
	rm -rf "$HB_TMP/deb-$arch" && mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/applications" \
		"$stage/usr/share/metainfo" "$stage/usr/share/doc/$DEB_PACKAGE" "$stage/usr/share/man/man1" \
		"$stage/usr/share/lintian/overrides"
	install -m 0755 "$bin" "$stage/usr/bin/$BIN_NAME"
	install -Dm 0644 "$ICONS/$BIN_NAME-512.png" "$stage/usr/share/icons/hicolor/512x512/apps/$BIN_NAME.png"
	install -Dm 0644 "$ICONS/$BIN_NAME-256.png" "$stage/usr/share/icons/hicolor/256x256/apps/$BIN_NAME.png"
	desktop="$stage/usr/share/applications/$DESKTOP_ID"
	desktop_entry "$BIN_NAME" "$desktop"
	metainfo "$stage/usr/share/metainfo/$METAINFO"

	cat >"$stage/usr/share/doc/$DEB_PACKAGE/copyright" <<-EOF
		Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
		Upstream-Name: $APP_NAME ($BIN_NAME)

		Files: *
		Copyright: ${APP_COPYRIGHT#© }
		License: proprietary
		 All rights reserved by the copyright holder.
		Comment: The binary embeds the Noto Sans CJK SC font (subset), SIL Open Font License 1.1.
	EOF
	gzip -9n >"$stage/usr/share/doc/$DEB_PACKAGE/changelog.gz" <<-EOF
		$DEB_PACKAGE ($APP_VERSION) stable; urgency=medium

		  * Release $APP_VERSION (build $APP_BUILD) of $APP_NAME.

		 -- $DEB_MAINTAINER  $(date -u -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$HB_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}")
	EOF
	gzip -9n <"$HB_ROOT/fyne-cross/linux/$BIN_NAME.1" >"$stage/usr/share/man/man1/$BIN_NAME.1.gz"
	install -m 0644 "$HB_ROOT/fyne-cross/linux/lintian-overrides" "$stage/usr/share/lintian/overrides/$DEB_PACKAGE"
	find "$stage/usr/share" -type f -exec chmod 0644 {} +

	deps="$DEB_FALLBACK_DEPENDS"
	# dpkg-shlibdeps finds the arm64 libraries through multiarch (:arm64 -dev
	# packages installed by need_arm64_cross).
	if shl="$(cd "$HB_TMP/deb-$arch" && mkdir -p debian && printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' \
		"$DEB_PACKAGE" "$DEB_PACKAGE" >debian/control &&
		DEB_HOST_ARCH="$arch" DEB_HOST_MULTIARCH="$(dpkg-architecture -a "$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)" \
		dpkg-shlibdeps -O "$stage/usr/bin/$BIN_NAME" 2>"$HB_TMP/deb-$arch/shlibdeps.log")"; then
		deps="${shl#shlibs:Depends=}"
	else
		echo "dpkg-shlibdeps failed ($(tail -n 1 "$HB_TMP/deb-$arch/shlibdeps.log")); using the fallback Depends list" >&2
	fi

	cat >"$stage/DEBIAN/control" <<-EOF
		Package: $DEB_PACKAGE
		Version: ${APP_VERSION//-/\~}
		Architecture: $arch
		Maintainer: $DEB_MAINTAINER
		Installed-Size: $(du -sk "$stage/usr" | cut -f1)
		Depends: $deps
		Section: $DEB_SECTION
		Priority: optional
		Description: $APP_NAME - $APP_DESCRIPTION
		 Offline reader for compilations of Chinese official documents:
		 table of contents, full text, search and notes. The built-in
		 compilation and a Simplified Chinese font are included. Opens
		 Word documents (.docx) and text files from the file manager.
	EOF
	(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
	chmod 0644 "$stage/DEBIAN/md5sums"
	deb="$HB_DIST/linux-$arch/$(hb_artifact linux "$arch" deb)"
	log "dpkg-deb -> ${deb#"$HB_ROOT"/}"
	dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
	built "$deb"
}

build_windows() {
	local out winres syso
	[ "$host_os" = linux ] || [ "$host_os" = windows ] || { skip "windows/amd64 .exe" "host is $host_os"; return; }
	local cc=x86_64-w64-mingw32-gcc
	if [ "$host_os" = windows ]; then cc=gcc; else need_cmds "$cc:gcc-mingw-w64-x86-64"; fi
	snapshot
	icons
	out="$HB_BIN/windows-amd64"
	mkdir -p "$out"
	winres="$(go_tool go-winres "github.com/tc-hib/go-winres@$GO_WINRES_VERSION")"
	# Icon, version info and a GUI manifest (DPI aware, common controls 6).
	syso="$SRC/rsrc_windows_amd64.syso"
	"$winres" simply --arch amd64 --out "$SRC/rsrc" --manifest gui --icon "$ICONS/$BIN_NAME.ico" \
		--product-name "$APP_NAME" --file-description "$APP_NAME" \
		--product-version "$APP_VERSION_NUM" --file-version "$APP_VERSION_NUM" \
		--original-filename "$BIN_NAME.exe" --copyright "$APP_COPYRIGHT"
	[ -f "$syso" ] || die "go-winres wrote no $syso"
	log "go build windows/amd64 (cgo, $cc) -> ${out#"$HB_ROOT"/}/$BIN_NAME.exe"
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" go_release_build "$out/$BIN_NAME.exe" "-H windowsgui"
	built "$out/$BIN_NAME.exe"
}

build_setup() {
	local exe setup nsis_args=()
	exe="$HB_BIN/windows-amd64/$BIN_NAME.exe"
	[ -f "$exe" ] || die "setup needs the windows target first"
	need_cmds makensis:nsis
	icons
	setup="$HB_DIST/windows-amd64/$(hb_artifact windows amd64 setup)"
	mkdir -p "$(dirname "$setup")"
	# Debian's NSIS has amd64 stubs: a PE32+ setup. Stock NSIS (Windows) has
	# only x86 ones, whose setup runs everywhere too.
	if ls /usr/share/nsis/Stubs/*-amd64-unicode >/dev/null 2>&1; then
		nsis_args+=(-DTARGET_AMD64)
	fi
	# Defines go through a UTF-8 file: command-line -D values are not
	# reliably read as UTF-8.
	local defs="$HB_TMP/nsis/defines.nsh" kv
	mkdir -p "$(dirname "$defs")"
	printf '\xef\xbb\xbf; generated by fyne-cross/build.sh\n' >"$defs"
	for kv in "APP_NAME=$APP_NAME" "APP_ID=$APP_ID" "APP_VERSION=$APP_VERSION" \
		"APP_VERSION_NUM=$APP_VERSION_NUM" "APP_PUBLISHER=$APP_PUBLISHER" \
		"APP_DESCRIPTION=$APP_DESCRIPTION" "APP_COPYRIGHT=$APP_COPYRIGHT" "BIN_NAME=$BIN_NAME" \
		"INSTALL_DIR_NAME=$WIN_INSTALL_DIR_NAME" "EXE=$exe" "ICON=$ICONS/$BIN_NAME.ico" "OUTFILE=$setup"; do
		printf '!define %s "%s"\n' "${kv%%=*}" "$(native_path "${kv#*=}")" >>"$defs"
	done
	log "makensis -> ${setup#"$HB_ROOT"/}"
	makensis -V2 -INPUTCHARSET UTF8 "${nsis_args[@]}" "-DDEFINES=$(native_path "$defs")" \
		"$(native_path "$HB_ROOT/fyne-cross/windows/installer.nsi")"
	built "$setup"
}

build_darwin() {
	[ "$host_os" = darwin ] || {
		skip "darwin/amd64+arm64 .app" "needs macOS with Xcode (the SDK cannot be used on $host_os); built by .github/workflows/release.yml on a macOS runner"
		return
	}
	local out dist fyne zip
	snapshot
	out="$HB_BIN/darwin-universal"
	dist="$HB_DIST/darwin-universal"
	mkdir -p "$out" "$dist"
	log "go build darwin/arm64 + darwin/amd64, lipo"
	CGO_ENABLED=1 GOOS=darwin GOARCH=arm64 MACOSX_DEPLOYMENT_TARGET=12.0 go_release_build "$out/$BIN_NAME-arm64"
	CGO_ENABLED=1 GOOS=darwin GOARCH=amd64 MACOSX_DEPLOYMENT_TARGET=12.0 go_release_build "$out/$BIN_NAME-amd64"
	lipo -create -output "$out/$BIN_NAME" "$out/$BIN_NAME-arm64" "$out/$BIN_NAME-amd64"
	built "$out/$BIN_NAME"
	fyne="$(go_tool fyne "fyne.io/tools/cmd/fyne@$FYNE_TOOL_VERSION")"
	rm -rf "$HB_TMP/pkg-darwin" && mkdir -p "$HB_TMP/pkg-darwin"
	(cd "$HB_TMP/pkg-darwin" && "$fyne" package -os darwin --release --src "$SRC" \
		--exe "$out/$BIN_NAME" --name "$APP_NAME" --app-id "$APP_ID" --icon "$APP_ICON" \
		--app-version "${APP_VERSION%%[-+]*}" --app-build "$APP_BUILD")
	# Ad-hoc signature for the bundle (no Developer ID here): arm64 Macs need
	# signed code; users still confirm the first start (right click, Open).
	codesign --force --deep --sign - "$HB_TMP/pkg-darwin/$APP_NAME.app"
	zip="$dist/$(hb_artifact darwin universal app)"
	rm -f "$zip"
	ditto -c -k --sequesterRsrc --keepParent "$HB_TMP/pkg-darwin/$APP_NAME.app" "$zip"
	built "$zip"
}

# --- fyne-cross (container engine) -------------------------------------------

build_fyne_cross() {
	local engine="$1" fc toml_backup common arch bin
	fc="$(go_tool fyne-cross "github.com/fyne-io/fyne-cross@$FYNE_CROSS_VERSION")"
	# fyne-cross runs fyne package on the tree itself: keep FyneApp.toml as is.
	toml_backup="$(mktemp)"
	cp FyneApp.toml "$toml_backup"
	CLEANUP+=("cp '$toml_backup' '$HB_ROOT/FyneApp.toml'; rm -f '$toml_backup'")
	# -X=name=value has no space: fyne-cross passes ldflags through GOFLAGS.
	common=(-engine "$engine" -app-id "$APP_ID" -app-version "${APP_VERSION%%[-+]*}" -app-build "$APP_BUILD"
		-name "$APP_NAME" -icon "$(hb_toml Icon)" -tags "$GO_TAGS" -ldflags "-X=main.version=$APP_VERSION")
	# -release adds -trimpath (fyne package --release); fyne-cross supports it
	# for Windows only on Windows hosts, so that build has debug info stripped
	# (fyne-cross's default) but keeps build paths.
	log "fyne-cross ($engine) linux amd64,arm64"
	"$fc" linux -arch amd64,arm64 -release "${common[@]}"
	log "fyne-cross ($engine) windows amd64"
	"$fc" windows -arch amd64 "${common[@]}"
	if [ -n "${MACOSX_SDK_PATH:-}" ]; then
		log "fyne-cross ($engine) darwin amd64,arm64"
		"$fc" darwin -arch amd64,arm64 -macosx-sdk-path "$MACOSX_SDK_PATH" "${common[@]}"
	else
		skip "darwin/amd64+arm64" "set MACOSX_SDK_PATH to an SDK extracted with 'fyne-cross darwin-sdk-extract' (or use the release workflow's macOS runner)"
	fi
	# fyne-cross names files after -name (汇编阅读器): give them this
	# project's artifact names, then add the .deb and the NSIS setup.
	for arch in amd64 arm64; do
		[ -f "$HB_BIN/linux-$arch/$APP_NAME" ] && mv "$HB_BIN/linux-$arch/$APP_NAME" "$HB_BIN/linux-$arch/$BIN_NAME"
		[ -f "$HB_DIST/linux-$arch/$APP_NAME.tar.xz" ] &&
			mv "$HB_DIST/linux-$arch/$APP_NAME.tar.xz" "$HB_DIST/linux-$arch/$(hb_artifact linux "$arch" tar)"
	done
	[ -f "$HB_BIN/windows-amd64/$APP_NAME.exe" ] && mv "$HB_BIN/windows-amd64/$APP_NAME.exe" "$HB_BIN/windows-amd64/$BIN_NAME.exe"
	for f in "$HB_BIN"/*/* "$HB_DIST"/*/*; do [ -f "$f" ] && built "$f"; done
	if [ "$host_os" = linux ] && [ -f "$HB_BIN/linux-$host_arch/$BIN_NAME" ]; then build_deb "$host_arch"; fi
	if [ "$host_os" = linux ] && [ "$host_arch" != arm64 ] && [ -f "$HB_BIN/linux-arm64/$BIN_NAME" ]; then build_deb arm64; fi
	if [ -f "$HB_BIN/windows-amd64/$BIN_NAME.exe" ]; then build_setup; fi
}

# --- main --------------------------------------------------------------------

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(all)
start=$SECONDS
printf '%s %s (%s) build %s, version %s, host %s/%s\n' "$APP_NAME" "$BIN_NAME" "$APP_ID" "$APP_BUILD" \
	"$APP_VERSION" "$host_os" "$host_arch"

# A full build starts from empty output folders: no stale artifact of another
# version can be picked up (or uploaded) later.
if [ "${targets[*]}" = all ]; then
	rm -rf "$HB_BIN" "$HB_DIST"
fi

# check.sh compares the tree's status with this to prove the build left no trace.
mkdir -p "$HB_TMP"
if git -C "$HB_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$HB_ROOT" status --porcelain --untracked-files=all >"$HB_TMP/status.before"
fi

engine="${HB_ENGINE:-}" # docker or podman: skip the detection
if [ -z "$engine" ] && [ -z "${HB_NO_CONTAINER:-}" ] && [ "${targets[*]}" = all ]; then
	if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
		engine=docker
	elif command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; then
		engine=podman
	fi
fi

if [ -n "$engine" ]; then
	build_fyne_cross "$engine"
else
	if [ "${targets[*]}" = all ]; then
		why="no container engine"
		command -v docker >/dev/null 2>&1 && why="docker client present but 'docker info' fails (no engine running)"
		[ -n "${HB_NO_CONTAINER:-}" ] && why="HB_NO_CONTAINER is set"
		printf '\nfyne-cross not used: %s. Building with the host toolchain.\n' "$why"
		skip "fyne-cross (windows/amd64, linux/amd64, linux/arm64, darwin/amd64, darwin/arm64 in containers)" "$why"
		case "$host_os" in
		linux) targets=(linux deb windows setup darwin) ;;
		windows) targets=(windows setup) ;;
		darwin) targets=(darwin) ;;
		esac
		# linux/arm64 is cross-built on amd64 hosts with Debian multiarch
		# (HB_ARM64=0 skips it); linux/amd64 on arm64 hosts is left to the
		# release workflow's amd64 runner.
		if [ "$host_os" = linux ] && [ "$host_arch" = amd64 ]; then
			if [ "${HB_ARM64:-1}" = 0 ]; then
				skip "linux/arm64" "HB_ARM64=0"
			elif need_arm64_cross; then
				targets=(linux deb linux-arm64 deb-arm64 windows setup darwin)
			else
				skip "linux/arm64" "could not install the arm64 cross toolchain (gcc-aarch64-linux-gnu and :arm64 X11/GL headers, Debian multiarch)"
			fi
		elif [ "$host_os" = linux ]; then
			skip "linux/amd64" "cross-built only on amd64 hosts; the release workflow builds it on a native amd64 runner"
		fi
		[ "$host_os" = linux ] && skip "linux/loong64" "bookworm has no loongarch64 cross compiler (cgo is needed for GLFW/OpenGL); see fyne-cross/README.md"
		[ "$host_os" = linux ] && skip "freebsd, android, ios" "not targets of this project"
	fi
	for t in "${targets[@]}"; do
		case "$t" in
		linux) build_linux "$host_arch" ;;
		deb) build_deb "$host_arch" ;;
		linux-arm64)
			[ "$host_arch" = arm64 ] || need_arm64_cross || die "cannot set up the arm64 cross toolchain"
			build_linux arm64
			;;
		deb-arm64) build_deb arm64 ;;
		windows) build_windows ;;
		setup) build_setup ;;
		darwin) build_darwin ;;
		*) die "unknown target $t (linux, deb, linux-arm64, deb-arm64, windows, setup, darwin)" ;;
		esac
	done
fi

printf '\n==== built (%ds) ====\n' "$((SECONDS - start))"
for f in ${BUILT[@]+"${BUILT[@]}"}; do printf '%8s  %s\n' "$(size_of "$f")" "${f#"$HB_ROOT"/}"; done
if [ ${#SKIPPED[@]} -gt 0 ]; then
	printf '==== skipped ====\n'
	for s in "${SKIPPED[@]}"; do printf '  - %s\n' "$s"; done
fi
