package assets

import _ "embed"

// The bundled Simplified Chinese font: Noto Sans CJK SC subset to GB 2312,
// the built-in compilation's characters, punctuation and Latin (OpenType with
// CFF outlines). Regenerate with font/build.sh; see font/README.md.
var (
	//go:embed font/HuibianSans-Regular.otf
	FontRegular []byte

	//go:embed font/HuibianSans-Bold.otf
	FontBold []byte

	// FontLicence is the SIL Open Font License 1.1 text the fonts are
	// distributed under, with their copyright line.
	//
	//go:embed font/LICENSE-OFL.txt
	FontLicence string
)
