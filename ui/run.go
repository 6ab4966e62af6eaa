package ui

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"huibian/app/instance"
	"huibian/app/library"
	"huibian/app/settings"
	"huibian/assets"
	"huibian/assets/i18n"
	_ "huibian/ui/internal/localeenv" // must initialise before Fyne's lang package
	uitheme "huibian/ui/theme"
)

// Config is what the window needs to start.
type Config struct {
	DataDir string
	Version string
	// OpenFile is a compilation file to import once the window is open
	// ("huibian FILE"); a running window is asked to import it instead.
	OpenFile string
}

// Run opens the reader window and blocks until it is closed.
func Run(cfg Config) error {
	t0 := time.Now()
	if stop := perfProfile(); stop != nil {
		defer stop()
	}
	// A second start brings the running window to the front and hands it
	// the file, over a local socket in the data directory (issue 13).
	if took, err := instance.HandOff(cfg.DataDir, cfg.OpenFile); took {
		return err
	}
	// One settings store for the window and the library (which keeps the
	// compilation opened last in it): two would overwrite each other.
	prefs, prefsErr := settings.Open(cfg.DataDir)
	lib, err := library.Open(cfg.DataDir, library.Options{Settings: prefs})
	if err != nil {
		showStartError(err)
		return err
	}
	defer lib.Close()
	c, err := startCompilation(lib) // library.go: the one opened last
	if err != nil {
		showStartError(err)
		return err
	}

	tLib := time.Since(t0)
	log.SetOutput(&logFilter{out: os.Stderr})
	a := app.NewWithID(AppID)
	if err := UseChinese(); err != nil {
		return err
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	notices := lib.Notices
	if prefsErr != nil {
		notices = append(notices, prefsErr.Error())
	}
	adoptFynePrefs(prefs, a.Preferences())

	tApp := time.Since(t0)
	w := NewWindow(a, c, Options{Version: cfg.Version, DataDir: lib.Dir(), Notices: notices, DeferRestore: true, Prefs: prefs})
	w.startTimes = map[string]time.Duration{"start_library_ms": tLib, "start_app_ms": tApp, "start_window_ms": time.Since(t0)}
	AttachLibrary(w, lib) // library.go: before the notes, which resolve node IDs through it
	s, err := attachNotesAndSearch(w)
	if err != nil {
		return err
	}
	attachExport(w)
	attachCompare(w)                  // compare.go: 对照阅读 and 专题矩阵
	s.SetCatalog(libraryCatalog(lib)) // the search scope toggle: every compilation
	if timing := perfHook(w); timing != nil {
		defer timing()
	}
	// The state is snapshotted on the UI goroutine as the reader goes;
	// stopping only writes the last snapshot (state.go).
	stopTracking := w.trackState(time.Second)
	// Also on SIGINT/SIGTERM (Fyne quits on them), which skip the close
	// intercept and the 退出 item. This runs on Fyne's lifecycle goroutine
	// after the window is gone, so it touches no widget.
	a.Lifecycle().SetOnStopped(func() {
		stopTracking()
		w.flushState()
	})
	w.win.SetMaster()
	w.win.Show()
	w.Restore()
	if len(notices) > 0 {
		dialog.ShowInformation("提示", strings.Join(notices, "\n"), w.win)
	}
	if srv, err := instance.Listen(cfg.DataDir, instance.WindowSocket, func(r instance.Request) (err error) {
		if r.Op == "open" {
			return w.library.importAndWait(r.Path) // import.go, off the UI goroutine
		}
		fyne.DoAndWait(func() { err = secondStart(w, r) })
		return err
	}); err == nil {
		defer srv.Close()
	}
	if cfg.OpenFile != "" {
		w.library.importFiles([]string{cfg.OpenFile}, nil)
	}
	a.Run()
	return nil
}

// secondStart does what another start of the reader asks of this window:
// come to the front ("open", importing a file, goes to import.go). It runs
// on the UI goroutine.
func secondStart(w *Window, r instance.Request) error {
	switch r.Op {
	case "activate":
		w.win.Show()
		w.win.RequestFocus()
		return nil
	}
	return fmt.Errorf("不支持的请求 %q", r.Op)
}

// UseChinese makes Fyne's own strings (dialog buttons, context menus, the
// Quit item) Simplified Chinese whatever the system language: Fyne picks
// the translation closest to the system locale and has no way to force one,
// so the Chinese table is registered under the system locale's own name
// (as dweymouth/supersonic does), and under zh-Hans.
func UseChinese() error {
	loc := lang.SystemLocale()
	if err := lang.AddTranslationsForLocale(i18n.FyneZh, loc); err != nil {
		return fmt.Errorf("加载界面文字（%s）：%w", loc, err)
	}
	if !strings.HasPrefix(string(loc), "zh") {
		if err := lang.AddTranslationsForLocale(i18n.FyneZh, fyne.Locale("zh-Hans")); err != nil {
			return fmt.Errorf("加载界面文字：%w", err)
		}
	}
	return nil
}

// showStartError tells a reader who started the program from an icon why
// it cannot open (most often: it is already open), in a small window of
// its own; the caller also prints the error and exits non-zero.
func showStartError(err error) {
	a := app.NewWithID(AppID)
	if UseChinese() != nil {
		return
	}
	a.Settings().SetTheme(uitheme.NewReaderTheme(uitheme.ThemeSettings{Variant: uitheme.VariantSystem, TextSize: uitheme.DefaultTextSize}))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("汇编阅读器")
	// No word wrapping: a wrapped label in a fresh window measures itself
	// one character wide. The text carries its own line breaks.
	msg := widget.NewLabel(startErrorText(err))
	closeBtn := widget.NewButton("关闭", a.Quit)
	closeBtn.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewVBox(msg, container.NewCenter(closeBtn))))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.ShowAndRun()
}

// startErrorText words a start-up failure for the reader.
func startErrorText(err error) string {
	// "打开资料库 /path: 原因" reads better with the reason on a line of its own.
	detail := strings.ReplaceAll(err.Error(), ": ", ":\n")
	if errors.Is(err, library.ErrLocked) {
		return "汇编阅读器已经打开了（或另一个程序正在使用它的数据文件）。\n请切换到已打开的窗口；若确实没有打开，请稍候再试。\n\n" + detail
	}
	return "汇编阅读器无法启动：\n\n" + detail
}
