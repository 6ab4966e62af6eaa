#!/usr/bin/env bash
# build.sh - regenerate the reader's bundled Chinese font from a Debian package.
#
# What it makes (all in assets/font/, committed as deliberate embedded assets):
#   HuibianSans-Regular.otf  Noto Sans CJK SC Regular, subset (OTF, CFF outlines)
#   HuibianSans-Bold.otf     Noto Sans CJK SC Bold, subset
#   LICENSE-OFL.txt          the SIL Open Font License 1.1 the fonts ship under
#   README.md                source package, versions, command and checksums
#
# Source: face 2 (Noto Sans CJK SC) of /usr/share/fonts/opentype/noto/
# NotoSansCJK-{Regular,Bold}.ttc from Debian's fonts-noto-cjk. Fyne cannot load
# TTC collections, so the face is extracted and subset to:
#   - the whole GB 2312 table (6763 hanzi, rows 0xB0-0xF7, and the symbol rows
#     0xA1-0xA9), enumerated by decoding the code table with golang.org/x/text
#     (tools/fontchars);
#   - every character of assets/compilation.txt (the built-in compilation);
#   - ASCII, Latin-1, General Punctuation, CJK and full-width punctuation,
#     arrows and a few UI symbols (see fixedRanges in tools/fontchars).
# Characters outside the subset (rare ones in a user's own notes) fall back to
# system fonts in Fyne.
#
# Needs: go, /usr/bin/python3 with fontTools (Debian python3-fonttools) and
# fonts-noto-cjk. Run as root, it installs the two Debian packages if missing;
# otherwise it says what to install. The python3 first on PATH may be another
# install without fontTools, so /usr/bin/python3 is used on purpose.
#
# Usage (from anywhere):  assets/font/build.sh
#
# Idempotent and deterministic: the subsetter keeps the source's timestamps
# (--no-recalc-timestamp), so the same package versions give byte-identical
# files; files whose bytes did not change are not rewritten.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
fontdir=/usr/share/fonts/opentype/noto
face=2 # Noto Sans CJK SC inside the TTC collections
line_extra=100 # font units (of 1000) added above and below the line box, see step 2
copyright_file=/usr/share/doc/fonts-noto-cjk/copyright

die() { echo "build.sh: $*" >&2; exit 1; }

have_fonttools() { [ -x "$py" ] && "$py" -c 'import fontTools.subset' 2>/dev/null; }
have_fonts() { [ -f "$fontdir/NotoSansCJK-Regular.ttc" ] && [ -f "$fontdir/NotoSansCJK-Bold.ttc" ] && [ -f "$copyright_file" ]; }

if ! have_fonttools || ! have_fonts; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "build.sh: installing fonts-noto-cjk python3-fonttools" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk python3-fonttools >&2 ||
			die "apt-get install fonts-noto-cjk python3-fonttools failed"
	else
		die "missing $fontdir/NotoSansCJK-*.ttc or fontTools for $py.
Install them first:  sudo apt-get install -y fonts-noto-cjk python3-fonttools"
	fi
fi
have_fonttools || die "$py cannot import fontTools.subset"
have_fonts || die "fonts-noto-cjk files not found under $fontdir"
command -v go >/dev/null || die "go is not on PATH (needed for tools/fontchars)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The character list.
(cd "$repo" && go run ./tools/fontchars -o "$work/chars.txt" assets/compilation.txt)
nchars="$("$py" -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read().replace("\n", "")))' "$work/chars.txt")"

# install_if_changed SRC DST: move SRC over DST unless their bytes are equal.
install_if_changed() {
	if [ -f "$2" ] && cmp -s "$1" "$2"; then
		echo "unchanged  ${2#"$repo"/}"
	else
		mv -f "$1" "$2"
		echo "wrote      ${2#"$repo"/}"
	fi
}

