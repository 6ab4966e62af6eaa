#!/usr/bin/env bash
# gen.sh: regenerates the .docx test fixtures with LibreOffice. The tests use
# the committed files; only this script needs LibreOffice
# (apt-get install libreoffice-writer-nogui).
#
#   features.docx                  from features.src (expected text: features.want.txt)
#   seed.docx                      from the seed, assets/compilation.txt
#   ../../parse/testdata/genre/*.docx  from the genre samples beside them
#
# gen/ writes each source as a Flat ODT with automatic numbering in place of
# the typed numbers; soffice converts them to .docx.
set -euo pipefail
cd "$(dirname "$0")"
genre=../../parse/testdata/genre
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp ../../../assets/compilation.txt "$tmp/seed.txt"
go run ./gen "$tmp" features.src "$tmp/seed.txt" "$genre"/*.txt
# A private profile: soffice refuses to start beside another instance
# using the same one.
soffice -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to docx --outdir "$tmp/out" "$tmp"/*.fodt >/dev/null
mv "$tmp/out/features.docx" "$tmp/out/seed.docx" .
for f in "$genre"/*.txt; do
	mv "$tmp/out/$(basename "${f%.txt}").docx" "$genre/"
done
ls -l *.docx "$genre"/*.docx
