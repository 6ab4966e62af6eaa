package docx

import (
	"strings"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		format string
		in     []int
		want   string
	}{
		{"decimal", []int{1, 9, 10, 24}, "1 9 10 24"},
		{"decimalZero", []int{1, 9, 10}, "01 09 10"},
		{"decimalZero3", []int{1, 12, 123}, "001 012 123"},
		{"decimalFullWidth", []int{1, 10, 24}, "１ １０ ２４"},
		{"decimalEnclosedCircle", []int{1, 10, 20, 21}, "① ⑩ ⑳ 21"},
		{"decimalEnclosedCircleChinese", []int{3}, "③"},
		{"decimalEnclosedParen", []int{1, 12, 20, 21}, "⑴ ⑿ ⒇ 21"},
		{"decimalEnclosedFullstop", []int{1, 20}, "⒈ ⒛"},
		{"ideographEnclosedCircle", []int{1, 10, 11}, "㈠ ㈩ 11"},
		{"chineseCounting", []int{1, 10, 11, 20, 24, 99, 100, 101, 1000}, "一 十 十一 二十 二十四 九十九 一○○ 一○一 一○○○"},
		{"chineseCountingThousand", []int{1, 10, 11, 20, 21, 100, 101, 110, 111, 1000, 1001, 1010, 1100, 9999}, "一 十 十一 二十 二十一 一百 一百〇一 一百一十 一百一十一 一千 一千〇一 一千〇一十 一千一百 九千九百九十九"},
		{"taiwaneseCounting", []int{6, 12}, "六 十二"},
		{"taiwaneseCountingThousand", []int{1, 6, 10, 16, 30}, "一 六 十 十六 三十"},
		{"chineseLegalSimplified", []int{1, 2, 3, 10, 11, 20, 101}, "壹 贰 叁 壹拾 壹拾壹 贰拾 壹佰零壹"},
		{"ideographLegalTraditional", []int{2, 3, 6, 10}, "貳 參 陸 壹拾"},
		{"ideographDigital", []int{1, 10, 100, 2026}, "一 一〇 一〇〇 二〇二六"},
		{"taiwaneseDigital", []int{3, 15}, "三 一五"},
		{"ideographTraditional", []int{1, 4, 10, 11}, "甲 丁 癸 甲"},
		{"ideographZodiac", []int{1, 12, 13}, "子 亥 子"},
		{"ideographZodiacTraditional", []int{1, 2, 11, 60, 61}, "甲子 乙丑 甲戌 癸亥 甲子"},
		{"japaneseCounting", []int{10, 11, 100, 101}, "十 十一 百 百一"},
		{"upperLetter", []int{1, 26, 27, 53}, "A Z AA AAA"},
		{"lowerLetter", []int{2, 28}, "b bb"},
		{"upperRoman", []int{1, 4, 9, 14, 2026}, "I IV IX XIV MMXXVI"},
		{"lowerRoman", []int{3, 40}, "iii xl"},
		{"ordinal", []int{1, 2, 3, 4, 11, 21}, "1st 2nd 3rd 4th 11th 21st"},
		{"chicago", []int{1, 4, 5}, "* § **"},
		{"numberInDash", []int{7}, "- 7 -"},
		{"none", []int{3}, ""},
		{"hebrew1", []int{3}, "3"}, // not rendered: shown as a decimal
	}
	for _, tt := range tests {
		var got []string
		for _, n := range tt.in {
			got = append(got, formatLevel(n, tt.format))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s %v = %q, want %q", tt.format, tt.in, g, tt.want)
		}
	}
}

// numbered builds a .docx from hand-written parts, as Word and WPS write
// them (LibreOffice, which makes the other fixtures, writes only decimal
// and taiwaneseCountingThousand), and returns its text.
func numbered(t *testing.T, numberingXML, stylesXML, body string) string {
	t.Helper()
	parts := map[string]string{
		"word/document.xml":  document(body),
		"word/numbering.xml": `<w:numbering ` + wNS + `>` + numberingXML + `</w:numbering>`,
	}
	if stylesXML != "" {
		parts["word/styles.xml"] = `<w:styles ` + wNS + `>` + stylesXML + `</w:styles>`
	}
	return docText(t, "n.docx", zipOf(t, parts))
}

