package parse

import (
	"bytes"
	"errors"
	"fmt"
	"huibian/app/fileerr"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"huibian/app/docx"
)

// MaxSourceSize bounds what the parser accepts. A compilation of official
// documents is a few hundred kilobytes; 100 copies of the seed are 13 MB.
const MaxSourceSize = 64 << 20

// Error is a problem with one source file, worded for the user; its Op is
// OpImport (a Word document's own errors are re-worded to it).
type Error = fileerr.Error

// OpImport is the Op of this package's errors.
const OpImport = "无法导入"

// Sentinel reasons, so callers and tests can tell them apart with errors.Is.
var (
	ErrEmpty     = errors.New("文件为空")
	ErrBinary    = errors.New("不是文本文件")
	ErrTooLarge  = errors.New("文件过大")
	ErrEncoding  = errors.New("无法识别文字编码")
	ErrStructure = errors.New("不是公文汇编")
)

func fail(file string, sentinel error, detail string) *Error {
	return &Error{Op: OpImport, File: file, Reason: detail, Kind: sentinel}
}

// ReadFile reads and parses a compilation from a file on disk, refusing
// files larger than MaxSourceSize before reading them.
func ReadFile(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Op: OpImport, File: path, Reason: "无法打开文件", Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Op: OpImport, File: path, Reason: "无法读取文件信息", Err: err}
	}
	if st.IsDir() {
		return nil, fail(path, ErrBinary, "这是一个文件夹，不是文本文件")
	}
	if st.Size() > MaxSourceSize {
		return nil, fail(path, ErrTooLarge, fmt.Sprintf("文件过大（%.1f MB），公文汇编不应超过 %d MB", float64(st.Size())/(1<<20), MaxSourceSize>>20))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSourceSize+1))
	if err != nil {
		return nil, &Error{Op: OpImport, File: path, Reason: "读取文件失败", Err: err}
	}
	return Parse(path, data)
}

// Decode turns raw bytes into text: UTF-8 (with or without BOM), UTF-16
// with BOM, or GB18030 (a superset of GBK and GB 2312). It rejects empty,
// binary and oversized input.
func Decode(file string, data []byte) (string, error) {
	if len(data) > MaxSourceSize {
		return "", fail(file, ErrTooLarge, fmt.Sprintf("文件过大（%.1f MB），公文汇编不应超过 %d MB", float64(len(data))/(1<<20), MaxSourceSize>>20))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fail(file, ErrEmpty, "文件为空")
	}
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	}
	if dec != nil {
		out, err := dec.Bytes(data)
		if err != nil {
			return "", &Error{Op: OpImport, File: file, Reason: "UTF-16 内容损坏", Err: err, Kind: ErrEncoding}
		}
		return checkText(file, string(out))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fail(file, ErrBinary, "不是文本文件（含有二进制数据）")
	}
	if utf8.Valid(data) {
		return checkText(file, string(data))
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", &Error{Op: OpImport, File: file, Reason: "既不是 UTF-8 也不是 GB18030/GBK 编码", Err: err, Kind: ErrEncoding}
	}
	return checkText(file, string(out))
}

// checkText rejects decoded text that is mostly control characters or
// replacement characters: the signature of a binary file.
func checkText(file, s string) (string, error) {
	var bad, total int
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError, r == 0:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		case r >= 0x7F && r < 0xA0:
			bad++
		}
	}
	if total == 0 {
		return "", fail(file, ErrEmpty, "文件为空")
	}
	if bad*100 > total { // more than 1% garbage
		return "", fail(file, ErrBinary, "不是文本文件（含有大量无法显示的字符）")
	}
	return s, nil
}

// wordExt are the extensions of word-processor files: their content is
// read as a Word document even when it does not look like one, so that a
// damaged .docx gets a message about Word documents, not about text.
var wordExt = map[string]bool{".docx": true, ".docm": true, ".dotx": true, ".dotm": true}

// sourceText turns a source file into text: a Word document through package
// docx (word is then set: a line of the text is a paragraph), anything
// else through Decode. Binary office formats are refused with advice.
func sourceText(file string, data []byte) (text string, word bool, err error) {
	ext := strings.ToLower(filepath.Ext(file))
	if docx.Sniff(data) == docx.FormatOther && !wordExt[ext] {
		if bytes.HasPrefix(bytes.TrimLeft(data, "\xef\xbb\xbf \t\r\n"), []byte(`{\rtf`)) {
			return "", false, fail(file, docx.ErrOldFormat, "这是 RTF 格式的文件，"+docx.SaveAsDocx)
		}
		text, err := Decode(file, data)
		return text, false, err
	}
	if len(data) > MaxSourceSize {
		return "", true, fail(file, ErrTooLarge, fmt.Sprintf("文件过大（%.1f MB），公文汇编不应超过 %d MB", float64(len(data))/(1<<20), MaxSourceSize>>20))
	}
	text, err = docx.Text(file, data)
	if err != nil {
		var de *docx.Error
		if errors.As(err, &de) {
			return "", true, &Error{Op: OpImport, File: file, Reason: de.Reason, Kind: de.Kind, Err: de.Err}
		}
		return "", true, &Error{Op: OpImport, File: file, Reason: "无法读取 Word 文档", Err: err}
	}
	switch {
	case len(text) > MaxSourceSize:
		return "", true, fail(file, ErrTooLarge, fmt.Sprintf("文档正文过长（%.1f MB），公文汇编不应超过 %d MB", float64(len(text))/(1<<20), MaxSourceSize>>20))
	case strings.TrimSpace(text) == "":
		return "", true, fail(file, ErrEmpty, "Word 文档中没有正文")
	}
	return text, true, nil
}
