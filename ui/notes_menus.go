package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

func (u *NotesUI) addMenus() {
	u.w.AddActions(
		Action{ID: actNotesPanel, Menu: menuNotes, Label: "笔记面板", Key: ctrlShiftKey(fyne.KeyN), Run: u.toggleNotesPanel, Help: "打开 / 关闭笔记面板"},
		Action{ID: actBookmarksPanel, Menu: menuNotes, Label: "书签面板", Key: ctrlShiftKey(fyne.KeyB), Run: u.toggleBookmarksPanel, Help: "打开 / 关闭书签面板"},
		Action{ID: actUndoDelete, Menu: menuNotes, Label: "撤销删除", Key: ctrlKey(fyne.KeyZ), Run: u.undoShortcut, Sep: true, Help: "撤销刚删除的笔记或书签（搜索框中：撤销输入）"},
		Action{ID: actExportMD, Menu: menuFile, Label: "导出笔记为 Markdown…", Run: func() { u.showExport("md") }},
		Action{ID: actExportJSON, Menu: menuFile, Label: "导出笔记为 JSON…", Run: func() { u.showExport("json") }},
		Action{ID: actImportNotes, Menu: menuFile, Label: "导入笔记（JSON）…", Run: u.showImport},
		Action{ID: actBackupNow, Menu: menuFile, Label: "立即备份笔记", Run: u.backupNow},
		Action{ID: actRestoreBackup, Menu: menuFile, Label: "从备份恢复…", Run: u.showBackups},
	)
	u.w.AddMenuItems(menuFile, fyne.NewMenuItemSeparator())
}

func (u *NotesUI) toggleNotesPanel() {
	u.w.TogglePanel(panelNotes, func() fyne.CanvasObject {
		u.notesPanel.reload()
		return u.notesPanel.box
	})
}

func (u *NotesUI) toggleBookmarksPanel() {
	u.w.TogglePanel(panelBookmarks, func() fyne.CanvasObject {
		u.bmPanel.reload()
		return u.bmPanel.box
	})
}

// export writes every note and bookmark in format "md" or "json".
func (u *NotesUI) export(w io.Writer, format string) error {
	if format == "json" {
		return u.svc.ExportJSON(w)
	}
	return u.svc.ExportMarkdown(w, nil)
}

func (u *NotesUI) showExport(format string) {
	win := u.w.FyneWindow()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("导出笔记：%w", err), win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		var buf bytes.Buffer
		err = u.export(&buf, format)
		if err == nil {
			_, err = wc.Write(buf.Bytes())
		}
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("导出笔记到 %s：%w", wc.URI().Path(), err), win)
			return
		}
		u.w.SetStatus(fmt.Sprintf("已导出 %d 条笔记到 %s", u.svc.NoteCount(), wc.URI().Path()))
	}, win)
	if format == "json" {
		d.SetFileName("汇编阅读器笔记.json")
		d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	} else {
		d.SetFileName("汇编阅读器笔记.md")
		d.SetFilter(storage.NewExtensionFileFilter([]string{".md"}))
	}
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// importData merges a JSON export and says what it did, in Chinese.
func (u *NotesUI) importData(name string, data []byte) (string, error) {
	rep, err := u.svc.ImportJSON(data)
	if err != nil {
		return "", fmt.Errorf("导入文件 %s：%w", name, err)
	}
	u.changed()
	msg := fmt.Sprintf("已导入 %s：%s。", name, rep)
	if len(rep.Problems) > 0 {
		shown := rep.Problems
		if len(shown) > 10 {
			shown = shown[:10]
		}
		msg += "\n\n内容有误而跳过的记录：\n" + strings.Join(shown, "\n")
	}
	return msg, nil
}

func (u *NotesUI) showImport() {
	win := u.w.FyneWindow()
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("导入笔记：%w", err), win)
			return
		}
		if rc == nil {
			return
		}
		defer rc.Close()
		name := rc.URI().Path()
		data, err := io.ReadAll(rc)
		if err != nil {
			dialog.ShowError(fmt.Errorf("读取导入文件 %s：%w", name, err), win)
			return
		}
		msg, err := u.importData(name, data)
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		dialog.ShowInformation("导入笔记", msg, win)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}
