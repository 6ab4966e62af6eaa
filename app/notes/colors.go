package notes

import (
	"fmt"
	"image/color"
	"strings"
)

// Color is a note's highlight colour. The stored value is the English name.
type Color string

// The five highlight colours.
const (
	Yellow Color = "yellow"
	Green  Color = "green"
	Blue   Color = "blue"
	Pink   Color = "pink"
	Purple Color = "purple"
)

// ColorInfo is everything known about one highlight colour: its stored
// value, its one-character Chinese name and the fills drawn behind text.
type ColorInfo struct {
	Color Color
	Name  string // one-character Chinese name, e.g. 黄
	// Light and Dark are opaque fills for the light and dark theme: light
	// ones pale enough for near-black text, dark ones deep enough for
	// near-white text (ui's theme tests check the contrast).
	Light, Dark color.NRGBA
}

// palette is the one table of highlight colours, in menu order. It is
// never modified; Palette hands out copies.
var palette = [...]ColorInfo{
	{Yellow, "黄", rgb(0xFF, 0xE9, 0x8F), rgb(0x6B, 0x58, 0x10)},
	{Green, "绿", rgb(0xC3, 0xEB, 0xB8), rgb(0x2B, 0x57, 0x30)},
	{Blue, "蓝", rgb(0xBF, 0xDC, 0xFF), rgb(0x1E, 0x46, 0x78)},
	{Pink, "粉", rgb(0xFF, 0xCC, 0xE0), rgb(0x6E, 0x2A, 0x49)},
	{Purple, "紫", rgb(0xDE, 0xD0, 0xF7), rgb(0x4B, 0x34, 0x7A)},
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xFF} }

// Palette lists the highlight colours in the order menus offer them:
// yellow, green, blue, pink, purple. The slice is the caller's.
func Palette() []ColorInfo { return append([]ColorInfo(nil), palette[:]...) }

// Info returns the table entry of c; ok is false for a colour not in it.
func (c Color) Info() (ColorInfo, bool) {
	for _, p := range palette {
		if p.Color == c {
			return p, true
		}
	}
	return ColorInfo{}, false
}

// colorOrder lists the colours in menu order (the Color column of Palette).
// Treat it as read-only.
var colorOrder = func() []Color {
	out := make([]Color, len(palette))
	for i, p := range palette {
		out[i] = p.Color
	}
	return out
}()

// Chinese is the colour's one-character Chinese name (黄 绿 蓝 粉 紫), or
// "" for a colour not in the palette.
func (c Color) Chinese() string {
	p, _ := c.Info()
	return p.Name
}

// Valid reports whether c is one of the palette's colours.
func (c Color) Valid() bool { _, ok := c.Info(); return ok }

// ParseColor accepts a colour in English (yellow) or Chinese (黄, 黄色).
// The empty string means Yellow.
func ParseColor(s string) (Color, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return Yellow, nil
	}
	for _, p := range palette {
		if t == string(p.Color) || t == p.Name || t == p.Name+"色" {
			return p.Color, nil
		}
	}
	if t == "红" || t == "红色" || t == "red" {
		return "", fmt.Errorf("颜色“%s”无效：没有红色，请用 %s 之一（或 %s）", s, colorNames(), colorValues())
	}
	return "", fmt.Errorf("颜色“%s”无效：应为 %s 之一（或 %s）", s, colorNames(), colorValues())
}

// invalidColor is the error for a colour outside the palette.
func invalidColor(c Color) error {
	return fmt.Errorf("颜色“%s”无效：应为 %s 之一", c, colorNames())
}

// colorNames lists the Chinese names, "黄、绿、蓝、粉、紫".
func colorNames() string {
	names := make([]string, len(palette))
	for i, p := range palette {
		names[i] = p.Name
	}
	return strings.Join(names, "、")
}

// colorValues lists the stored values, "yellow、green、blue、pink、purple".
func colorValues() string {
	vals := make([]string, len(palette))
	for i, p := range palette {
		vals[i] = string(p.Color)
	}
	return strings.Join(vals, "、")
}
