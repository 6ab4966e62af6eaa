#!/usr/bin/env bash
# Verifies what fyne-cross/build.sh built on this (Linux) host:
#   - the tar.xz and the .deb carry the binary, the .desktop entry and the icon;
#     the .deb installs into a scratch root (dpkg --root) at the right paths
#     and its dependencies resolve (apt-get --simulate);
#   - huibian.exe and the setup program are PE32+ GUI x86-64 binaries with an
#     icon resource (file + fyne-cross/pecheck);
#   - the Linux binary is stamped with the version, is under 40 MB and, if it
#     is a GUI build, opens its window under Xvfb within 15 s;
#   - the icon is reproducible and build.sh left the git tree as it found it.
# Prints the size of every artifact; exits non-zero on any failure.
#
#   fyne-cross/check.sh                 everything (after build.sh on Linux)
#   fyne-cross/check.sh linux           only the Linux binary, tar.xz and .deb
#   fyne-cross/check.sh windows         only the .exe and the setup program
set -uo pipefail

# shellcheck source=fyne-cross/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/config.sh"
# shellcheck source=fyne-cross/lib.sh
source "$HB_ROOT/fyne-cross/lib.sh"
cd "$HB_ROOT"

# shellcheck source=fyne-cross/checklib.sh
source "$HB_ROOT/fyne-cross/checklib.sh"

SCOPE=" ${*:-linux windows} "
want() { [[ "$SCOPE" == *" $1 "* ]]; }

set -e
need_cmds file:file
want linux && need_cmds dpkg-deb:dpkg xz:xz-utils Xvfb:xvfb xdotool:xdotool xprop:x11-utils xdpyinfo:x11-utils \
	desktop-file-validate:desktop-file-utils lintian:lintian appstreamcli:appstream
set +e

arch="$(go env GOHOSTARCH)"
BIN="$HB_BIN/linux-$arch/$BIN_NAME"
TAR="$HB_DIST/linux-$arch/$(hb_artifact linux "$arch" tar)"
DEB="$HB_DIST/linux-$arch/$(hb_artifact linux "$arch" deb)"
EXE="$HB_BIN/windows-amd64/$BIN_NAME.exe"
SETUP="$HB_DIST/windows-amd64/$(hb_artifact windows amd64 setup)"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/huibian-check.XXXXXX")"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$SCRATCH"
}
trap cleanup EXIT

