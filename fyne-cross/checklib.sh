# Helpers of fyne-cross/check.sh, check-wine.sh and check-arm64.sh (sourced
# after config.sh and lib.sh): results, Xvfb, and the package-quality checks
# shared by the amd64 and arm64 packages.

FAILS=0
ok() { printf '  ok    %s\n' "$*"; }
fail() {
	printf '  FAIL  %s\n' "$*"
	FAILS=$((FAILS + 1))
}
note() { printf '  skip  %s\n' "$*"; }
finish() { # finish NAME: summary line and exit status
	echo
	if [ "$FAILS" -gt 0 ]; then
		echo "$1: $FAILS check(s) FAILED"
		exit 1
	fi
	echo "$1: all checks passed"
}

# start_xvfb DIR: starts Xvfb (1280x800x24) and sets XVFB_DISPLAY and
# XVFB_PID. HB_DISPLAY (e.g. :81) picks the display number; otherwise Xvfb
# takes a free one (-displayfd).
start_xvfb() {
	local dir="$1"
	if [ -n "${HB_DISPLAY:-}" ]; then
		Xvfb "$HB_DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
		XVFB_PID=$!
		XVFB_DISPLAY="$HB_DISPLAY"
		for _ in $(seq 50); do DISPLAY="$XVFB_DISPLAY" xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
	else
		exec 9>"$dir/displayfd"
		Xvfb -displayfd 9 -screen 0 1280x800x24 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
		XVFB_PID=$!
		for _ in $(seq 50); do [ -s "$dir/displayfd" ] && break; sleep 0.1; done
		exec 9>&-
		XVFB_DISPLAY=":$(head -n 1 "$dir/displayfd")"
	fi
}

# counts_of JSON: "documents/sections/items/items_with_text" of the built-in
# compilation in `huibian info --json` output.
counts_of() {
	tr -d ' \n\r\t' <<<"$1" | grep -o '"documents":[0-9]*,"sections":[0-9]*,"items":[0-9]*,"items_with_text":[0-9]*' |
		head -n 1 | sed 's/"[a-z_]*"://g; s/,/\//g'
}
# What the seed compilation (built in) holds.
SEED_COUNTS="9/54/216/102"

# check_package_quality ARCH DEB TAR: lintian, AppStream metainfo and the
# desktop entry in the .deb and the tar.xz.
check_package_quality() {
	local arch="$1" deb="$2" tar="$3" dir out desk mi
	dir="$(mktemp -d "${TMPDIR:-/tmp}/huibian-quality.XXXXXX")"
	if [ -f "$deb" ]; then
		if command -v lintian >/dev/null; then
			# Errors and warnings fail; overrides (each justified in
			# fyne-cross/linux/lintian-overrides) are listed.
			out="$(lintian --tag-display-limit 0 --show-overrides "$deb" 2>&1)"
			if grep -qE '^[EW]: ' <<<"$out"; then
				fail "lintian ($arch): $(grep -E '^[EW]: ' <<<"$out" | head -n 8 | tr '\n' ';')"
			else
				ok "lintian ($arch): no errors or warnings$(grep -c '^O: ' <<<"$out" | sed 's/^0$//; s/^\(.\+\)$/, \1 justified override(s)/')"
			fi
		else
			fail "lintian not installed"
		fi
		dpkg-deb -x "$deb" "$dir/deb"
		desk="$dir/deb/usr/share/applications/$APP_ID.desktop"
		mi="$dir/deb/usr/share/metainfo/$APP_ID.metainfo.xml"
		check_desktop_and_metainfo ".deb ($arch)" "$desk" "$mi" "$BIN_NAME"
	fi
	if [ -f "$tar" ]; then
		mkdir -p "$dir/tar" && tar -xJf "$tar" -C "$dir/tar"
		desk="$(find "$dir/tar" -path "*/share/applications/$APP_ID.desktop" | head -n 1)"
		mi="$(find "$dir/tar" -path "*/share/metainfo/$APP_ID.metainfo.xml" | head -n 1)"
		check_desktop_and_metainfo "tar.xz ($arch)" "$desk" "$mi" "$APP_ID"
		if grep -q "share/metainfo/$APP_ID.metainfo.xml" "$(find "$dir/tar" -name Makefile | head -n 1)"; then
			ok "tar.xz ($arch): the Makefile installs the metainfo"
		else
			fail "tar.xz ($arch): the Makefile does not install the metainfo"
		fi
	fi
	rm -rf "$dir"
}

