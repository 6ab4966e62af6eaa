// Package storage keeps Huibian's two bbolt files: the library of parsed
// compilations (library.db) and the user's own data (userdata.db).
//
// The package stores opaque bytes. It knows nothing about documents, notes or
// bookmarks: the app layer marshals its own model and hands the bytes over.
// What this package does own is everything that makes those bytes durable:
// lock timeouts, schema versions and migrations, corruption detection,
// rotating backups and recovery.
//
// The two files have different recovery policies on purpose. The library can
// always be rebuilt from its sources, so a corrupt library is simply moved
// aside and recreated. The user data cannot be rebuilt, so a corrupt user file
// is moved aside (never deleted) and the newest backup that passes a full
// check is restored.
//
// Every write commits with fsync before the call returns: bbolt's NoSync is
// never used, so a returned nil error means the change survives a crash or a
// power cut.
package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// File names inside the data directory. The app joins them with its data
// directory; OpenUserStore puts backups in a "backups" directory beside
// UserFile.
const (
	LibraryFile = "library.db"
	UserFile    = "userdata.db"
)

// Sentinel errors. They are returned wrapped with the file path, so test
// them with errors.Is. Their text is Chinese because it reaches the user.
var (
	// ErrLocked is returned when another process holds the file's lock and
	// the lock could not be taken within the open timeout. bbolt would
	// otherwise wait forever.
	ErrLocked = errors.New("数据文件已被另一个汇编阅读器进程打开，请先关闭另一个窗口")

	// ErrCorrupt is returned when a file fails its consistency check, or
	// when bbolt panics while reading it.
	ErrCorrupt = errors.New("数据文件已损坏")

	// ErrNotFound is returned when a record or key does not exist.
	ErrNotFound = errors.New("记录不存在")

	// ErrSchemaTooNew is returned when a file was written by a newer
	// version of Huibian with a schema this build does not understand.
	// Such a file is never modified.
	ErrSchemaTooNew = errors.New("数据文件由更新版本的汇编阅读器创建，请升级程序")
)

// defaultTimeout bounds how long Open waits for the file lock. One second is
// long enough to ride out another instance that is just closing, and short
// enough that a user who started a second window sees an answer at once.
const defaultTimeout = time.Second

// metaBucket holds the schema version of each file. Its name is reserved:
// the generic user API refuses to touch it.
const metaBucket = "meta"

// schemaKey is the key of the schema version inside metaBucket. The value is
// the version in decimal ASCII so that `bbolt get` shows it readably.
const schemaKey = "schema"

// stampLayout names backups and moved-aside files. It sorts
// lexicographically in time order, which rotation relies on.
const stampLayout = "20060102-150405.000"

// panicError carries a panic recovered from bbolt. bbolt panics, rather than
// returning errors, when it meets corrupt pages.
type panicError struct {
	value any
}

func (p *panicError) Error() string { return fmt.Sprintf("读取时出现异常：%v", p.value) }

// guard runs fn and turns a panic inside it into an error wrapping
// ErrCorrupt.
//
// bbolt reads pages through a memory map. A corrupt page can point outside
// the file, and a truncated file leaves mapped pages without backing storage;
// touching them raises SIGSEGV or SIGBUS, which Go normally treats as a fatal
// error that recover cannot catch. debug.SetPanicOnFault turns such faults
// into ordinary panics, but only for the calling goroutine, so every bbolt
// call that may touch corrupt pages must run inside guard on the caller's
// own goroutine.
func guard(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %w", ErrCorrupt, &panicError{r})
		}
	}()
	return fn()
}

// openBolt opens path with a lock timeout and classifies failures.
//
// The returned error wraps ErrLocked when another process holds the lock and
// ErrCorrupt when the file is not a readable bbolt file. Other errors (no
// permission, no space) are returned as they are: they say nothing about
// the file's contents, so recovery must not move the file aside for them.
func openBolt(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	// Keep the *os.File so that it can be unlocked and closed if bbolt
	// panics half-way through Open; otherwise the lock would be held until
	// the process exits and the file could not be reopened after recovery.
	var file *os.File
	opts := &bolt.Options{
		Timeout:  timeout,
		ReadOnly: readOnly,
		// Load the freelist inside Open, on this goroutine, where guard
		// protects it, instead of lazily in tx.Check's own goroutine.
		PreLoadFreelist: true,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	var db *bolt.DB
	err := guard(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, opts)
		return err
	})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, ErrCorrupt):
		// bbolt panicked half-way through Open and never returned its DB,
		// so it cannot be closed. Release the lock and the descriptor by
		// hand; the memory map is leaked (address space only, and only on
		// this rare path).
		if file != nil {
			_ = unlockFile(file) // shared locks too: the map pins them alike
			_ = file.Close()
		}
		return nil, err
	case errors.Is(err, berrors.ErrTimeout):
		return nil, ErrLocked
	case isCorruptOpenError(err):
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	default:
		return nil, err
	}
}

// isCorruptOpenError reports whether an error from bolt.Open means the file
// content is bad. bbolt has sentinels for bad meta pages; a file shorter
// than two pages is reported only as text.
func isCorruptOpenError(err error) bool {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return false
	}
	return errors.Is(err, berrors.ErrInvalid) ||
		errors.Is(err, berrors.ErrVersionMismatch) ||
		errors.Is(err, berrors.ErrChecksum) ||
		strings.Contains(err.Error(), "file size too small")
}

