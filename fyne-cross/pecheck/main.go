// Command pecheck verifies a Windows executable built by fyne-cross/build.sh:
// PE32+ for x86-64, GUI subsystem, and the resources it must carry.
//
//	go run ./fyne-cross/pecheck -need icon,version,manifest -text 汇编阅读器,1.0.0.1 FILE.exe
//
// It prints one summary line and exits 1 with the reasons when a check fails.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode/utf16"
)

// Resource type IDs (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

var typeNames = map[string]uint32{"icon": rtGroupIcon, "version": rtVersion, "manifest": rtManifest}

func main() {
	need := flag.String("need", "icon", "comma-separated resources that must exist: icon, version, manifest")
	text := flag.String("text", "", "comma-separated strings that must appear (UTF-16LE) in the resources")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "用法: pecheck [-need icon,version,manifest] [-text A,B] FILE.exe")
		os.Exit(2)
	}
	summary, err := check(flag.Arg(0), split(*need), split(*text))
	fmt.Println(flag.Arg(0)+":", summary)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pecheck:", err)
		os.Exit(1)
	}
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// resources maps a resource type ID to its data blobs (all names, languages).
type resources map[uint32][][]byte

func check(path string, need, text []string) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", fmt.Errorf("打开 %s: %w", path, err)
	}
	defer f.Close()

	var problems []string
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "PE32", fmt.Errorf("%s 不是 PE32+ (64 位) 文件", path)
	}
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		problems = append(problems, fmt.Sprintf("machine %#x, want x86-64", f.Machine))
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		problems = append(problems, fmt.Sprintf("subsystem %d, want GUI (%d)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI))
	}

	res, raw, err := readResources(f, oh)
	if err != nil {
		return "PE32+", fmt.Errorf("%s 的资源: %w", path, err)
	}
	for _, n := range need {
		id, ok := typeNames[n]
		if !ok {
			return "", fmt.Errorf("unknown resource kind %q", n)
		}
		if len(res[id]) == 0 {
			problems = append(problems, "no "+n+" resource")
		}
	}
	if len(res[rtGroupIcon]) > 0 && len(res[rtIcon]) == 0 {
		problems = append(problems, "icon group without icon images")
	}
	for _, t := range text {
		if !bytes.Contains(raw, utf16le(t)) && !bytes.Contains(raw, []byte(t)) {
			problems = append(problems, fmt.Sprintf("text %q not in the resources", t))
		}
	}

	parts := []string{"PE32+ x86-64"}
	if oh.Subsystem == pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		parts = append(parts, "GUI")
	}
	if g := res[rtGroupIcon]; len(g) > 0 {
		parts = append(parts, "icon "+iconSizes(g[0]))
	}
	if len(res[rtVersion]) > 0 {
		parts = append(parts, "version info")
	}
	if len(res[rtManifest]) > 0 {
		parts = append(parts, "manifest")
	}
	summary := strings.Join(parts, ", ")
	if len(problems) > 0 {
		return summary, errors.New(strings.Join(problems, "; "))
	}
	return summary, nil
}

// readResources walks the three-level resource directory (type, name,
// language) and returns each type's data plus the raw resource section.
func readResources(f *pe.File, oh *pe.OptionalHeader64) (resources, []byte, error) {
	if len(oh.DataDirectory) <= pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
		return nil, nil, errors.New("no data directories")
	}
	dd := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dd.VirtualAddress == 0 {
		return nil, nil, errors.New("no resource directory")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dd.VirtualAddress >= s.VirtualAddress && dd.VirtualAddress < s.VirtualAddress+s.VirtualSize {
			sec = s
		}
	}
	if sec == nil {
		return nil, nil, errors.New("resource directory outside every section")
	}
	data, err := sec.Data()
	if err != nil {
		return nil, nil, err
	}
	base := dd.VirtualAddress - sec.VirtualAddress
	if int(base) >= len(data) {
		return nil, nil, errors.New("resource directory beyond its section")
	}
	raw := data[base:]
	le := binary.LittleEndian

	type entry struct{ id, off uint32 }
	readDir := func(off uint32) ([]entry, error) {
		if int(off)+16 > len(raw) {
			return nil, fmt.Errorf("directory at %#x out of range", off)
		}
		n := int(le.Uint16(raw[off+12:])) + int(le.Uint16(raw[off+14:]))
		if int(off)+16+8*n > len(raw) {
			return nil, fmt.Errorf("directory at %#x truncated", off)
		}
		out := make([]entry, n)
		for i := range out {
			p := off + 16 + uint32(8*i)
			out[i] = entry{le.Uint32(raw[p:]), le.Uint32(raw[p+4:])}
		}
		return out, nil
	}
	const subdir = 0x80000000

	res := resources{}
	types, err := readDir(0)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range types {
		if t.off&subdir == 0 {
			continue
		}
		names, err := readDir(t.off &^ subdir)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range names {
			if n.off&subdir == 0 {
				continue
			}
			langs, err := readDir(n.off &^ subdir)
			if err != nil {
				return nil, nil, err
			}
			for _, l := range langs {
				if l.off&subdir != 0 || int(l.off)+16 > len(raw) {
					continue
				}
				rva, size := le.Uint32(raw[l.off:]), le.Uint32(raw[l.off+4:])
				start := int(rva) - int(dd.VirtualAddress)
				if start < 0 || start+int(size) > len(raw) {
					return nil, nil, fmt.Errorf("resource data at RVA %#x out of range", rva)
				}
				id := t.id
				if id&subdir != 0 {
					id = 0 // named type, not one we look for
				}
				res[id] = append(res[id], raw[start:start+int(size)])
			}
		}
	}
	return res, raw, nil
}

// iconSizes lists the sizes in a GRPICONDIR, e.g. "16-256 px (8 sizes)".
func iconSizes(g []byte) string {
	if len(g) < 6 {
		return "(empty group)"
	}
	n := int(binary.LittleEndian.Uint16(g[4:]))
	var sizes []int
	for i := 0; i < n && 6+14*i+14 <= len(g); i++ {
		w := int(g[6+14*i])
		if w == 0 {
			w = 256
		}
		sizes = append(sizes, w)
	}
	if len(sizes) == 0 {
		return "(no sizes)"
	}
	sort.Ints(sizes)
	return fmt.Sprintf("%d-%d px (%d sizes)", sizes[0], sizes[len(sizes)-1], len(sizes))
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}