func p(numID, ilvl int, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + string(rune('0'+ilvl)) + `"/><w:numId w:val="` + itoa(numID) + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func plain(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func lvl(ilvl int, format, text, extra string) string {
	return `<w:lvl w:ilvl="` + itoa(ilvl) + `"><w:start w:val="1"/><w:numFmt w:val="` + format + `"/>` + extra + `<w:lvlText w:val="` + text + `"/></w:lvl>`
}

// The way WPS numbers a work plan: 一、 / （一） / 1. / （1） in one list,
// no suffix, in chineseCounting.
func TestNumberingOutline(t *testing.T) {
	nothing := `<w:suff w:val="nothing"/>`
	numberingXML := `<w:abstractNum w:abstractNumId="0">` +
		lvl(0, "chineseCounting", "%1、", nothing) +
		lvl(1, "chineseCounting", "（%2）", nothing) +
		lvl(2, "decimal", "%3.", nothing) +
		lvl(3, "decimal", "（%4）", nothing) +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`
	body := p(1, 0, "总体要求") + p(1, 1, "指导思想") + p(1, 2, "坚持") + p(1, 3, "细则") + p(1, 3, "细则") + p(1, 2, "再坚持") + p(1, 3, "细则") +
		p(1, 1, "基本原则") + p(1, 0, "重点任务") + p(1, 1, "抓学习") + plain("正文不编号") + p(1, 1, "抓宣传")
	want := "一、总体要求\n（一）指导思想\n1.坚持\n（1）细则\n（2）细则\n2.再坚持\n（1）细则\n（二）基本原则\n二、重点任务\n（一）抓学习\n正文不编号\n（二）抓宣传"
	if got := numbered(t, numberingXML, "", body); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Counters belong to the abstract definition: two w:num sharing it
// continue one sequence; a w:startOverride restarts it where its w:num is
// first used; a w:lvlRestart of 0 never restarts; isLgl shows decimals;
// the default suffix is a tab.
func TestNumberingCounters(t *testing.T) {
	numberingXML := `<w:abstractNum w:abstractNumId="0">` +
		lvl(0, "chineseCountingThousand", "第%1章", `<w:suff w:val="space"/>`) +
		lvl(1, "decimal", "%2.", `<w:lvlRestart w:val="0"/><w:suff w:val="nothing"/>`) +
		lvl(2, "decimalEnclosedCircle", "%1.%2.%3", `<w:isLgl/>`) +
		`</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>`
	body := p(1, 0, "甲") + p(1, 1, "a") + p(2, 0, "乙") + p(2, 1, "b") + p(1, 2, "深") +
		p(3, 0, "丙") + p(3, 0, "丁") + p(1, 0, "戊") + p(4, 1, "c") + p(4, 0, "己")
	want := "第一章 甲\n1.a\n第二章 乙\n2.b\n2.2.1\t深\n第一章 丙\n第二章 丁\n第三章 戊\n3.c\n第十章 己"
	if got := numbered(t, numberingXML, "", body); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Numbering from paragraph styles (Word's "标题 1" linked to a list), with
// basedOn, a numStyleLink, a paragraph's numId 0 turning it off, and a
// w:lvlOverride replacing a level.
func TestNumberingStyles(t *testing.T) {
	numberingXML := `<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="Outline"/>` +
		lvl(0, "ideographDigital", "%1、", `<w:suff w:val="nothing"/>`) +
		lvl(1, "decimalEnclosedParen", "%2", `<w:suff w:val="nothing"/>`) +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">` + lvl(1, "chineseLegalSimplified", "第%2条", `<w:suff w:val="nothing"/>`) + `</w:lvlOverride></w:num>`
	stylesXML := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>` +
		`<w:style w:type="numbering" w:styleId="Outline"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>`
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	off := `<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>`
	body := styled("Heading1", "甲") + styled("Heading2", "子") + styled("Heading2", "丑") + off + styled("Heading1", "乙") + p(3, 1, "寅") + styled("Normal", "正文")
	want := "一、甲\n⑴子\n⑵丑\n不编号\n二、乙\n第壹条寅\n正文"
	if got := numbered(t, numberingXML, stylesXML, body); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Fields: the instructions are left out, the result kept, also when fields
// nest; a custom Word 2010 number format in mc:AlternateContent.
func TestFieldsAndCustomFormat(t *testing.T) {
	body := `<w:p><w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>QUOTE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>内</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>` +
		`<w:p><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>12</w:t></w:r></w:fldSimple></w:p>` +
		p(1, 0, "项目") + p(1, 0, "项目")
	numberingXML := `<w:abstractNum w:abstractNumId="0" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:lvl w:ilvl="0"><w:start w:val="1"/>` +
		`<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>` +
		`<w:suff w:val="space"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`
	want := "见第3页\n12\n001 项目\n002 项目"
	if got := numbered(t, numberingXML, "", body); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