log "artifacts"
expect=()
want linux && expect+=("$BIN" "$TAR" "$DEB")
want windows && expect+=("$EXE" "$SETUP")
for f in "${expect[@]}"; do
	if [ -f "$f" ]; then ok "$(printf '%7s  %s' "$(size_of "$f")" "${f#"$HB_ROOT"/}")"; else fail "missing ${f#"$HB_ROOT"/}"; fi
done
for f in "$HB_BIN"/*/* "$HB_DIST"/*/*; do
	case "$f" in "$BIN" | "$TAR" | "$DEB" | "$EXE" | "$SETUP" | *"*"*) ;; *) [ -f "$f" ] && ok "$(printf '%7s  %s (extra)' "$(size_of "$f")" "${f#"$HB_ROOT"/}")" ;; esac
done

# --- Linux binary -------------------------------------------------------------
GUI=""
if want linux; then
log "linux binary"
if [ -f "$BIN" ]; then
	bytes="$(stat -c %s "$BIN")"
	if [ "$bytes" -lt $((40 * 1024 * 1024)) ]; then ok "size $((bytes / 1024 / 1024)) MB < 40 MB"; else fail "size $((bytes / 1024 / 1024)) MB >= 40 MB"; fi
	out="$("$BIN" --version 2>&1)"
	if grep -qF "$APP_VERSION" <<<"$out"; then ok "--version: $out"; else fail "--version printed '$out', want $APP_VERSION"; fi
	if grep -qa 'fyne.io/fyne/v2/internal/driver/glfw' "$BIN"; then
		GUI=1
		# The app ID in the code (app.NewWithID) must be FyneApp.toml's.
		if grep -qaF "$APP_ID" "$BIN"; then ok "GUI build, app ID $APP_ID inside"; else fail "GUI build without the string $APP_ID (app.NewWithID differs from FyneApp.toml?)"; fi
	fi
	if command -v ldd >/dev/null && ldd "$BIN" 2>&1 | grep -q 'not found'; then
		fail "unresolved libraries: $(ldd "$BIN" | grep 'not found' | tr -s ' \t' ' ')"
	else
		ok "libraries resolve (ldd)"
	fi
fi

# --- tar.xz -------------------------------------------------------------------
log "tar.xz (fyne package)"
if [ -f "$TAR" ]; then
	list="$(tar -tJf "$TAR")" || fail "tar -tJf $TAR"
	for want in "usr/.*bin/$BIN_NAME\$" "usr/.*share/applications/[^/]*\\.desktop\$" "usr/.*share/pixmaps/[^/]*\\.png\$"; do
		if m="$(grep -E "$want" <<<"$list")"; then ok "contains $m"; else fail "no entry matching $want"; fi
	done
	mkdir -p "$SCRATCH/tar" && tar -xJf "$TAR" -C "$SCRATCH/tar"
	TARBIN="$(find "$SCRATCH/tar" -path "*/bin/$BIN_NAME" -type f | head -n 1)"
	if [ -n "$TARBIN" ] && cmp -s "$TARBIN" "$BIN"; then ok "binary identical to ${BIN#"$HB_ROOT"/}"; else fail "binary in tar.xz differs or is missing"; fi
	desk="$(find "$SCRATCH/tar" -name '*.desktop' | head -n 1)"
	if [ -n "$desk" ] && grep -qx "Name=$APP_NAME" "$desk" && grep -qx "Exec=$BIN_NAME %f" "$desk"; then
		ok "desktop entry: Name=$APP_NAME, Exec=$BIN_NAME %f"
	else
		fail "desktop entry lacks Name=$APP_NAME / Exec=$BIN_NAME %f"
	fi
fi

# --- .deb ---------------------------------------------------------------------
log ".deb"
if [ -f "$DEB" ]; then
	contents="$(dpkg-deb --contents "$DEB")"
	for want in "./usr/bin/$BIN_NAME" "./usr/share/applications/$APP_ID.desktop" "./usr/share/metainfo/$APP_ID.metainfo.xml" \
		"./usr/share/icons/hicolor/512x512/apps/$BIN_NAME.png" "./usr/share/icons/hicolor/256x256/apps/$BIN_NAME.png"; do
		if awk '{print $NF}' <<<"$contents" | grep -qxF "$want"; then ok "dpkg-deb --contents: $want"; else fail "dpkg-deb --contents lacks $want"; fi
	done
	if grep -q "root/root.*./usr/bin/$BIN_NAME\$" <<<"$contents" && grep -q '^-rwxr-xr-x' <<<"$(grep "./usr/bin/$BIN_NAME\$" <<<"$contents")"; then
		ok "binary is root:root 0755"
	else
		fail "binary owner/mode wrong"
	fi
	for field in Package:"$DEB_PACKAGE" Version:"${APP_VERSION//-/\~}" Architecture:"$arch"; do
		got="$(dpkg-deb -f "$DEB" "${field%%:*}")"
		if [ "$got" = "${field#*:}" ]; then ok "${field%%:*}: $got"; else fail "${field%%:*} is '$got', want '${field#*:}'"; fi
	done
	deps="$(dpkg-deb -f "$DEB" Depends)"
	ok "Depends: $deps"
	if [ -n "$GUI" ]; then
		for lib in libgl1 libx11-6; do
			grep -q "\\b$lib\\b" <<<"$deps" && ok "depends on $lib" || fail "GUI build but Depends lacks $lib"
		done
	fi

	# Install into a scratch root: the files land at the right paths.
	root="$SCRATCH/root"
	mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
	touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
	if dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless --no-triggers \
		--log=/dev/null -i "$DEB" >"$SCRATCH/dpkg.log" 2>&1; then
		ok "dpkg --root=<scratch> -i"
		for p in "/usr/bin/$BIN_NAME" "/usr/share/applications/$APP_ID.desktop" "/usr/share/metainfo/$APP_ID.metainfo.xml" \
			"/usr/share/icons/hicolor/512x512/apps/$BIN_NAME.png" "/usr/share/icons/hicolor/256x256/apps/$BIN_NAME.png"; do
			if dpkg --root="$root" -L "$DEB_PACKAGE" | grep -qxF "$p" && [ -f "$root$p" ]; then ok "installed $p"; else fail "not installed: $p"; fi
		done
		cmp -s "$root/usr/bin/$BIN_NAME" "$BIN" && ok "installed binary identical" || fail "installed binary differs"
	else
		fail "dpkg --root -i failed: $(tail -n 3 "$SCRATCH/dpkg.log")"
	fi
	check_package_quality "$arch" "$DEB" "$TAR"
	# apt install ./file.deb would work: dependencies resolve (simulation only).
	if command -v apt-get >/dev/null; then
		if apt-get install --simulate --no-install-recommends "$DEB" >"$SCRATCH/apt.log" 2>&1 &&
			grep -q "^Inst $DEB_PACKAGE " "$SCRATCH/apt.log"; then
			ok "apt-get install --simulate ./$(basename "$DEB")"
		else
			fail "apt-get install --simulate: $(grep -E '^(E:| )' "$SCRATCH/apt.log" | head -n 5)"
		fi
	fi
fi

fi # want linux

# --- Windows ------------------------------------------------------------------
if want windows; then
log "windows"
go build -o "$SCRATCH/pecheck" ./fyne-cross/pecheck || fail "build fyne-cross/pecheck"
for f in "$EXE" "$SETUP"; do
	[ -f "$f" ] || continue
	desc="$(file -b "$f")"
	if [[ "$desc" == "PE32+ executable (GUI) x86-64"* ]]; then ok "file: $desc"; else fail "file says '$desc' for ${f#"$HB_ROOT"/}"; fi
	text="$APP_NAME"
	[ "$f" = "$EXE" ] && text="$APP_NAME,$APP_VERSION_NUM,$BIN_NAME.exe"
	if out="$("$SCRATCH/pecheck" -need icon,version,manifest -text "$text" "$f" 2>&1)"; then ok "$out"; else fail "$out"; fi
done
if [ -f "$EXE" ] && command -v osslsigncode >/dev/null; then
	# Unsigned is expected; osslsigncode parsing the PE proves it is well formed.
	out="$(osslsigncode verify -in "$EXE" 2>&1)"
	if grep -q 'No signature found' <<<"$out"; then ok "osslsigncode: readable PE, unsigned"; else note "osslsigncode: $(head -n 1 <<<"$out")"; fi
fi

fi # want windows

# --- window under Xvfb ----------------------------------------------------------
if want linux; then
log "window under Xvfb"
if [ -z "$GUI" ]; then
	note "the binary is a CLI-only build (no Fyne driver linked): no window to wait for"
elif [ -z "${TARBIN:-}" ]; then
	fail "no binary from the package to start"
else
	start_xvfb "$SCRATCH"
	PIDS+=("$XVFB_PID")
	disp="$XVFB_DISPLAY"
	home="$SCRATCH/home"
	mkdir -p "$home" "$SCRATCH/data"
	DISPLAY="$disp" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
		XDG_DATA_HOME="$home/.local/share" HUIBIAN_DATA="$SCRATCH/data" LANG=C.UTF-8 \
		"$TARBIN" >"$SCRATCH/app.log" 2>&1 &
	app=$!
	PIDS+=("$app")
	start=$SECONDS
	if wid="$(DISPLAY="$disp" timeout 15 xdotool search --sync --name "$APP_NAME" 2>/dev/null | head -n 1)" && [ -n "$wid" ]; then
		ok "window '$(DISPLAY="$disp" xdotool getwindowname "$wid")' appeared after $((SECONDS - start)) s (HUIBIAN_DATA=<fresh temp dir>)"
		# Docks match windows to the .desktop entry by WM_CLASS.
		if command -v xprop >/dev/null && [ -n "${desk:-}" ]; then
			class="$(DISPLAY="$disp" xprop -id "$wid" WM_CLASS 2>/dev/null | sed 's/^[^"]*"//; s/".*//' | printf '%b' "$(cat)")"
			wmclass="$(sed -n 's/^StartupWMClass=//p' "$desk")"
			if [ "$class" = "$wmclass" ]; then ok "WM_CLASS '$class' = StartupWMClass"; else fail "WM_CLASS '$class' != StartupWMClass '$wmclass'"; fi
		fi
		sleep 1
		if kill -0 "$app" 2>/dev/null; then ok "still running 1 s later"; else fail "exited after showing the window"; fi
		if command -v import >/dev/null; then
			DISPLAY="$disp" import -window root "$HB_TMP/xvfb-window.png" 2>/dev/null && ok "screenshot ${HB_TMP#"$HB_ROOT"/}/xvfb-window.png"
		fi
	else
		fail "no window named $APP_NAME within 15 s; app log: $(tail -n 5 "$SCRATCH/app.log")"
	fi
	kill "$app" 2>/dev/null
	wait "$app" 2>/dev/null
	if grep -qiE 'panic|fatal' "$SCRATCH/app.log"; then fail "app log: $(grep -iE 'panic|fatal' "$SCRATCH/app.log" | head -n 3)"; fi
