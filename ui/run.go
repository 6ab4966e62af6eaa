package ui

import (
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"huibian/app/library"
	"huibian/assets"
	"huibian/assets/i18n"
	_ "huibian/ui/internal/localeenv" // must initialise before Fyne's lang package
)

// Config is what the window needs to start.
type Config struct {
	DataDir string
	Version string
}

// Extension wires a feature (search, notes, bookmarks) into a new window.
type Extension func(w *Window) error

// extensions are installed into the window by Run, in order. The search,
// notes and bookmarks code adds its installer here.
func extensions() []Extension { return []Extension{NotesAndSearchExtension} }

// Run opens the reader window and blocks until it is closed.
func Run(cfg Config) error {
	t0 := time.Now()
	if stop := perfProfile(); stop != nil {
		defer stop()
	}
	lib, err := library.Open(cfg.DataDir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.Builtin()
	if err != nil {
		return err
	}

	tLib := time.Since(t0)
	log.SetOutput(&prefsRaceFilter{out: os.Stderr})
	a := app.NewWithID(AppID)
	if err := UseChinese(); err != nil {
		return err
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	tApp := time.Since(t0)
	w := NewWindow(a, c, Options{Version: cfg.Version, DataDir: lib.Dir(), Notices: lib.Notices, DeferRestore: true})
	w.startTimes = map[string]time.Duration{"start_library_ms": tLib, "start_app_ms": tApp, "start_window_ms": time.Since(t0)}
	for _, ext := range extensions() {
		if err := ext(w); err != nil {
			return err
		}
	}
	if timing := perfHook(w); timing != nil {
		defer timing()
	}
	// Also on SIGINT/SIGTERM (Fyne quits on them), which skip the close
	// intercept and the 退出 item.
	// This runs on Fyne's lifecycle goroutine after the window is gone:
	// stopping tells the save hooks not to touch widgets.
	a.Lifecycle().SetOnStopped(func() {
		w.stopping = true
		w.SaveState()
	})
	w.win.SetMaster()
	w.win.Show()
	w.Restore()
	if len(lib.Notices) > 0 {
		dialog.ShowInformation("提示", strings.Join(lib.Notices, "\n"), w.win)
	}
	a.Run()
	return nil
}

// UseChinese makes Fyne's own strings (dialog buttons, context menus, the
// Quit item) Simplified Chinese whatever the system language: Fyne picks
// the translation closest to the system locale and has no way to force one,
// so the Chinese table is registered under the system locale's own name
// (as dweymouth/supersonic does), and under zh-Hans.
func UseChinese() error {
	loc := lang.SystemLocale()
	if err := lang.AddTranslationsForLocale(i18n.FyneZh, loc); err != nil {
		return fmt.Errorf("加载界面文字(%s): %w", loc, err)
	}
	if !strings.HasPrefix(string(loc), "zh") {
		if err := lang.AddTranslationsForLocale(i18n.FyneZh, fyne.Locale("zh-Hans")); err != nil {
			return fmt.Errorf("加载界面文字: %w", err)
		}
	}
	return nil
}
