// Package i18n embeds the Simplified Chinese strings for Fyne's own widgets
// and dialogs (OK, Cancel, Copy, Quit, …). The reader's own strings are
// written in Chinese in the code; only Fyne's English keys need this table.
//
// zh.json follows Fyne's base.zh_Hans.json (fyne.io/fyne/v2 v2.7.1
// lang/translations) with a few terms aligned to common Chinese UI usage
// (确定, 否, 全选, 撤销).
package i18n

import _ "embed"

// FyneZh is the translation file, in go-i18n's JSON format, keyed by
// Fyne's English strings.
//
//go:embed zh.json
var FyneZh []byte