# 2. Subset both weights.
subset_opts=(
	--font-number="$face"
	--text-file="$work/chars.txt"
	--layout-features=''   # drop GSUB/GPOS: Fyne shapes every measured string with a
	                       # new HarfBuzz font, and these tables (1.4 MB) made each
	                       # measurement ~4x slower (445 vs 112 us), i.e. slow text
	                       # wrapping; horizontal Chinese needs none of them
	--name-IDs='*'         # keep copyright, trademark and licence name records
	--no-recalc-timestamp  # deterministic: keep the source's head.modified
	--no-hinting           # Fyne rasterises without hints; saves ~15% (3.56 -> 3.02 MB)
	--notdef-outline
)
for weight in Regular Bold; do
	SOURCE_DATE_EPOCH=0 "$py" -m fontTools.subset "$fontdir/NotoSansCJK-$weight.ttc" \
		"${subset_opts[@]}" --output-file="$work/HuibianSans-$weight.otf"
	head -c 4 "$work/HuibianSans-$weight.otf" | grep -q '^OTTO$' ||
		die "HuibianSans-$weight.otf is not an OpenType CFF font"
	# Taller line box: Fyne stacks the wrapped lines of a Label at the font's
	# line height (hhea ascender - descender + lineGap) and ignores the
	# theme's line spacing there, so the 1.448 em of Noto Sans CJK would be
	# the line pitch of every paragraph. Adding the same amount above and
	# below (0.1 em each) keeps glyphs centred and gives 1.648 em.
	"$py" - "$work/HuibianSans-$weight.otf" "$line_extra" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, extra = sys.argv[1], int(sys.argv[2])
f = TTFont(path, recalcTimestamp=False)
hhea, os2 = f["hhea"], f["OS/2"]
hhea.ascent += extra
hhea.descent -= extra
os2.usWinAscent += extra
os2.usWinDescent += extra
f.save(path)
PY
	install_if_changed "$work/HuibianSans-$weight.otf" "$here/HuibianSans-$weight.otf"
done

# 3. The licence: copyright and trademark lines from the font itself, then the
# OFL text from the Debian package's copyright file.
{
	"$py" - "$fontdir/NotoSansCJK-Regular.ttc" "$face" <<'EOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True)
n = f["name"]
print("Noto Sans CJK SC (bundled here, subset, as HuibianSans-Regular.otf and HuibianSans-Bold.otf)")
print()
for i in (0, 7):
    print(n.getDebugName(i))
print()
EOF
	awk '
		# The stand-alone "License: SIL-1.1" paragraph (after a blank line)
		# holds the text; its lines are indented by one space, "." is a
		# blank line.
		prev == "" && /^License: SIL-1.1$/ { on = 1; next }
		{ prev = $0 }
		on && !/^ / { exit }
		on { sub(/^ /, ""); if ($0 == ".") $0 = ""; print }
	' "$copyright_file"
} >"$work/LICENSE-OFL.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$work/LICENSE-OFL.txt" ||
	die "could not extract the OFL text from $copyright_file"
install_if_changed "$work/LICENSE-OFL.txt" "$here/LICENSE-OFL.txt"

# 4. README with provenance.
pkgver="$(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo unknown)"
ftver="$("$py" -c 'import fontTools; print(fontTools.version)')"
fontver="$("$py" -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1], fontNumber=2, lazy=True)["name"].getDebugName(5))' "$fontdir/NotoSansCJK-Regular.ttc")"
sums="$(cd "$here" && sha256sum HuibianSans-Regular.otf HuibianSans-Bold.otf)"
sizes="$(cd "$here" && for f in HuibianSans-Regular.otf HuibianSans-Bold.otf; do printf '%s %s bytes\n' "$f" "$(stat -c %s "$f")"; done)"
cat >"$work/README.md" <<EOF
# Bundled font

Generated by \`assets/font/build.sh\`; do not edit these files by hand.

- Source: Debian package \`fonts-noto-cjk\` $pkgver, face $face (Noto Sans CJK SC,
  $fontver) of \`$fontdir/NotoSansCJK-Regular.ttc\` and \`-Bold.ttc\`.
- Subset with fontTools $ftver (Debian \`python3-fonttools\`) to $nchars characters: all of
  GB 2312 (6763 hanzi and the symbol rows, enumerated by \`tools/fontchars\` from the code table),
  every character of \`assets/compilation.txt\`, ASCII, Latin-1, General Punctuation,
  CJK and full-width punctuation, arrows and a few UI symbols.
- Command, for each weight:

      /usr/bin/python3 -m fontTools.subset NotoSansCJK-<Weight>.ttc $(printf '%q ' "${subset_opts[@]}" | sed "s|$work/||g")--output-file=HuibianSans-<Weight>.otf

  then the line box is made $line_extra units taller above and below (hhea ascender/descender,
  OS/2 winAscent/winDescent), because Fyne uses the font's line height as the line pitch of
  wrapped text.

- Licence: SIL Open Font License 1.1, see \`LICENSE-OFL.txt\`. The subset keeps the
  original family name (Noto is not a Reserved Font Name).

\`\`\`
$sizes
$sums
\`\`\`
EOF
install_if_changed "$work/README.md" "$here/README.md"
