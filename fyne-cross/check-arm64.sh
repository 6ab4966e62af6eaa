#!/usr/bin/env bash
# Verifies the linux/arm64 build (cross-built by fyne-cross/build.sh on an
# amd64 host) and runs it under qemu-aarch64-static:
#   - the tar.xz and the .deb carry the arm64 binary, the desktop entry, the
#     AppStream metainfo and the icons; lintian is clean; the .deb installs
#     into a scratch root (dpkg --root --force-architecture);
#   - every NEEDED library of the binary exists for arm64 and comes from a
#     package named in Depends;
#   - under qemu: info --json counts the built-in compilation, and the window
#     opens under Xvfb (screenshot fyne-cross/tmp/arm64-window.png).
#
# qemu: the binary's loader is /lib/ld-linux-aarch64.so.1 from libc6:arm64
# (multiarch). Running it with `-L /usr/aarch64-linux-gnu` mixes that
# sysroot's loader (libc6-arm64-cross) with the libc6:arm64 libraries of
# /lib/aarch64-linux-gnu found through ld.so's multiarch paths: every cgo
# binary then spins at 100 % CPU before main. Without -L qemu uses the
# host's /lib/ld-linux-aarch64.so.1 and one glibc: it runs.
# HB_DISPLAY=:N uses that Xvfb display number.
set -uo pipefail

# shellcheck source=fyne-cross/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/config.sh"
# shellcheck source=fyne-cross/lib.sh
source "$HB_ROOT/fyne-cross/lib.sh"
# shellcheck source=fyne-cross/checklib.sh
source "$HB_ROOT/fyne-cross/checklib.sh"
cd "$HB_ROOT"

set -e
need_cmds qemu-aarch64-static:qemu-user-static readelf:binutils lintian:lintian appstreamcli:appstream \
	desktop-file-validate:desktop-file-utils Xvfb:xvfb xdotool:xdotool xdpyinfo:x11-utils import:imagemagick
set +e

BIN="$HB_BIN/linux-arm64/$BIN_NAME"
TAR="$HB_DIST/linux-arm64/$(hb_artifact linux arm64 tar)"
DEB="$HB_DIST/linux-arm64/$(hb_artifact linux arm64 deb)"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/huibian-arm64.XXXXXX")"
PIDS=()
cleanup() {
	local p
	for p in ${PIDS[@]+"${PIDS[@]}"}; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done
	rm -rf "$SCRATCH"
}
trap cleanup EXIT
start=$SECONDS