check_desktop_and_metainfo() { # WHAT DESKTOP METAINFO ICON
	local what="$1" desk="$2" mi="$3" icon="$4" line
	if [ -f "$desk" ]; then
		if out="$(desktop-file-validate "$desk" 2>&1)" && [ -z "$out" ]; then ok "$what: desktop-file-validate $(basename "$desk")"; else fail "$what: desktop-file-validate: $out"; fi
		for line in "Name=$APP_NAME" "Name[zh_CN]=$APP_NAME" "Comment[zh_CN]=$APP_DESCRIPTION" "Exec=$BIN_NAME %f" "Icon=$icon" \
			"MimeType=text/plain;application/vnd.openxmlformats-officedocument.wordprocessingml.document;"; do
			if grep -qxF "$line" "$desk"; then ok "$what: $line"; else fail "$what: desktop entry lacks $line"; fi
		done
		if grep -q '^Keywords=.\+' "$desk"; then ok "$what: $(grep '^Keywords=' "$desk")"; else fail "$what: no Keywords"; fi
	else
		fail "$what: no desktop entry $APP_ID.desktop"
	fi
	if [ -f "$mi" ]; then
		if out="$(appstreamcli validate --no-net --pedantic "$mi" 2>&1)"; then
			ok "$what: appstreamcli validate $(basename "$mi"): $(tail -n 1 <<<"$out")"
		else
			fail "$what: appstreamcli validate: $(tr '\n' ' ' <<<"$out")"
		fi
		if grep -qF "<name xml:lang=\"zh-CN\">$APP_NAME</name>" "$mi" && grep -qF "<summary xml:lang=\"zh-CN\">" "$mi"; then
			ok "$what: metainfo has the Chinese name and summary"
		else
			fail "$what: metainfo lacks the Chinese name or summary"
		fi
		if grep -qF "<release version=\"$APP_VERSION\"" "$mi"; then ok "$what: metainfo release $APP_VERSION"; else fail "$what: metainfo release is not $APP_VERSION"; fi
	else
		fail "$what: no metainfo $APP_ID.metainfo.xml"
	fi
}

# shoot_drawn DISPLAY WID OUT TIMEOUT: screenshots window WID into OUT once
# the document pane (the right part, below the toolbar) shows text, which the
# reader does when it has opened the first document, and two shots 2 s apart
# agree; fails if that does not happen within TIMEOUT seconds.
shoot_drawn() {
	local disp="$1" wid="$2" out="$3" until=$((SECONDS + $4)) w h sd prev=""
	while [ $SECONDS -lt $until ]; do
		DISPLAY="$disp" import -window "$wid" "$out" 2>/dev/null || return 1
		read -r w h < <(identify -format '%w %h' "$out")
		sd="$(convert "$out" -crop "$((w * 55 / 100))x$((h * 60 / 100))+$((w * 40 / 100))+$((h * 20 / 100))" +repage \
			-colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null)"
		if awk -v s="${sd:-0}" 'BEGIN { exit !(s + 0 > 0.05) }'; then
			[ -n "$prev" ] && compare -metric AE "$out" "$prev" null: 2>/dev/null && { rm -f "$prev"; return 0; }
			cp "$out" "$out.prev.png"
			prev="$out.prev.png"
		fi
		sleep 2
	done
	rm -f "$out.prev.png"
	return 1
}
