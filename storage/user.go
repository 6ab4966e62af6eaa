package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// UserSchemaVersion is the layout version of userdata.db written by this
// build. When the app changes the format of what it stores, bump this and
// add a Migration whose From is the old version.
const UserSchemaVersion = 1

// Defaults for UserOptions.
const (
	DefaultBackupEvery = 50
	DefaultKeepBackups = 5
)

// backupPrefix and backupSuffix frame the timestamp in a backup's name:
// backups/userdata-YYYYMMDD-HHMMSS.NNN.db. The timestamp is UTC, so names
// sort in time order across daylight-saving changes.
const (
	backupPrefix  = "userdata-"
	backupSuffix  = ".db"
	backupDirName = "backups"
)

// userMigrations is the built-in table. It is empty: schema 1 is the first.
// The steps needed run in one transaction (see Migration), and only after
// a backup of the old file has been written, so a failed or interrupted
// migration loses nothing.
var userMigrations = []Migration{}

// UserOptions configures OpenUserStore. The zero value gives the defaults.
type UserOptions struct {
	// Timeout bounds the wait for the file lock; zero means one second.
	Timeout time.Duration

	// Migrations replaces the built-in migration table when non-nil.
	Migrations []Migration

	// BackupEvery is the number of changes between automatic backups;
	// zero means DefaultBackupEvery.
	BackupEvery int

	// KeepBackups is how many backups rotation keeps; zero means
	// DefaultKeepBackups.
	KeepBackups int

	// now replaces time.Now; tests only.
	now func() time.Time
}

func (o UserOptions) withDefaults() UserOptions {
	o.Timeout = timeoutOr(o.Timeout)
	if o.Migrations == nil {
		o.Migrations = userMigrations
	}
	if o.BackupEvery <= 0 {
		o.BackupEvery = DefaultBackupEvery
	}
	if o.KeepBackups <= 0 {
		o.KeepBackups = DefaultKeepBackups
	}
	if o.now == nil {
		o.now = time.Now
	}
	return o
}

// Recovery reports that OpenUserStore found the user file damaged. The file
// was moved to DamagedPath and kept; RestoredFrom names the backup that was
// restored, or is "" if no backup passed the check and the store started
// empty. The UI must tell the user (see String).
type Recovery struct {
	DamagedPath  string
	RestoredFrom string
	// Reason is why the file was judged damaged.
	Reason error
}

// String describes the recovery in Chinese, for the user.
func (r *Recovery) String() string {
	if r.RestoredFrom == "" {
		return fmt.Sprintf("用户数据文件已损坏(%v)。损坏的文件已保留在 %s。没有找到可用的备份,已新建空的用户数据。", r.Reason, r.DamagedPath)
	}
	return fmt.Sprintf("用户数据文件已损坏(%v)。损坏的文件已保留在 %s,已从备份 %s 恢复。", r.Reason, r.DamagedPath, r.RestoredFrom)
}

// UserStore is the user's own data in userdata.db, as opaque values in the
// buckets its owner (package notes) names: bookmarks, notes with their
// highlight colours, reading positions and read marks.
// Its methods are safe for concurrent use.
//
// Every write commits with fsync before it returns. After every BackupEvery
// changes, and on every open, the whole file is copied to a rotating backup.
//
// Automatic backups run on a background goroutine, so that neither start-up
// nor the change that crosses the threshold waits for a copy of the whole
// file and its fsync. A backup reads through its own bbolt read transaction,
// which blocks no writer, and Close waits for a running backup to finish.
type UserStore struct {
	db        *bolt.DB
	path      string
	backupDir string
	opt       UserOptions

	// backupMu serialises the writing of backups and guards lastStamp.
	backupMu sync.Mutex
	// lastStamp is the timestamp of the newest backup name handed out, so
	// that two backups in one millisecond still get distinct, ordered names.
	lastStamp time.Time

	// kick asks the backup goroutine for one backup; its buffer of one
	// coalesces requests that arrive while a backup is being written.
	kick chan struct{}
	// workerDone is closed when the backup goroutine has exited.
	workerDone chan struct{}
	// pending counts requested backups not yet finished; tests wait on it.
	pending sync.WaitGroup

	// mu guards the fields below.
	mu sync.Mutex
	// changes counts mutations since the last backup was requested.
	changes int
	// backupErr is the error of the last automatic backup, nil if it worked.
	backupErr error
	// closed is set by Close; no backup is requested after it.
	closed bool
}

