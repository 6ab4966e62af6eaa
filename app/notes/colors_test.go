package notes

import (
	"strings"
	"testing"
)

func TestPalette(t *testing.T) {
	p := Palette()
	var order []string
	for _, ci := range p {
		order = append(order, string(ci.Color)+":"+ci.Name)
		got, ok := ci.Color.Info()
		if !ok || got != ci {
			t.Errorf("%s.Info() = %+v, %v; want %+v", ci.Color, got, ok, ci)
		}
		if ci.Color.Chinese() != ci.Name || !ci.Color.Valid() {
			t.Errorf("%s: Chinese %q, Valid %v", ci.Color, ci.Color.Chinese(), ci.Color.Valid())
		}
		if ci.Light.A != 0xFF || ci.Dark.A != 0xFF {
			t.Errorf("%s: fills must be opaque: %v %v", ci.Color, ci.Light, ci.Dark)
		}
		// The light fill is paler than the dark one in every channel.
		if ci.Light.R <= ci.Dark.R || ci.Light.G <= ci.Dark.G || ci.Light.B <= ci.Dark.B {
			t.Errorf("%s: light fill %v not paler than dark %v", ci.Color, ci.Light, ci.Dark)
		}
		// Every name is accepted back, and listed in the error for a bad one.
		if c, err := ParseColor(ci.Name + "色"); err != nil || c != ci.Color {
			t.Errorf("ParseColor(%s色) = %q, %v", ci.Name, c, err)
		}
		if _, err := ParseColor("橙"); err == nil || !strings.Contains(err.Error(), ci.Name) || !strings.Contains(err.Error(), string(ci.Color)) {
			t.Errorf("error for 橙 does not list %s: %v", ci.Color, err)
		}
	}
	if got := strings.Join(order, " "); got != "yellow:黄 green:绿 blue:蓝 pink:粉 purple:紫" {
		t.Errorf("palette order %s", got)
	}
	if len(colorOrder) != len(p) {
		t.Fatalf("colorOrder %v, palette %d entries", colorOrder, len(p))
	}
	for i, c := range colorOrder {
		if c != p[i].Color {
			t.Errorf("colorOrder[%d] = %s, palette has %s", i, c, p[i].Color)
		}
	}
	p[0].Name = "改"
	if Yellow.Chinese() != "黄" {
		t.Error("Palette returned the table itself, not a copy")
	}
	for _, c := range []Color{"", "red", "Yellow"} {
		if info, ok := c.Info(); ok || info != (ColorInfo{}) || c.Valid() || c.Chinese() != "" {
			t.Errorf("%q.Info() = %+v, %v", c, info, ok)
		}
	}
}
