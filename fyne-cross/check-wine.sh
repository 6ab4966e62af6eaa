#!/usr/bin/env bash
# Runs the Windows build for real under Wine (Debian's wine64) and Xvfb:
#   - huibian.exe --data DIR info --json counts the built-in compilation;
#   - without --data the data directory is %APPDATA%\huibian;
#   - the setup installs silently (/S): program, uninstaller, Start-menu and
#     desktop shortcuts, uninstall entry, "Open with" for .docx and .txt;
#   - the installed program opens its window; a screenshot of it is compared
#     with the Linux build's window (same bundled font, FYNE_THEME=light);
#   - the uninstaller removes program, shortcuts and registry entries and
#     keeps the user's data, which a reinstall finds again.
# Needs fyne-cross/build.sh's windows, setup and linux outputs. The Wine
# prefix is created once per run in fyne-cross/tmp/wine (about 10-30 s).
#
# Wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), which every Go >= 1.22
# Windows binary imports: fyne-cross/wine/processprng.c is a test-only
# stand-in, copied into the prefix's system32 and never shipped.
#
# Screenshots: fyne-cross/tmp/wine-window.png and linux-window.png.
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
need_cmds x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 Xvfb:xvfb xdotool:xdotool xdpyinfo:x11-utils \
	import:imagemagick compare:imagemagick
wine_bin >/dev/null || apt_install wine64
WINE="$(wine_bin)" || die "no wine64"
set +e

EXE="$HB_BIN/windows-amd64/$BIN_NAME.exe"
SETUP="$HB_DIST/windows-amd64/$(hb_artifact windows amd64 setup)"
LINUXBIN="$HB_BIN/linux-$(go env GOHOSTARCH)/$BIN_NAME"
for f in "$EXE" "$SETUP"; do [ -f "$f" ] || die "missing ${f#"$HB_ROOT"/}: run fyne-cross/build.sh windows setup first"; done