// OpenUserStore opens or creates the user file at path. Backups go to
// "<dir of path>/backups".
//
// A second process gets an error wrapping ErrLocked after opt.Timeout. A
// damaged file (bbolt panics, a failed consistency check, a truncated or
// emptied file) is moved to "<path>.damaged-<time>" and the newest backup
// that passes the same check is restored; the returned *Recovery, non-nil
// only in that case, says what happened. A file from a newer build gets
// ErrSchemaTooNew and is not touched. An older file is backed up and then
// migrated in one transaction.
func OpenUserStore(path string, opt UserOptions) (*UserStore, *Recovery, error) {
	opt = opt.withDefaults()
	s := &UserStore{
		path:      path,
		backupDir: filepath.Join(filepath.Dir(path), backupDirName),
		opt:       opt,
	}
	if err := os.MkdirAll(s.backupDir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("打开用户数据 %s: 创建目录: %w", path, err)
	}

	db, err := s.openOrRecover()
	var rec *Recovery
	if errors.Is(err, ErrCorrupt) {
		rec, err = s.recover(err)
		if err == nil {
			db, err = openVerified(path, opt.Timeout, false)
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("打开用户数据 %s: %w", path, err)
	}
	s.db = db

	if err := s.prepare(); err != nil {
		closeQuietly(db)
		return nil, nil, fmt.Errorf("打开用户数据 %s: %w", path, err)
	}

	// The start-up backup is best effort and runs in the background:
	// failing to write a backup (a full disk, say) must not lock the user
	// out of their notes. The error is kept for BackupError. It is skipped
	// when the newest backup already holds this exact state, so that
	// starting the reader five times without writing anything does not
	// rotate away the five older, distinct states.
	s.kick = make(chan struct{}, 1)
	s.workerDone = make(chan struct{})
	go s.backupWorker()
	if !s.newestBackupCurrent() {
		s.mu.Lock()
		s.requestBackupLocked()
		s.mu.Unlock()
	}
	return s, rec, nil
}

// newestBackupCurrent reports whether the newest backup holds the file's
// current state. It compares bbolt transaction IDs: tx.WriteTo copies the
// ID of the transaction it reads into the backup's meta page, and every
// commit increments it.
func (s *UserStore) newestBackupCurrent() bool {
	names, err := s.backups()
	if err != nil || len(names) == 0 {
		return false
	}
	txID := func(db *bolt.DB) (id int) {
		if guard(func() error {
			return db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		}) != nil {
			return -1
		}
		return id
	}
	b, err := openBolt(filepath.Join(s.backupDir, names[len(names)-1]), s.opt.Timeout, true)
	if err != nil {
		return false
	}
	defer closeQuietly(b)
	cur := txID(s.db)
	return cur >= 0 && txID(b) == cur
}

// openOrRecover opens the file and verifies it. An empty file counts as
// damaged when backups exist: bbolt would silently initialise it, and the
// user's data would be gone without a word.
func (s *UserStore) openOrRecover() (*bolt.DB, error) {
	if st, err := os.Stat(s.path); err == nil && st.Size() == 0 {
		if names, _ := s.backups(); len(names) > 0 {
			return nil, fmt.Errorf("%w: 文件长度为 0", ErrCorrupt)
		}
	}
	return openVerified(s.path, s.opt.Timeout, false)
}

// recover moves the damaged file aside and restores the newest good backup.
// The damaged file is never deleted: it may still hold changes made after
// the last backup.
func (s *UserStore) recover(reason error) (*Recovery, error) {
	moved, err := moveAside(s.path, ".damaged-", s.opt.now())
	if err != nil {
		return nil, fmt.Errorf("%w; 无法移走损坏的文件: %v", reason, err)
	}
	rec := &Recovery{DamagedPath: moved, Reason: reason}
	names, err := s.backups()
	if err != nil {
		return nil, fmt.Errorf("%w; 无法读取备份目录: %v", reason, err)
	}
	for i := len(names) - 1; i >= 0; i-- {
		src := filepath.Join(s.backupDir, names[i])
		db, err := openVerified(src, s.opt.Timeout, true)
		if err != nil {
			continue
		}
		err = writeFileAtomic(s.path, func(f *os.File) error {
			return guard(func() error {
				return db.View(func(tx *bolt.Tx) error {
					_, err := tx.WriteTo(f)
					return err
				})
			})
		})
		closeQuietly(db)
		if err != nil {
			return nil, fmt.Errorf("%w; 从备份 %s 恢复失败: %v", reason, src, err)
		}
		rec.RestoredFrom = src
		break
	}
	return rec, nil
}

// prepare checks the schema version, and migrates an older file after
// backing it up.
func (s *UserStore) prepare() error {
	var version int
	var fresh bool
	err := guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			var err error
			version, fresh, err = readSchema(tx)
			return err
		})
	})
	if err != nil {
		return err
	}
	switch {
	case version > UserSchemaVersion:
		return fmt.Errorf("格式版本 %d 高于本程序支持的 %d: %w", version, UserSchemaVersion, ErrSchemaTooNew)
	case version == UserSchemaVersion:
		return nil
	case fresh:
		return s.db.Update(func(tx *bolt.Tx) error { return writeSchema(tx, UserSchemaVersion) })
	}
	// An older file. The backup comes first and must succeed: it is the
	// only way back if a migration turns out to be wrong.
	backup, err := s.Backup()
	if err != nil {
		return fmt.Errorf("升级前备份失败,未升级: %w", err)
	}
	if err := migrate(s.db, version, UserSchemaVersion, s.opt.Migrations); err != nil {
		return fmt.Errorf("从格式版本 %d 升级失败(升级前的备份: %s): %w", version, backup, err)
	}
	return nil
}

