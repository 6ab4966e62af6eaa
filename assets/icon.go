package assets

import _ "embed"

// Icon is the application icon, a 1024×1024 PNG drawn by ./icon/gen.
// Use it for the window icon (fyne.NewStaticResource("icon.png", Icon)) so
// builds without fyne package metadata still show it.
//
//go:generate go run ./icon/gen -o icon/icon.png
//go:embed icon/icon.png
var Icon []byte