W="$HB_TMP/wine"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/huibian-wine.XXXXXX")"
PIDS=()
cleanup() {
	local p
	for p in ${PIDS[@]+"${PIDS[@]}"}; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done
	WINEPREFIX="$W/prefix" "$(dirname "$WINE")/wineserver" -k 2>/dev/null
	[ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
	rm -rf "$SCRATCH"
}
trap cleanup EXIT
start=$SECONDS

start_xvfb "$SCRATCH"
PIDS+=("$XVFB_PID")
# HOME in the scratch folder: Wine links the profile's Desktop to $HOME/Desktop.
# winemenubuilder off: no Linux menu entries for the Start-menu shortcut.
export DISPLAY="$XVFB_DISPLAY" WINEPREFIX="$W/prefix" WINEDEBUG=-all \
	WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" LANG=C.UTF-8 FYNE_THEME=light HOME="$W/home"
unset HUIBIAN_DATA
wine() { "$WINE" "$@"; }
winpath() { wine winepath -w "$1" 2>/dev/null | tr -d '\r'; }
unixpath() { wine winepath -u "$1" 2>/dev/null | tr -d '\r'; }

log "Wine prefix ($(wine --version 2>/dev/null))"
rm -rf "$W" && mkdir -p "$W/home"
t=$SECONDS
wine wineboot -i >"$W/wineboot.log" 2>&1
[ -d "$WINEPREFIX/drive_c/windows/system32" ] && ok "wineboot -i: prefix created in $((SECONDS - t)) s" ||
	{ fail "wineboot -i: $(tail -n 3 "$W/wineboot.log")"; finish check-wine.sh; }
if x86_64-w64-mingw32-gcc -shared -O2 -s -o "$W/bcryptprimitives.dll" fyne-cross/wine/processprng.c -ladvapi32 &&
	cp "$W/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"; then
	ok "test-only bcryptprimitives.dll (ProcessPrng) in the prefix's system32"
else
	fail "build the ProcessPrng stand-in"
fi
APPDATA_W="$(wine cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')"
LOCALAPPDATA_W="$(wine cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null | tr -d '\r')"
APPDATA_U="$(unixpath "$APPDATA_W")"
DESKTOP_U="$(unixpath "$(wine cmd /c 'echo %USERPROFILE%' 2>/dev/null | tr -d '\r')")/Desktop"
LOCALAPPDATA_U="$(unixpath "$LOCALAPPDATA_W")"
ok "%APPDATA% = $APPDATA_W, %LOCALAPPDATA% = $LOCALAPPDATA_W"

log "huibian.exe on the command line"
mkdir -p "$SCRATCH/data1"
out="$(timeout 120 "$WINE" "$EXE" --data "$(winpath "$SCRATCH/data1")" info --json 2>"$SCRATCH/info.err")"
got="$(counts_of "$out")"
if [ "$got" = "$SEED_COUNTS" ]; then ok "info --json: $got (documents/sections/items/with text)"; else fail "info --json gave '$got', want $SEED_COUNTS: $(head -c 300 "$SCRATCH/info.err")"; fi
out="$(timeout 120 "$WINE" "$EXE" info --json 2>&1)"
dd="$(tr -d '\r\n' <<<"$out" | sed -n 's/.*"data_dir": *"\([^"]*\)".*/\1/p' | sed 's/\\\\/\\/g')"
if [ "$dd" = "$APPDATA_W\\huibian" ]; then ok "default data directory: $dd"; else fail "default data directory is '$dd', want $APPDATA_W\\huibian"; fi
if [ -d "$APPDATA_U/huibian" ] && [ -n "$(ls -A "$APPDATA_U/huibian")" ]; then ok "%APPDATA%\\huibian holds: $(ls "$APPDATA_U/huibian" | tr '\n' ' ')"; else fail "%APPDATA%\\huibian was not created"; fi

# install: runs the setup silently and checks what it left.
INSTDIR_U="$LOCALAPPDATA_U/Programs/$WIN_INSTALL_DIR_NAME"
LNK="$APPDATA_U/Microsoft/Windows/Start Menu/Programs/$APP_NAME.lnk"
UNINST_KEY="HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$APP_ID"
PROGID="$APP_ID.document"
regq() { wine reg query "$@" 2>/dev/null | tr -d '\r'; }
setup_silent() {
	local t=$SECONDS
	if timeout 120 "$WINE" "$SETUP" /S >"$SCRATCH/setup.log" 2>&1; then ok "setup /S exited 0 after $((SECONDS - t)) s"; else fail "setup /S failed: $(tail -n 3 "$SCRATCH/setup.log")"; fi
	if cmp -s "$INSTDIR_U/$BIN_NAME.exe" "$EXE"; then ok "installed %LOCALAPPDATA%\\Programs\\$WIN_INSTALL_DIR_NAME\\$BIN_NAME.exe (identical to the build)"; else fail "no $BIN_NAME.exe in $INSTDIR_U"; fi
	[ -f "$INSTDIR_U/uninstall.exe" ] && ok "uninstall.exe installed" || fail "no uninstall.exe"
	[ -f "$LNK" ] && ok "Start-menu shortcut: Start Menu\\Programs\\$APP_NAME.lnk" || fail "no Start-menu shortcut $LNK"
	[ -f "$DESKTOP_U/$APP_NAME.lnk" ] && ok "desktop shortcut" || fail "no desktop shortcut in $DESKTOP_U"
	if regq "$UNINST_KEY" /v QuietUninstallString | grep -q 'uninstall.exe" /S'; then ok "uninstall entry in HKCU (QuietUninstallString)"; else fail "no uninstall entry $UNINST_KEY"; fi
	local ext
	for ext in .docx .txt; do
		if regq "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" /v "$PROGID" >/dev/null && regq "HKCU\\Software\\Classes\\Applications\\$BIN_NAME.exe\\SupportedTypes" /v "$ext" >/dev/null; then
			ok "\"Open with\" registered for $ext ($PROGID)"
		else
			fail "no \"Open with\" registration for $ext"
		fi
		# The default program is left alone: no default value written.
		if regq "HKCU\\Software\\Classes\\$ext" /ve 2>/dev/null | grep -q "$PROGID"; then fail "$ext default program changed to $PROGID"; fi
	done
	if regq "HKCU\\Software\\Classes\\$PROGID\\shell\\open\\command" /ve | grep -qF "$BIN_NAME.exe\" \"%1\""; then ok "$PROGID opens with \"$BIN_NAME.exe\" \"%1\""; else fail "no open command for $PROGID"; fi
}

# window BIN NAME: starts BIN (a Wine .exe or the Linux binary) with a fresh
# data directory, waits for its window and saves a screenshot of the window.
window() {
	local bin="$1" name="$2" data="$SCRATCH/data-$2" pid wid="" t=$SECONDS
	mkdir -p "$data" "$SCRATCH/home-$name"
	# The window of the previous run must be gone first, so that the search
	# below finds this one.
	for _ in $(seq 20); do
		xdotool search --name "^$APP_NAME\$" >/dev/null 2>&1 || break
		sleep 0.5
	done
	if [[ "$bin" == *.exe ]]; then
		"$WINE" "$bin" --data "$(winpath "$data")" >"$SCRATCH/$name.log" 2>&1 &
	else
		HOME="$SCRATCH/home-$name" XDG_CONFIG_HOME="$SCRATCH/home-$name/.config" "$bin" --data "$data" >"$SCRATCH/$name.log" 2>&1 &
	fi
	pid=$!
	PIDS+=("$pid")
	# Polled rather than `xdotool search --sync`: a search that meets a
	# window being destroyed (the previous run's) fails at once.
	while ((SECONDS - t < 90)); do
		wid="$(xdotool search --onlyvisible --name "^$APP_NAME\$" 2>/dev/null | head -n 1)" || true
		[ -n "$wid" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if [ -n "$wid" ]; then
		ok "$name: window '$(xdotool getwindowname "$wid")' after $((SECONDS - t)) s"
		# Wait until the tree and the first document are drawn and stable.
		if shoot_drawn "$DISPLAY" "$wid" "$HB_TMP/$name-window.png" 90; then
			ok "$name: drawn after $((SECONDS - t)) s: screenshot ${HB_TMP#"$HB_ROOT"/}/$name-window.png ($(identify -format '%wx%h' "$HB_TMP/$name-window.png"))"
		else
			fail "$name: window showed no document within 90 s"
		fi
		rm -f "$HB_TMP/$name-window.png.prev.png"
		if kill -0 "$pid" 2>/dev/null; then ok "$name: still running"; else fail "$name: exited after showing the window"; fi
	else
		fail "$name: no window within 90 s: $(tail -n 3 "$SCRATCH/$name.log")"
	fi
	kill "$pid" 2>/dev/null
	sleep 1
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

log "setup.exe /S"
setup_silent

log "installed program: window under Wine, compared with Linux"
window "$INSTDIR_U/$BIN_NAME.exe" wine
if [ -x "$LINUXBIN" ] && grep -qa 'fyne.io/fyne/v2/internal/driver/glfw' "$LINUXBIN"; then
	window "$LINUXBIN" linux
	if [ -f "$HB_TMP/wine-window.png" ] && [ -f "$HB_TMP/linux-window.png" ]; then
		total="$(identify -format '%[fx:w*h]' "$HB_TMP/linux-window.png")"
		diff="$(compare -metric AE -fuzz 10% "$HB_TMP/wine-window.png" "$HB_TMP/linux-window.png" "$HB_TMP/wine-vs-linux.png" 2>&1 >/dev/null)"
		if [[ "$diff" =~ ^[0-9]+$ ]] && [ "$diff" -le $((total / 100)) ]; then
			ok "Wine window matches the Linux window: $diff of $total pixels differ (limit 1 %)"
		else
			fail "Wine window differs from the Linux window: $diff (of $total pixels; see ${HB_TMP#"$HB_ROOT"/}/wine-vs-linux.png)"
		fi
	fi
else
	note "no Linux GUI binary to compare the window with"
fi

log "uninstall keeps the data; reinstall finds it"
inst="$INSTDIR_U/$BIN_NAME.exe"
timeout 120 "$WINE" "$inst" bookmark add 1 --name uninstall-probe >"$SCRATCH/bm.log" 2>&1 || fail "bookmark add: $(tail -n 2 "$SCRATCH/bm.log")"
before="$(cd "$APPDATA_U/huibian" && find . -type f | sort)"
timeout 120 "$WINE" "$INSTDIR_U/uninstall.exe" /S >"$SCRATCH/uninst.log" 2>&1
# The NSIS uninstaller runs from a copy in %TEMP%: wait for it.
for _ in $(seq 60); do [ ! -e "$INSTDIR_U" ] && break; sleep 1; done
[ ! -e "$INSTDIR_U/$BIN_NAME.exe" ] && ok "uninstall /S removed $BIN_NAME.exe" || fail "uninstall left $BIN_NAME.exe"
[ ! -e "$INSTDIR_U" ] && ok "install folder removed" || fail "install folder left: $(ls "$INSTDIR_U" | tr '\n' ' ')"
[ ! -e "$LNK" ] && [ ! -e "$DESKTOP_U/$APP_NAME.lnk" ] && ok "Start-menu and desktop shortcuts removed" || fail "shortcut left"
regq "$UNINST_KEY" >/dev/null && fail "uninstall entry left" || ok "uninstall entry removed"
for ext in .docx .txt; do
	regq "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" /v "$PROGID" >/dev/null && fail "\"Open with\" for $ext left" || ok "\"Open with\" for $ext removed"
done
regq "HKCU\\Software\\Classes\\$PROGID" >/dev/null && fail "$PROGID left" || ok "$PROGID removed"
after="$(cd "$APPDATA_U/huibian" 2>/dev/null && find . -type f | sort)"
if [ -n "$before" ] && [ "$before" = "$after" ]; then ok "user data kept: %APPDATA%\\huibian ($(wc -l <<<"$after") files)"; else fail "user data changed by the uninstaller: before '$before' after '$after'"; fi
log "reinstall"
setup_silent
if timeout 120 "$WINE" "$inst" bookmark ls --json 2>/dev/null | grep -q uninstall-probe; then
	ok "after uninstall + reinstall the bookmark made before is still there"
else
	fail "the bookmark did not survive uninstall + reinstall"
fi

printf '\nWindows checks under Wine took %d s\n' "$((SECONDS - start))"
finish check-wine.sh