// Path returns the file path of the store.
func (s *UserStore) Path() string { return s.path }

// BackupDir returns the directory that holds the rotating backups.
func (s *UserStore) BackupDir() string { return s.backupDir }

// BackupError returns the error of the last automatic backup, or nil if it
// succeeded. A failed automatic backup does not fail the change that
// triggered it (that change is committed); it is retried on the next change.
// The UI may show it as a warning.
func (s *UserStore) BackupError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backupErr
}

// Close waits for a running backup, then releases the file and its lock.
func (s *UserStore) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.kick)
	}
	s.mu.Unlock()
	<-s.workerDone
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("关闭用户数据 %s: %w", s.path, err)
	}
	return nil
}

// Put stores val under key in bucket and commits with fsync.
func (s *UserStore) Put(bucket, key string, val []byte) error {
	return s.Update(func(tx Tx) error { return tx.Put(bucket, key, val) })
}

// Delete removes key from bucket and commits with fsync. A missing key is
// not an error.
func (s *UserStore) Delete(bucket, key string) error {
	return s.Update(func(tx Tx) error { return tx.Delete(bucket, key) })
}

// Get returns a copy of the value under key, or an error wrapping
// ErrNotFound.
func (s *UserStore) Get(bucket, key string) ([]byte, error) {
	var val []byte
	err := s.view(func(tx Tx) error {
		var err error
		val, err = tx.Get(bucket, key)
		return err
	})
	return val, err
}

// ForEach calls fn for every key of bucket in key order, inside one read
// transaction. val is a copy and may be kept. fn must not write to the
// store: a writer that needs to grow the file waits for open read
// transactions, so a Put from inside fn can deadlock. Collect, then write.
func (s *UserStore) ForEach(bucket string, fn func(key string, val []byte) error) error {
	return s.view(func(tx Tx) error { return tx.ForEach(bucket, fn) })
}

// Update runs fn in one read-write transaction: all its changes are
// committed together, with fsync, or none are if fn returns an error. fn
// must not keep tx after it returns, nor call the store's other methods
// (bbolt has one writer at a time, so a nested write would wait forever).
func (s *UserStore) Update(fn func(tx Tx) error) error {
	utx := &bucketTx{}
	err := s.run(true, utx, fn)
	if err != nil {
		return fmt.Errorf("保存用户数据 %s: %w", s.path, err)
	}
	s.noteChanges(utx.changes)
	return nil
}

func (s *UserStore) view(fn func(tx Tx) error) error {
	if err := s.run(false, &bucketTx{}, fn); err != nil {
		return fmt.Errorf("读取用户数据 %s: %w", s.path, err)
	}
	return nil
}

// run executes fn in a transaction under guard, so that bbolt panics on
// corrupt pages become errors wrapping ErrCorrupt. A panic raised by fn
// itself is a bug in the caller, not corruption: it is caught before guard
// sees it and raised again once the transaction has been rolled back.
func (s *UserStore) run(writable bool, utx *bucketTx, fn func(tx Tx) error) error {
	var callerPanic any
	var panicked bool
	body := func(tx *bolt.Tx) (err error) {
		utx.tx = tx
		defer func() {
			utx.tx = nil
			if r := recover(); r != nil {
				if utx.inBolt {
					panic(r) // corruption: let guard turn it into ErrCorrupt
				}
				callerPanic, panicked = r, true
				err = errCallerPanic
			}
		}()
		return fn(utx)
	}
	err := guard(func() error {
		if writable {
			return s.db.Update(body)
		}
		return s.db.View(body)
	})
	if panicked {
		panic(callerPanic)
	}
	return err
}

