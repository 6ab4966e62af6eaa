package ui

import "errors"

// Config is what the window needs to start.
type Config struct {
	DataDir string
	Version string
}

// Run opens the reader window and blocks until it is closed.
// Placeholder until the window lands (issue 3).
func Run(cfg Config) error { return errors.New("阅读窗口尚未完成") }
