package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"huibian/app/library"
)

func TestStartErrorText(t *testing.T) {
	locked := fmt.Errorf("打开资料库 %s: %w", "/d/library.db", library.ErrLocked)
	tests := []struct {
		err  error
		want []string
	}{
		{locked, []string{"汇编阅读器已经打开了", "打开资料库 /d/library.db:\n数据文件已被另一个汇编阅读器进程打开"}},
		{errors.New("读取汇编 x: 记录不存在"), []string{"汇编阅读器无法启动", "读取汇编 x:\n记录不存在"}},
	}
	for _, tt := range tests {
		got := startErrorText(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("startErrorText(%v) = %q, lacks %q", tt.err, got, w)
			}
		}
	}
	if strings.Contains(startErrorText(errors.New("x")), "已经打开") {
		t.Error("an ordinary failure is worded as 'already open'")
	}
}