log "arm64 artifacts"
for f in "$BIN" "$TAR" "$DEB"; do
	if [ -f "$f" ]; then ok "$(printf '%7s  %s' "$(size_of "$f")" "${f#"$HB_ROOT"/}")"; else fail "missing ${f#"$HB_ROOT"/}"; fi
done
[ -f "$BIN" ] || finish check-arm64.sh
desc="$(file -b "$BIN")"
[[ "$desc" == "ELF 64-bit LSB "*"ARM aarch64"*"interpreter /lib/ld-linux-aarch64.so.1"* ]] && ok "file: ${desc%%, BuildID*}" || fail "file: $desc"
bytes="$(stat -c %s "$BIN")"
[ "$bytes" -lt $((40 * 1024 * 1024)) ] && ok "size $((bytes / 1024 / 1024)) MB < 40 MB" || fail "size $((bytes / 1024 / 1024)) MB"

log "libraries (readelf -d) and Depends"
deps="$(dpkg-deb -f "$DEB" Depends 2>/dev/null)"
ok "Depends: $deps"
for lib in $(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	path="$(ls /lib/aarch64-linux-gnu/"$lib" /usr/lib/aarch64-linux-gnu/"$lib" 2>/dev/null | head -n 1)"
	if [ -z "$path" ]; then fail "NEEDED $lib: not found for arm64"; continue; fi
	pkg="$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1)"
	[ -z "$pkg" ] && pkg="$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1)"
	if [ -n "$pkg" ] && grep -qE "(^|, )$pkg( |,|$)" <<<"$deps"; then ok "NEEDED $lib: $pkg:arm64, in Depends"; else fail "NEEDED $lib: package '$pkg' not in Depends"; fi
done

log "arm64 .deb and tar.xz"
if [ -f "$DEB" ]; then
	[ "$(dpkg-deb -f "$DEB" Architecture)" = arm64 ] && ok "Architecture: arm64" || fail "Architecture: $(dpkg-deb -f "$DEB" Architecture)"
	root="$SCRATCH/root"
	mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
	touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
	if dpkg --root="$root" --force-architecture --force-depends --force-not-root --force-script-chrootless --no-triggers \
		--log=/dev/null -i "$DEB" >"$SCRATCH/dpkg.log" 2>&1; then
		ok "dpkg --root=<scratch> --force-architecture -i"
		for p in "/usr/bin/$BIN_NAME" "/usr/share/applications/$APP_ID.desktop" "/usr/share/metainfo/$APP_ID.metainfo.xml" \
			"/usr/share/icons/hicolor/512x512/apps/$BIN_NAME.png"; do
			[ -f "$root$p" ] && ok "installed $p" || fail "not installed: $p"
		done
		cmp -s "$root/usr/bin/$BIN_NAME" "$BIN" && ok "installed binary identical" || fail "installed binary differs"
	else
		fail "dpkg --root -i: $(tail -n 3 "$SCRATCH/dpkg.log")"
	fi
fi
if [ -f "$TAR" ]; then
	mkdir -p "$SCRATCH/tar" && tar -xJf "$TAR" -C "$SCRATCH/tar"
	tb="$(find "$SCRATCH/tar" -path "*/bin/$BIN_NAME" -type f | head -n 1)"
	[ -n "$tb" ] && cmp -s "$tb" "$BIN" && ok "tar.xz: binary identical" || fail "tar.xz: binary differs or is missing"
fi
check_package_quality arm64 "$DEB" "$TAR"

log "under qemu-aarch64-static ($(qemu-aarch64-static --version | head -n 1))"
if [ ! -e /lib/ld-linux-aarch64.so.1 ]; then
	fail "no /lib/ld-linux-aarch64.so.1 (libc6:arm64): cannot run the arm64 binary"
else
	mkdir -p "$SCRATCH/data" "$SCRATCH/home"
	t=$SECONDS
	out="$(timeout -s KILL 180 qemu-aarch64-static "$BIN" --version 2>&1)"
	grep -qF "$APP_VERSION" <<<"$out" && ok "--version: $out ($((SECONDS - t)) s)" || fail "--version under qemu: '$out'"
	t=$SECONDS
	out="$(timeout -s KILL 300 qemu-aarch64-static "$BIN" --data "$SCRATCH/data" info --json 2>"$SCRATCH/info.err")"
	got="$(counts_of "$out")"
	if [ "$got" = "$SEED_COUNTS" ]; then ok "info --json: $got ($((SECONDS - t)) s)"; else fail "info --json under qemu gave '$got': $(head -c 300 "$SCRATCH/info.err")"; fi

	start_xvfb "$SCRATCH"
	PIDS+=("$XVFB_PID")
	t=$SECONDS
	DISPLAY="$XVFB_DISPLAY" HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config" FYNE_THEME=light LANG=C.UTF-8 \
		qemu-aarch64-static "$BIN" --data "$SCRATCH/data" >"$SCRATCH/app.log" 2>&1 &
	app=$!
	PIDS+=("$app")
	if wid="$(DISPLAY="$XVFB_DISPLAY" timeout 240 xdotool search --sync --onlyvisible --name "^$APP_NAME\$" 2>/dev/null | head -n 1)" && [ -n "$wid" ]; then
		ok "window '$APP_NAME' under qemu after $((SECONDS - t)) s"
		# Software GL under emulation draws slowly: wait until the picture is stable.
		if shoot_drawn "$XVFB_DISPLAY" "$wid" "$HB_TMP/arm64-window.png" 180; then
			ok "drawn after $((SECONDS - t)) s: screenshot ${HB_TMP#"$HB_ROOT"/}/arm64-window.png"
		else
			fail "the window showed no document within 180 s"
		fi
		rm -f "$HB_TMP/arm64-window.png.prev.png"
		kill -0 "$app" 2>/dev/null && ok "still running" || fail "exited after showing the window"
	else
		fail "no window under qemu within 240 s: $(tail -n 3 "$SCRATCH/app.log")"
	fi
	kill -9 "$app" 2>/dev/null
	wait "$app" 2>/dev/null
fi

printf '\narm64 checks took %d s\n' "$((SECONDS - start))"
finish check-arm64.sh
