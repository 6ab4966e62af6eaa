package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"syscall"
)

// PrivateDir creates dir (mode 0700) if needed and tightens an existing
// directory that others may read (0755, say) to 0700: it holds the user's
// notes. A directory the user cannot change (another user's, a read-only
// mount) is left as it is; opening its files will say what is wrong.
// Windows has no such mode bits; its per-user profile directories are
// private already.
func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("创建数据目录 %s: %w", dir, err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("数据目录 %s: %w", dir, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		_ = os.Chmod(dir, 0o700)
	}
	return nil
}

// IsReadOnlyErr reports whether err means the file or its directory cannot
// be written: no permission, or a read-only file system.
func IsReadOnlyErr(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EPERM)
}

// WriteFileAtomic writes data to path through a temporary file (mode
// 0600) in the same directory, fsync, a rename and an fsync of the
// directory: a reader, or the file after a crash, is the old content or
// the new, never half of it.
func WriteFileAtomic(path string, data []byte) error {
	return writeFileAtomic(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}
