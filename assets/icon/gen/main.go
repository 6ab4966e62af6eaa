// Command gen draws the application icon of 汇编阅读器: a deep red rounded
// square carrying a white open book on a gold cover, with faint lines of text.
//
// The drawing is pure geometry, evaluated per sample with 4×4 supersampling,
// so it renders sharply at any size and the output is byte-for-byte
// reproducible (Go's PNG encoder is deterministic):
//
//	go run ./assets/icon/gen -o assets/icon/icon.png            # 1024 px source
//	go run ./assets/icon/gen -size 256 -o /tmp/huibian-256.png  # native 256 px
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// Design is laid out on a 1024×1024 canvas; other sizes scale it.
const (
	canvas = 1024.0

	// Background rounded square.
	bgMargin = 40.0
	bgRadius = 200.0

	// Open book, centred horizontally.
	centreX    = 512.0
	spineGap   = 9.0   // half the gap between the two pages at the spine
	pageWidth  = 336.0 // from the spine gap to the outer edge
	pageHeight = 400.0 // vertical extent of a page at any x
	sag        = 64.0  // how far the pages dip towards the spine
	bookTop    = 268.0 // y of the pages' outer top corners
	coverOut   = 22.0  // cover beyond the pages' outer edges
	coverBelow = 30.0  // cover below the pages
	coverDip   = 44.0  // cover's top edge below the pages' top edge

	// Lines of text on each page.
	lineCount     = 5
	lineFirst     = 84.0 // offset of the first line below the page top
	lineStep      = 62.0
	lineThickness = 20.0
	lineInset     = 0.15 // fraction of the page width left blank at each side
)

var (
	bgTop    = rgb(0xc6, 0x28, 0x28)
	bgBottom = rgb(0x8e, 0x0b, 0x0b)
	gold     = rgb(0xf5, 0xc2, 0x42)
	paper    = rgb(0xff, 0xff, 0xff)
	ink      = rgb(0xd9, 0x8c, 0x8c)
	clear    = fcolor{}
)

func main() {
	size := flag.Int("size", 1024, "width and height of the icon in pixels")
	out := flag.String("o", "icon.png", "output PNG file")
	flag.Parse()
	if err := run(*size, *out); err != nil {
		fmt.Fprintln(os.Stderr, "生成图标:", err)
		os.Exit(1)
	}
}

func run(size int, out string) error {
	if size < 16 || size > 4096 {
		return fmt.Errorf("图标尺寸 %d 超出范围 16..4096", size)
	}
	img := render(size)
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("创建 %s: %w", out, err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("写入 %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("写入 %s: %w", out, err)
	}
	return nil
}

// fcolor is a straight (non-premultiplied) colour with components in 0..1.
type fcolor struct{ r, g, b, a float64 }

func rgb(r, g, b uint8) fcolor {
	return fcolor{float64(r) / 255, float64(g) / 255, float64(b) / 255, 1}
}

// over composites c on top of dst.
func over(dst, c fcolor) fcolor {
	a := c.a + dst.a*(1-c.a)
	if a == 0 {
		return fcolor{}
	}
	mix := func(s, d float64) float64 { return (s*c.a + d*dst.a*(1-c.a)) / a }
	return fcolor{mix(c.r, dst.r), mix(c.g, dst.g), mix(c.b, dst.b), a}
}

func render(size int) *image.NRGBA {
	const ss = 4 // samples per axis
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := canvas / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			// Average premultiplied samples, then un-premultiply.
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					c := sample(x, y)
					r += c.r * c.a
					g += c.g * c.a
					b += c.b * c.a
					a += c.a
				}
			}
			n := float64(ss * ss)
			a /= n
			var out color.NRGBA
			if a > 0 {
				out = color.NRGBA{
					R: to8(r / n / a), G: to8(g / n / a), B: to8(b / n / a), A: to8(a),
				}
			}
			img.SetNRGBA(px, py, out)
		}
	}
	return img
}

func to8(v float64) uint8 {
	return uint8(math.Round(math.Max(0, math.Min(1, v)) * 255))
}

// sample returns the icon's colour at canvas point (x, y).
func sample(x, y float64) fcolor {
	if !inRoundedSquare(x, y) {
		return clear
	}
	t := (y - bgMargin) / (canvas - 2*bgMargin)
	c := fcolor{
		bgTop.r + (bgBottom.r-bgTop.r)*t,
		bgTop.g + (bgBottom.g-bgTop.g)*t,
		bgTop.b + (bgBottom.b-bgTop.b)*t,
		1,
	}

	dx := math.Abs(x - centreX)
	// Cover: one continuous gold shape under both pages.
	if dx <= spineGap+pageWidth+coverOut {
		top := pageTop(dx) + coverDip
		if y >= top && y <= pageTop(dx)+pageHeight+coverBelow {
			c = over(c, gold)
		}
	}
	// Pages, with the gutter between them showing the cover.
	if dx >= spineGap && dx <= spineGap+pageWidth {
		top := pageTop(dx)
		if y >= top && y <= top+pageHeight {
			c = over(c, paper)
			u := (dx - spineGap) / pageWidth // 0 at the spine, 1 at the outer edge
			for i := 0; i < lineCount; i++ {
				lo, hi := lineInset, 1-lineInset
				if i == lineCount-1 {
					// The last line stops short, as at a paragraph's end;
					// text runs left to right, so on the left page its end
					// is near the spine.
					if x < centreX {
						lo = 0.45
					} else {
						hi = 0.55
					}
				}
				if u < lo || u > hi {
					continue
				}
				ly := top + lineFirst + float64(i)*lineStep
				if math.Abs(y-ly) <= lineThickness/2 {
					c = over(c, ink)
				}
			}
		}
	}
	return c
}

// pageTop is the y of a page's top edge at horizontal distance dx from the
// spine: lowest at the spine, rising towards the outer edge.
func pageTop(dx float64) float64 {
	u := math.Max(0, (dx-spineGap)/pageWidth)
	if u > 1 {
		u = 1
	}
	return bookTop + sag*(1-u)*(1-u)
}

func inRoundedSquare(x, y float64) bool {
	lo, hi := bgMargin+bgRadius, canvas-bgMargin-bgRadius
	if x < bgMargin || x > canvas-bgMargin || y < bgMargin || y > canvas-bgMargin {
		return false
	}
	cx := math.Max(lo, math.Min(hi, x))
	cy := math.Max(lo, math.Min(hi, y))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= bgRadius*bgRadius
}
