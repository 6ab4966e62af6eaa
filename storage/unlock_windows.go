//go:build windows

package storage

import (
	"os"

	"golang.org/x/sys/windows"
)

// unlockFile drops the lock bbolt took on f, with the same range bbolt's
// own funlock uses. Closing f alone is not enough after a panic inside
// bolt.Open: the file mapping bbolt made still references the file.
func unlockFile(f *os.File) error {
	const all = (1 << 32) - 1
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{Offset: all, OffsetHigh: all})
}
