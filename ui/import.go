package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"huibian/app/library"
	"huibian/app/parse"
)

// Importing compilations: 文件 › 导入汇编… (a file dialog for .txt and
// .docx), files dropped on the window, and files handed over by a second
// start of the reader. Files are imported one after another off the UI
// goroutine; a progress dialog appears when an import takes longer than
// progressDelay, and the window stays usable meanwhile.

// progressDelay is how long an import runs before its progress shows (a
// quick import would only flash a dialog).
const progressDelay = 300 * time.Millisecond

// importExts are the file types the import dialog offers.
var importExts = []string{".txt", ".docx"}

// importJob is one file to import and who waits for its outcome.
type importJob struct {
	path string
	done func(error) // may be nil; runs on the UI goroutine
}

// importer runs the imports of one window, one after another.
type importer struct {
	mu      sync.Mutex
	queue   []importJob
	running bool

	// UI goroutine state: the progress dialog and its text.
	progress dialog.Dialog
	label    *widget.Label
	// onFinished, for tests, runs on the UI goroutine after each batch.
	onFinished func()
}

// importResult is what came of one file.
type importResult struct {
	job importJob
	rep library.ImportReport
	err error
}

// showImportDialog opens the file dialog for .txt and .docx files.
func (l *libraryUI) showImportDialog() {
	win := l.w.FyneWindow()
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("选择文件：%w", err), win)
			return
		}
		if rc == nil {
			return // cancelled
		}
		u := rc.URI()
		rc.Close()
		l.importFiles([]string{u.Path()}, nil)
	}, win)
	d.SetTitleText("导入汇编（.txt 或 .docx）")
	d.SetConfirmText("导入")
	d.SetDismissText("取消")
	d.SetFilter(storage.NewExtensionFileFilter(importExts))
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, size.Width-40), min(620, size.Height-40)))
	d.Show()
}

// importFiles imports files in the background, in order, and then opens
// the last one imported; done, if not nil, gets each file's outcome. It
// runs on the UI goroutine.
func (l *libraryUI) importFiles(paths []string, done func(error)) {
	im := &l.imp
	im.mu.Lock()
	for _, p := range paths {
		im.queue = append(im.queue, importJob{path: p, done: done})
	}
	start := !im.running
	im.running = true
	im.mu.Unlock()
	if start {
		go l.runImports()
	}
}

// importAndWait imports one file and waits for the outcome; it must run
// off the UI goroutine (the second-start socket does).
func (l *libraryUI) importAndWait(path string) error {
	ch := make(chan error, 1)
	l.do(func() { l.importFiles([]string{path}, func(err error) { ch <- err }) })
	return <-ch
}

// runImports works through the queue off the UI goroutine.
func (l *libraryUI) runImports() {
	im := &l.imp
	var results []importResult
	for {
		im.mu.Lock()
		if len(im.queue) == 0 {
			im.running = false
			im.mu.Unlock()
			break
		}
		job := im.queue[0]
		im.queue = im.queue[1:]
		left := len(im.queue)
		im.mu.Unlock()

		text := fmt.Sprintf("正在导入 %s …", filepath.Base(job.path))
		if left > 0 || len(results) > 0 {
			text = fmt.Sprintf("正在导入第 %d 个文件（还有 %d 个）：%s …", len(results)+1, left, filepath.Base(job.path))
		}
		l.do(func() { l.showProgress(text) })
		// The dialog appears only if the import is still running then.
		timer := time.AfterFunc(progressDelay, func() { l.do(l.popProgress) })
		rep, err := l.lib.ImportFile(job.path)
		timer.Stop()
		results = append(results, importResult{job: job, rep: rep, err: importError(job.path, err)})
	}
	l.do(func() { l.importsDone(results) })
}

// importError names the file in an import error (the parser's errors
// already do).
func importError(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *parse.Error
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("无法导入 %s：%w", path, err)
}

// showProgress sets the progress text (status line, and the dialog once
// it is up).
func (l *libraryUI) showProgress(text string) {
	im := &l.imp
	l.w.SetStatus(text)
	if im.label == nil {
		im.label = widget.NewLabel("")
		im.label.Wrapping = fyne.TextWrapWord
	}
	im.label.SetText(text)
}

// popProgress shows the progress dialog if an import still runs.
func (l *libraryUI) popProgress() {
	im := &l.imp
	im.mu.Lock()
	running := im.running
	im.mu.Unlock()
	if !running || im.progress != nil {
		return
	}
	bar := widget.NewProgressBarInfinite()
	content := container.NewVBox(im.label, bar, widget.NewLabel("导入在后台进行，您可以继续阅读。"))
	im.progress = dialog.NewCustomWithoutButtons("导入汇编", container.New(minWidth{420}, content), l.w.FyneWindow())
	im.progress.Show()
}

// importsDone reports a batch of imports and opens the last compilation
// imported (UI goroutine).
func (l *libraryUI) importsDone(results []importResult) {
	im := &l.imp
	if im.progress != nil {
		im.progress.Hide()
		im.progress = nil
	}
	var errs []string
	var opened *importResult
	for i := range results {
		r := &results[i]
		if r.job.done != nil {
			r.job.done(r.err)
		}
		if r.err != nil {
			errs = append(errs, r.err.Error())
			continue
		}
		opened = r
	}
	l.libraryChanged()
	win := l.w.FyneWindow()
	if opened != nil {
		c := opened.rep.Compilation
		switch {
		case opened.rep.Replaced && c.ID == l.w.Compilation().ID:
			l.w.SetCompilation(c) // the new text of the compilation shown
		default:
			if err := l.w.OpenCompilation(c.ID); err != nil {
				errs = append(errs, fmt.Sprintf("打开《%s》：%v", c.Title, err))
			}
		}
		if l.view != nil {
			l.view.dlg.Hide()
		}
		l.w.SetStatus(opened.rep.String())
		switch {
		case opened.rep.Unchanged:
			dialog.ShowInformation("已在资料库中",
				fmt.Sprintf("《%s》已经导入过（文件内容相同），没有重复导入，已为您打开。", c.Title), win)
		case len(opened.rep.Warnings) > 0:
			ws := opened.rep.Warnings
			if len(ws) > 8 {
				ws = append(ws[:8:8], fmt.Sprintf("……另有 %d 条", len(opened.rep.Warnings)-8))
			}
			dialog.ShowInformation("导入汇编", opened.rep.String()+"\n\n请留意：\n"+strings.Join(ws, "\n"), win)
		}
	} else if len(errs) > 0 {
		l.w.SetStatus("导入失败")
	}
	if len(errs) > 0 {
		dialog.ShowError(errors.New(strings.Join(errs, "\n")), win)
	}
	if im.onFinished != nil {
		im.onFinished()
	}
}
