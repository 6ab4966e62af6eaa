package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"huibian/app/notes"
)

// Menu action keys of the backups dialog.
const (
	actRestoreBackup = "restorebackup"
	actBackupNow     = "backupnow"
)

// backupWarner shows the failure of an automatic backup once per session:
// the change itself was saved, so one notice is enough, and a reader who
// keeps working on a full disk is not interrupted at every change.
type backupWarner struct {
	once sync.Once
	show func(msg string) // on the UI goroutine
}

// newBackupWarner shows the notice in w: in the status bar, and in a
// dialog unless the window has closed.
func newBackupWarner(w *Window) *backupWarner {
	closed := false
	w.OnClosed(func() { closed = true })
	return &backupWarner{show: func(msg string) {
		if closed {
			return
		}
		w.SetStatus("警告：自动备份失败")
		dialog.ShowInformation("警告", msg, w.FyneWindow())
	}}
}

// warn may be called from any goroutine (notes.Options.OnBackupError).
func (b *backupWarner) warn(msg string) {
	if msg == "" {
		return
	}
	b.once.Do(func() { fyne.Do(func() { b.show(msg) }) })
}

// backupRow is one line of the backups dialog.
func backupRowText(b notes.BackupInfo) string {
	when := b.Time.Local().Format("2006-01-02 15:04")
	if b.Problem != "" {
		return fmt.Sprintf("%s　无法读取（%s）", when, b.Problem)
	}
	return fmt.Sprintf("%s　笔记 %d 条，书签 %d 个", when, b.Notes, b.Bookmarks)
}

// showBackups is 文件 › 从备份恢复…: the backups, newest first, with their
// time and counts; restoring one asks first, keeps the current file aside
// and says where.
func (u *NotesUI) showBackups() {
	win := u.w.FyneWindow()
	if u.svc.ReadOnly() {
		dialog.ShowInformation("从备份恢复", "数据目录只能读取，本次不能恢复备份。", win)
		return
	}
	list, err := u.svc.Backups()
	if err != nil {
		dialog.ShowError(fmt.Errorf("读取备份列表：%w", err), win)
		return
	}
	if len(list) == 0 {
		dialog.ShowInformation("从备份恢复", "还没有备份。每 50 次修改、以及每次启动时（若笔记有变化）都会自动备份。", win)
		return
	}
	now := fmt.Sprintf("当前：笔记 %d 条，书签 %d 个", u.svc.NoteCount(), len(u.svc.Bookmarks(notes.ByTime)))
	selected := -1
	restore := widget.NewButton("恢复所选备份…", nil)
	restore.Importance = widget.HighImportance
	restore.Disable()
	rows := widget.NewList(
		func() int { return len(list) },
		func() fyne.CanvasObject {
			return widget.NewLabel("2026-01-01 00:00　笔记 00000 条，书签 0000 个")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupRowText(list[i])) },
	)
	rows.OnSelected = func(i widget.ListItemID) {
		selected = i
		if list[i].Problem == "" {
			restore.Enable()
		} else {
			restore.Disable()
		}
	}
	var d dialog.Dialog
	restore.OnTapped = func() {
		if selected < 0 || selected >= len(list) {
			return
		}
		b := list[selected]
		msg := fmt.Sprintf("用这个备份替换现在的书签和笔记？\n\n备份：%s，笔记 %d 条，书签 %d 个\n%s\n\n现在的文件会先另存，不会删除。",
			b.Time.Local().Format("2006-01-02 15:04"), b.Notes, b.Bookmarks, strings.Replace(now, "当前", "现在", 1))
		c := dialog.NewConfirm("恢复备份", msg, func(ok bool) {
			if !ok {
				return
			}
			d.Hide()
			u.restoreBackup(b)
		}, win)
		c.SetConfirmText("恢复")
		c.SetDismissText("取消")
		c.Show()
	}
	info := widget.NewLabel(now)
	body := container.NewBorder(info, container.NewHBox(restore), nil, nil, rows)
	d = dialog.NewCustom("从备份恢复", "关闭", body, win)
	d.Resize(fyne.NewSize(520, 420))
	d.Show()
}

// restoreBackup restores b and tells the reader where the replaced file is.
func (u *NotesUI) restoreBackup(b notes.BackupInfo) {
	win := u.w.FyneWindow()
	kept, err := u.svc.RestoreBackup(b.Name)
	if err != nil {
		if errors.Is(err, notes.ErrReadOnly) {
			err = errors.New("数据目录只能读取，不能恢复")
		}
		dialog.ShowError(fmt.Errorf("恢复备份 %s：%w", b.Name, err), win)
		return
	}
	u.changed()
	counts := fmt.Sprintf("笔记 %d 条，书签 %d 个", u.svc.NoteCount(), len(u.svc.Bookmarks(notes.ByTime)))
	msg := fmt.Sprintf("已恢复 %s 的备份：%s。", b.Time.Local().Format("2006-01-02 15:04"), counts)
	if kept != "" {
		msg += "\n原来的文件已另存为：\n" + kept
	}
	u.w.SetStatus("已从备份恢复：" + counts)
	dialog.ShowInformation("从备份恢复", msg, win)
}

// backupNow is 文件 › 立即备份.
func (u *NotesUI) backupNow() {
	path, err := u.svc.BackupNow()
	if err != nil {
		dialog.ShowError(fmt.Errorf("备份失败：%w", err), u.w.FyneWindow())
		return
	}
	u.w.SetStatus("已备份到 " + path)
}

// showDataNotices tells the reader, once the notes are attached, what the
// user-data layer found: a read-only data directory, damaged records that
// were repaired, a backup that could not be written.
func (u *NotesUI) showDataNotices() {
	var msgs []string
	if n := u.svc.ReadOnlyNotice(); n != "" {
		msgs = append(msgs, n)
	}
	msgs = append(msgs, u.svc.Repairs()...)
	if len(msgs) > 0 {
		dialog.ShowInformation("书签和笔记", strings.Join(msgs, "\n\n"), u.w.FyneWindow())
	}
	u.backups.warn(u.svc.BackupWarning())
}

// checkRepairs reports damaged records met since the last look (a record
// read later, e.g. when the notes panel loads them all).
func (u *NotesUI) checkRepairs() {
	if r := u.svc.Repairs(); len(r) > 0 {
		dialog.ShowInformation("书签和笔记", strings.Join(r, "\n\n"), u.w.FyneWindow())
	}
}