// verify checks the whole file: its length, every page of every bucket, and
// bbolt's own consistency check. It returns an error wrapping ErrCorrupt if
// anything is wrong.
//
// The order matters. tx.Check runs in a goroutine of its own, where guard's
// fault handling does not apply, so a fault there would kill the process.
// The length check and the full walk run first, on this goroutine under
// guard: once they have touched every reachable page without faulting,
// tx.Check only revisits pages already known to be mapped.
func verify(db *bolt.DB) error {
	return guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			st, err := os.Stat(db.Path())
			if err != nil {
				return fmt.Errorf("检查数据文件：%w", err)
			}
			if tx.Size() > st.Size() {
				return fmt.Errorf("%w: 文件只有 %d 字节，数据需要 %d 字节（文件被截断）", ErrCorrupt, st.Size(), tx.Size())
			}
			var sum byte
			if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return walkBucket(b, &sum)
			}); err != nil {
				return err
			}
			runtime.KeepAlive(sum)

			// Drain the channel completely: Check's goroutine blocks on
			// every send, so returning early would leak it and keep the
			// transaction open.
			var first error
			n := 0
			for cerr := range tx.Check() {
				if first == nil {
					first = cerr
				}
				n++
			}
			if first != nil {
				return fmt.Errorf("%w: 一致性检查发现 %d 处错误，第一处：%v", ErrCorrupt, n, first)
			}
			return nil
		})
	})
}

// walkBucket reads every key and value in b and its nested buckets, which
// makes bbolt's cursor visit, and type-check, every branch and leaf page.
func walkBucket(b *bolt.Bucket, sum *byte) error {
	return b.ForEach(func(k, v []byte) error {
		touch(k, sum)
		if v == nil {
			if child := b.Bucket(k); child != nil {
				return walkBucket(child, sum)
			}
			return nil
		}
		touch(v, sum)
		return nil
	})
}

// touch reads the first and last byte of p. The length check in verify
// already proves that every page below the high-water mark is backed by the
// file, so the ends are enough to catch a slice whose garbage length runs
// past the map; touching every page of a multi-megabyte value would only
// add page faults to every open.
func touch(p []byte, sum *byte) {
	if len(p) > 0 {
		*sum ^= p[0] ^ p[len(p)-1]
	}
}

// openVerified opens path and verifies it. On any failure the database is
// closed again.
func openVerified(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	db, err := openBolt(path, timeout, readOnly)
	if err != nil {
		return nil, err
	}
	if err := verify(db); err != nil {
		closeQuietly(db)
		return nil, err
	}
	return db, nil
}

// closeQuietly closes a database that is being abandoned. Close itself can
// panic on a corrupt file (it may touch the freelist), which must not take
// the process down.
func closeQuietly(db *bolt.DB) {
	_ = guard(db.Close)
}

// readSchema returns the schema version recorded in tx.
//
// A file with no buckets at all is fresh (bbolt just created it). A file
// with buckets but no meta bucket predates schema versions and counts as
// version 0.
func readSchema(tx *bolt.Tx) (version int, fresh bool, err error) {
	meta := tx.Bucket([]byte(metaBucket))
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error {
			empty = false
			return errStop
		})
		return 0, empty, nil
	}
	raw := meta.Get([]byte(schemaKey))
	if raw == nil {
		return 0, false, nil
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, false, fmt.Errorf("%w: 无法识别的格式版本 %q", ErrCorrupt, raw)
	}
	return v, false, nil
}

var errStop = errors.New("stop")

func writeSchema(tx *bolt.Tx, version int) error {
	meta, err := tx.CreateBucketIfNotExists([]byte(metaBucket))
	if err != nil {
		return err
	}
	return meta.Put([]byte(schemaKey), []byte(strconv.Itoa(version)))
}

// migrate brings the file from version from to version to in ONE
// transaction: either every step and the new version number are committed,
// or nothing is, so a crash mid-migration leaves the old file untouched.
func migrate(db *bolt.DB, from, to int, steps []Migration) error {
	return guard(func() error {
		return db.Update(func(tx *bolt.Tx) error {
			for v := from; v < to; v++ {
				var apply func(Tx) error
				for _, s := range steps {
					if s.From == v {
						apply = s.Apply
						break
					}
				}
				if apply == nil {
					return fmt.Errorf("没有从格式版本 %d 升级的方法", v)
				}
				if err := apply(&bucketTx{tx: tx}); err != nil {
					return fmt.Errorf("从格式版本 %d 升级：%w", v, err)
				}
			}
			return writeSchema(tx, to)
		})
	})
}

// writeFileAtomic creates final through a temporary file in the same
// directory: write, fsync, rename, fsync the directory. A reader therefore
// sees either no file or the complete file, even after a crash, because
// rename within one directory is atomic and the data is on disk before the
// name points at it.
func writeFileAtomic(final string, write func(f *os.File) error) (err error) {
	dir := filepath.Dir(final)
	f, err := os.CreateTemp(dir, "."+filepath.Base(final)+"-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, final); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot open a directory for
// syncing and makes renames durable by itself, so it is skipped there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// moveAside renames a bad file to path+suffix+timestamp so that it is kept
// for inspection, and returns the new name.
func moveAside(path, suffix string, now time.Time) (string, error) {
	dst := path + suffix + now.UTC().Format(stampLayout)
	for i := 1; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s%s%s-%d", path, suffix, now.UTC().Format(stampLayout), i)
	}
	if err := os.Rename(path, dst); err != nil {
		return "", err
	}
	return dst, syncDir(filepath.Dir(path))
}

func timeoutOr(d time.Duration) time.Duration {
	if d <= 0 {
		return defaultTimeout
	}
	return d
}