var errCallerPanic = errors.New("caller panicked")

// noteChanges counts committed mutations and requests a backup once
// BackupEvery have accumulated.
func (s *UserStore) noteChanges(n int) {
	if n == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changes += n
	if s.changes >= s.opt.BackupEvery {
		s.requestBackupLocked()
	}
}

// requestBackupLocked asks the worker for a backup and restarts the change
// count: the backup's snapshot is taken later, so it holds at least every
// change counted so far. s.mu must be held.
func (s *UserStore) requestBackupLocked() {
	if s.closed {
		return
	}
	s.changes = 0
	select {
	case s.kick <- struct{}{}:
		s.pending.Add(1)
	default: // a request is already queued and will cover these changes
	}
}

// backupWorker writes the requested backups until Close closes kick.
func (s *UserStore) backupWorker() {
	defer close(s.workerDone)
	for range s.kick {
		_, err := s.Backup()
		s.mu.Lock()
		s.backupErr = err
		if err != nil {
			// Retry on the next change rather than in 50 changes' time.
			s.changes = s.opt.BackupEvery
		}
		s.mu.Unlock()
		s.pending.Done()
	}
}

// waitBackups waits until every requested backup has been written.
func (s *UserStore) waitBackups() { s.pending.Wait() }

// Backup writes a backup now, synchronously, and returns its path. Rotation
// then keeps the newest KeepBackups.
func (s *UserStore) Backup() (string, error) {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	return s.backupLocked()
}

// backupLocked writes a consistent snapshot of the file to a new backup.
// s.backupMu must be held.
//
// tx.WriteTo inside a read transaction copies the file as of that
// transaction without blocking writers. The copy goes through
// writeFileAtomic, so a crash leaves either a complete backup or a stray
// temporary file (removed by the next prune), never a truncated backup that
// recovery might pick.
func (s *UserStore) backupLocked() (string, error) {
	names, err := s.backups()
	if err != nil {
		return "", fmt.Errorf("备份用户数据: %w", err)
	}
	stamp := s.opt.now().UTC().Truncate(time.Millisecond)
	// Names must sort in creation order: never reuse or go behind the
	// newest existing name, even if the clock went back.
	floor := s.lastStamp
	if len(names) > 0 {
		if t, ok := parseBackupStamp(names[len(names)-1]); ok && t.After(floor) {
			floor = t
		}
	}
	if !stamp.After(floor) {
		stamp = floor.Add(time.Millisecond)
	}
	final := filepath.Join(s.backupDir, backupPrefix+stamp.Format(stampLayout)+backupSuffix)
	err = writeFileAtomic(final, func(f *os.File) error {
		return guard(func() error {
			return s.db.View(func(tx *bolt.Tx) error {
				_, err := tx.WriteTo(f)
				return err
			})
		})
	})
	if err != nil {
		return "", fmt.Errorf("备份用户数据到 %s: %w", final, err)
	}
	s.lastStamp = stamp
	if err := s.prune(); err != nil {
		return final, fmt.Errorf("清理旧备份: %w", err)
	}
	return final, nil
}

// backups returns the names of the backup files in time order, oldest
// first.
func (s *UserStore) backups() ([]string, error) {
	entries, err := os.ReadDir(s.backupDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if _, ok := parseBackupStamp(e.Name()); ok && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	// os.ReadDir sorts by name, and names sort in time order.
	return names, nil
}

// prune deletes all but the newest KeepBackups backups, and temporary files
// left by a backup that was interrupted. No other process can be writing a
// backup: only the holder of the file lock writes them.
func (s *UserStore) prune() error {
	names, err := s.backups()
	if err != nil {
		return err
	}
	var errs []error
	for i := 0; i < len(names)-s.opt.KeepBackups; i++ {
		if err := os.Remove(filepath.Join(s.backupDir, names[i])); err != nil {
			errs = append(errs, err)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(s.backupDir, "."+backupPrefix+"*.tmp"))
	for _, t := range tmps {
		if err := os.Remove(t); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func parseBackupStamp(name string) (time.Time, bool) {
	if len(name) != len(backupPrefix)+len(stampLayout)+len(backupSuffix) ||
		name[:len(backupPrefix)] != backupPrefix || name[len(name)-len(backupSuffix):] != backupSuffix {
		return time.Time{}, false
	}
	t, err := time.Parse(stampLayout, name[len(backupPrefix):len(name)-len(backupSuffix)])
	return t, err == nil
}
