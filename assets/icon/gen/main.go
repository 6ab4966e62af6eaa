// Command gen draws the application icon of 汇编阅读器: a deep red rounded
// square carrying a white open book on a gold cover, with faint lines of text.
//
// The drawing is pure geometry, evaluated per sample with 4×4 supersampling,
// so it renders sharply at any size and the output is byte-for-byte
// reproducible (Go's PNG encoder is deterministic):
//
//	go run ./assets/icon/gen -o assets/icon/icon.png            # 1024 px source
//	go run ./assets/icon/gen -size 256 -o /tmp/huibian-256.png  # native 256 px
//	go run ./assets/icon/gen -ico /tmp/huibian.ico              # Windows icon
//
// The Windows icon holds every size drawn natively: 16-64 px as 32-bit
// bitmaps (readable by every Windows tool, NSIS included) and 256 px as PNG.
package main

import (
	"bytes"
	"encoding/binary"
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
	out := flag.String("o", "", "output PNG file")
	ico := flag.String("ico", "", "output Windows .ico file (all sizes; -size is ignored)")
	flag.Parse()
	if *out == "" && *ico == "" {
		*out = "icon.png"
	}
	var err error
	if *out != "" {
		err = run(*size, *out)
	}
	if err == nil && *ico != "" {
		err = writeICO(*ico)
	}
	if err != nil {
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

// icoSizes are the sizes in the Windows icon; the last one is stored as PNG.
var icoSizes = []int{16, 20, 24, 32, 40, 48, 64, 256}

// writeICO writes a multi-size Windows icon file.
func writeICO(path string) error {
	var dir, data bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&dir, le, [3]uint16{0, 1, uint16(len(icoSizes))})
	offset := 6 + 16*len(icoSizes)
	for _, size := range icoSizes {
		img := render(size)
		var entry []byte
		if size >= 256 {
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return fmt.Errorf("编码 %d 像素图标: %w", size, err)
			}
			entry = buf.Bytes()
		} else {
			entry = dib(img)
		}
		dim := uint8(size) // 0 stands for 256
		_ = binary.Write(&dir, le, struct {
			W, H, Colours, Reserved uint8
			Planes, BitCount        uint16
			Size, Offset            uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(entry)), uint32(offset)})
		data.Write(entry)
		offset += len(entry)
	}
	dir.Write(data.Bytes())
	if err := os.WriteFile(path, dir.Bytes(), 0o644); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	return nil
}

// dib encodes img as an icon bitmap: BITMAPINFOHEADER, bottom-up BGRA rows,
// then the 1-bit AND mask (all zero: the alpha channel decides).
func dib(img *image.NRGBA) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	maskStride := ((w + 31) / 32) * 4
	var b bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&b, le, struct {
		Size                      uint32
		Width, Height             int32
		Planes, BitCount          uint16
		Compression, ImageSize    uint32
		XPels, YPels              int32
		ColoursUsed, ColoursImprt uint32
	}{40, int32(w), int32(2 * h), 1, 32, 0, uint32(w*h*4 + maskStride*h), 0, 0, 0, 0})
	for y := h - 1; y >= 0; y-- {
		for x := 0; x < w; x++ {
			c := img.NRGBAAt(x, y)
			b.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	b.Write(make([]byte, maskStride*h))
	return b.Bytes()
}