fi

fi # want linux

# --- sources ------------------------------------------------------------------
log "sources"
go run ./assets/icon/gen -o "$SCRATCH/icon.png" && cmp -s "$SCRATCH/icon.png" "$APP_ICON" &&
	ok "assets/icon/icon.png is what assets/icon/gen draws" || fail "assets/icon/icon.png differs from the generator's output"
actionlint="$(go_tool actionlint "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" 2>/dev/null)"
if [ -x "$actionlint" ]; then
	if out="$("$actionlint" -no-color .github/workflows/release.yml 2>&1)"; then ok "actionlint $ACTIONLINT_VERSION: .github/workflows/release.yml"; else fail "actionlint: $(head -n 5 <<<"$out")"; fi
else
	fail "could not install actionlint $ACTIONLINT_VERSION"
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	if git diff --quiet HEAD -- FyneApp.toml 2>/dev/null; then ok "FyneApp.toml unchanged (Build not bumped)"; else fail "FyneApp.toml differs from HEAD"; fi
	# What build.sh or fyne package could leave behind must never differ. The
	# whole status must match the one build.sh recorded when CI or
	# HB_STRICT_TREE is set; otherwise other changes (people editing while
	# this ran) are only reported.
	now="$(git status --porcelain --untracked-files=all)"
	new="$now"
	[ -f "$HB_TMP/status.before" ] && new="$(grep -vxF -f "$HB_TMP/status.before" <<<"$now")"
	stray="$(grep -E '(^|/)(FyneApp\.toml|[^/]*\.syso|fyne_metadata_init\.go|fyne_pprof\.go|Icon\.png)$|fyne-cross/|assets/icon/' <<<"$new")"
	if [ -z "$stray" ]; then ok "no build leftovers in git status (FyneApp.toml, *.syso, fyne_metadata_init.go, fyne-cross/, assets/icon/)"; else fail "build leftovers: $(tr '\n' ' ' <<<"$stray")"; fi
	if [ -f "$HB_TMP/status.before" ]; then
		if diff "$HB_TMP/status.before" <(sed '/^$/d' <<<"$now") >"$SCRATCH/status.diff"; then
			ok "git status --porcelain: as before build.sh"
		elif [ -n "${CI:-}${HB_STRICT_TREE:-}" ]; then
			fail "git status --porcelain changed during the build: $(grep '^[<>]' "$SCRATCH/status.diff" | head -n 5 | tr '\n' ' ')"
		else
			note "git status changed during the build, not by it (set HB_STRICT_TREE=1 to fail): $(grep -c '^[<>]' "$SCRATCH/status.diff") line(s)"
		fi
	fi
	[ -z "$now" ] && ok "git status --porcelain: clean"
fi

finish check.sh
