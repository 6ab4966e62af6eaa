package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// UserSchemaVersion is the layout version of userdata.db that this package
// itself defines: schema 2 added a CRC-32C to every value (see
// checksum.go), and the step from 1 to 2 is built in and runs before any
// Migration of the app.
//
// The app owns what its values mean. When it changes their format, it sets
// UserOptions.Schema above this and passes a Migration for every version
// from UserSchemaVersion on (the notes service: app/notes, schema 3).
const UserSchemaVersion = 2

// Defaults for UserOptions.
const (
	DefaultBackupEvery    = 50
	DefaultKeepBackups    = 5
	DefaultBackupInterval = time.Hour
)

// ErrReadOnly is returned (wrapped) by every write to a store opened read
// only: a read-only data directory, or a reader beside the window.
var ErrReadOnly = errors.New("数据以只读方式打开，笔记和书签无法保存")

// fullCheckLimit is the largest file checked completely at every open.
// A complete check reads every page (a file of 200 MB took 0.7 s), which
// a command that adds one note cannot afford; a larger file gets the
// cheap checks (meta pages, length) and is checked completely when an
// earlier process met damage in it (the check marker) and before any
// backup of it is restored. Record checksums catch damage inside values
// in every case.
const fullCheckLimit = 32 << 20

// userMigrations is the app's table. It is empty: schema 1 is the first,
// and the step from 1 to 2 (checksums) is built in (see prepareLocked).
// The steps needed run in one transaction (see Migration), and only after
// a backup of the old file has been written, so a failed or interrupted
// migration loses nothing.
var userMigrations = []Migration{}

// UserOptions configures OpenUserStore. The zero value gives the defaults.
type UserOptions struct {
	// Timeout bounds the wait for the file lock; zero means one second.
	Timeout time.Duration

	// Schema is the version of the file this app writes; zero means
	// UserSchemaVersion. A file of a newer version is refused (a newer
	// release wrote it), an older one is migrated through Migrations.
	Schema int

	// Migrations replaces the built-in migration table when non-nil.
	Migrations []Migration

	// BackupEvery is the number of committed transactions between
	// automatic backups; zero means DefaultBackupEvery.
	BackupEvery int

	// BackupInterval: an open writes a backup when the file changed since
	// the newest backup and that backup is older than this (or BackupEvery
	// transactions old). Zero means DefaultBackupInterval; a negative value
	// backs up at every open that sees a change.
	BackupInterval time.Duration

	// KeepBackups is how many of the newest backups cleanup always keeps;
	// zero means DefaultKeepBackups. It overrides Retention.Last.
	KeepBackups int

	// Retention is the rest of the cleanup policy; the zero value means
	// DefaultRetention.
	Retention Retention

	// ProtectBucket names the bucket whose count protects a backup: the
	// newest backup holding more records in it than the live file is never
	// deleted. The notes service sets "notes".
	ProtectBucket string

	// OnBackupError, if set, is called once per open store, from the
	// backup goroutine, the first time an automatic backup fails. The
	// window uses it to show one warning per session.
	OnBackupError func(error)

	// ReadOnly opens the file with a shared lock and never writes: no
	// recovery, no migration, no backups; every write returns ErrReadOnly.
	ReadOnly bool

	// now replaces time.Now; tests only.
	now func() time.Time
}

func (o UserOptions) withDefaults() UserOptions {
	o.Timeout = timeoutOr(o.Timeout)
	if o.Migrations == nil {
		o.Migrations = userMigrations
	}
	if o.Schema < UserSchemaVersion {
		o.Schema = UserSchemaVersion
	}
	if o.BackupEvery <= 0 {
		o.BackupEvery = DefaultBackupEvery
	}
	if o.BackupInterval == 0 {
		o.BackupInterval = DefaultBackupInterval
	}
	if o.Retention == (Retention{}) {
		o.Retention = DefaultRetention
	}
	if o.KeepBackups > 0 {
		o.Retention.Last = o.KeepBackups
	}
	if o.Retention.Last <= 0 {
		o.Retention.Last = DefaultKeepBackups
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
		return fmt.Sprintf("用户数据文件已损坏（%v）。损坏的文件已保留在 %s。没有找到可用的备份，已新建空的用户数据。", r.Reason, r.DamagedPath)
	}
	return fmt.Sprintf("用户数据文件已损坏（%v）。损坏的文件已保留在 %s，已从备份 %s 恢复。", r.Reason, r.DamagedPath, r.RestoredFrom)
}

// UserStore is the user's own data in userdata.db: bookmarks, notes,
// highlights, reading position, read marks and settings, as opaque values.
// Its methods are safe for concurrent use.
//
// Every write commits with fsync before it returns. Every value carries a
// checksum, verified on every read: a damaged record is reported (see
// TakeRepairs) and replaced by the newest intact copy in a backup, and the
// other records keep working.
//
// Backups are compressed dumps (backup.go), written after every
// BackupEvery transactions and at an open that finds the newest backup
// stale, on a background goroutine, so that neither start-up nor the
// change that crosses the threshold waits for them. A backup reads through
// its own bbolt read transaction, which blocks no writer, and Close waits
// for a running backup to finish.
type UserStore struct {
	path      string
	backupDir string
	opt       UserOptions
	readOnly  bool

	// dbMu guards db: transactions hold it for reading, RestoreBackup for
	// writing while it swaps the file.
	dbMu sync.RWMutex
	db   *bolt.DB

	// backupMu serialises the writing, checking and pruning of backups and
	// guards lastStamp and checks.
	backupMu sync.Mutex
	// lastStamp is the timestamp of the newest backup name handed out, so
	// that two backups in one millisecond still get distinct, ordered names.
	lastStamp time.Time
	checks    map[string]*checkState

	// kick asks the backup goroutine for one backup; its buffer of one
	// coalesces requests that arrive while a backup is being written.
	kick chan struct{}
	// workerDone is closed when the backup goroutine has exited.
	workerDone chan struct{}
	// pending counts requested backups not yet finished; tests wait on it.
	pending sync.WaitGroup

	// mu guards the fields below.
	mu sync.Mutex
	// changes counts mutations since the last backup was requested (at
	// open: transactions since the newest backup).
	changes int
	// backupErr is the error of the last automatic backup, nil if it worked.
	backupErr error
	// warned is set once OnBackupError has been called.
	warned bool
	// repairs are the damaged records met since the last TakeRepairs.
	repairs []RecordRepair
	// closed is set by Close; no backup is requested after it.
	closed bool
}

// OpenUserStore opens or creates the user file at path. Backups go to
// "<dir of path>/backups".
//
// A second process gets an error wrapping ErrLocked after opt.Timeout. A
// damaged file (bbolt panics, a failed consistency check, a truncated or
// emptied file) is moved to "<path>.damaged-<time>" and the newest backup
// that passes a complete check is restored; the returned *Recovery, non-nil
// only in that case, says what happened. A file from a newer build gets
// ErrSchemaTooNew and is not touched. An older file is backed up and then
// migrated in one transaction.
func OpenUserStore(path string, opt UserOptions) (*UserStore, *Recovery, error) {
	opt = opt.withDefaults()
	s := &UserStore{
		path:      path,
		backupDir: filepath.Join(filepath.Dir(path), backupDirName),
		opt:       opt,
		readOnly:  opt.ReadOnly,
		checks:    map[string]*checkState{},
	}
	if opt.ReadOnly {
		return s.openReadOnly()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("打开用户数据 %s: 创建目录：%w", path, err)
	}
	// A backup directory that cannot be made is not a reason to lock the
	// user out of their notes: the backups then fail, and say so.
	_ = os.MkdirAll(s.backupDir, 0o700)

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

	s.backupMu.Lock()
	migrated, err := s.prepareLocked()
	s.backupMu.Unlock()
	if err != nil {
		closeQuietly(db)
		return nil, nil, fmt.Errorf("打开用户数据 %s: %w", path, err)
	}

	// The start-up backup is best effort and runs in the background:
	// failing to write a backup (a full disk, say) must not lock the user
	// out of their notes. The error is kept for BackupError. It is skipped
	// unless the file changed since the newest backup and that backup is
	// BackupInterval or BackupEvery transactions old, so that a command
	// run a hundred times in a row does not copy the file a hundred times,
	// nor rotate away older, distinct states.
	s.kick = make(chan struct{}, 1)
	s.workerDone = make(chan struct{})
	go s.backupWorker()
	behind, age, ok := s.newestBackupLag()
	s.mu.Lock()
	switch {
	case !ok || migrated:
		// A migrated file gets a backup in its new format at once: records
		// can be repaired only from backups that hold them.
		s.requestBackupLocked()
	case behind == 0:
	case behind >= opt.BackupEvery || age >= opt.BackupInterval || opt.BackupInterval < 0:
		s.requestBackupLocked()
	default:
		s.changes = behind
	}
	s.mu.Unlock()
	return s, rec, nil
}

// openReadOnly opens the file for reading only, with a shared lock.
func (s *UserStore) openReadOnly() (*UserStore, *Recovery, error) {
	db, err := openChecked(s.path, s.opt.Timeout, true)
	if err != nil {
		return nil, nil, fmt.Errorf("以只读方式打开用户数据 %s: %w", s.path, err)
	}
	s.db = db
	var version int
	err = guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			var err error
			version, _, err = readSchema(tx)
			return err
		})
	})
	if err == nil {
		err = s.notNewer(version)
	}
	if err != nil {
		closeQuietly(db)
		return nil, nil, fmt.Errorf("以只读方式打开用户数据 %s: %w", s.path, err)
	}
	s.workerDone = make(chan struct{})
	close(s.workerDone)
	return s, nil, nil
}

// newestBackupLag says how many transactions the file is ahead of the
// newest backup, and how old that backup is. ok is false when there is no
// readable backup.
func (s *UserStore) newestBackupLag() (behind int, age time.Duration, ok bool) {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	names, err := backupNames(s.backupDir)
	if err != nil || len(names) == 0 {
		return 0, 0, false
	}
	newest := names[len(names)-1]
	h, err := s.header(newest)
	if err != nil {
		return 0, 0, false
	}
	cur := -1
	_ = s.withDB(func(db *bolt.DB) error {
		return guard(func() error {
			return db.View(func(tx *bolt.Tx) error { cur = tx.ID(); return nil })
		})
	})
	if cur < 0 {
		return 0, 0, false
	}
	t, _ := parseBackupStamp(newest)
	behind = cur - h.TxID
	if behind < 0 {
		behind = -behind // the file was replaced by an older one
	}
	return behind, s.opt.now().Sub(t), true
}

// writeFill is the page fill bbolt aims at when it splits pages of the
// user's buckets.
const writeFill = 0.9

// checkMarker is the file whose presence asks the next open for a complete
// check: an earlier process met damage the cheap checks do not see.
func checkMarker(path string) string { return path + ".check" }

// openChecked opens path and checks it: completely when it is small or
// marked, otherwise only its meta pages and length.
func openChecked(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	st, err := os.Stat(path)
	_, merr := os.Stat(checkMarker(path))
	if err != nil || st.Size() <= fullCheckLimit || merr == nil {
		db, err := openVerified(path, timeout, readOnly)
		if err == nil && merr == nil && !readOnly {
			_ = os.Remove(checkMarker(path))
		}
		return db, err
	}
	db, err := openBolt(path, timeout, readOnly)
	if err != nil {
		return nil, err
	}
	err = guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			if tx.Size() > st.Size() {
				return fmt.Errorf("%w: 文件只有 %d 字节，数据需要 %d 字节（文件被截断）", ErrCorrupt, st.Size(), tx.Size())
			}
			return nil
		})
	})
	if err != nil {
		closeQuietly(db)
		return nil, err
	}
	return db, nil
}

// openOrRecover opens the file and checks it. An empty file counts as
// damaged when backups exist: bbolt would silently initialise it, and the
// user's data would be gone without a word.
func (s *UserStore) openOrRecover() (*bolt.DB, error) {
	if st, err := os.Stat(s.path); err == nil && st.Size() == 0 {
		if names, _ := backupNames(s.backupDir); len(names) > 0 {
			return nil, fmt.Errorf("%w: 文件长度为 0", ErrCorrupt)
		}
	}
	return openChecked(s.path, s.opt.Timeout, false)
}

// recover moves the damaged file aside and restores the newest backup
// that passes a complete check. The damaged file is never deleted: it may
// still hold changes made after the last backup. Backups found damaged are
// remembered, so that cleanup deletes them rather than a good one.
func (s *UserStore) recover(reason error) (*Recovery, error) {
	moved, err := moveAside(s.path, ".damaged-", s.opt.now())
	if err != nil {
		return nil, fmt.Errorf("%w; 无法移走损坏的文件：%v", reason, err)
	}
	_ = os.Remove(checkMarker(s.path))
	rec := &Recovery{DamagedPath: moved, Reason: reason}
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	names, err := backupNames(s.backupDir)
	if err != nil {
		return nil, fmt.Errorf("%w; 无法读取备份目录：%v", reason, err)
	}
	for i := len(names) - 1; i >= 0; i-- {
		src := filepath.Join(s.backupDir, names[i])
		err := buildFromBackup(src, s.path, s.opt.Timeout)
		if errors.Is(err, ErrCorrupt) {
			s.markChecked(names[i], true, nil)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%w; 从备份 %s 恢复失败：%v", reason, src, err)
		}
		s.markChecked(names[i], false, nil)
		rec.RestoredFrom = src
		break
	}
	return rec, nil
}

// notNewer refuses a file of a schema version newer than this app's: a
// newer release wrote it, and it is left as it is.
func (s *UserStore) notNewer(version int) error {
	if version > s.opt.Schema {
		return fmt.Errorf("格式版本 %d 高于本程序支持的 %d: %w", version, s.opt.Schema, ErrSchemaTooNew)
	}
	return nil
}

// prepareLocked checks the schema version, and migrates an older file
// after backing it up; migrated says it did. The caller holds backupMu,
// and holds dbMu or is alone with the store.
func (s *UserStore) prepareLocked() (migrated bool, err error) {
	var version int
	var fresh bool
	err = guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			var err error
			version, fresh, err = readSchema(tx)
			return err
		})
	})
	if err != nil {
		return false, err
	}
	switch {
	case version > s.opt.Schema:
		return false, s.notNewer(version)
	case version == s.opt.Schema:
		return false, nil
	case fresh:
		return false, s.db.Update(func(tx *bolt.Tx) error { return writeSchema(tx, s.opt.Schema) })
	}
	// An older file. The backup comes first and must succeed: it is the
	// only way back if a migration turns out to be wrong.
	backup, err := s.backupLocked(s.db)
	if err != nil {
		return false, fmt.Errorf("升级前备份失败，未升级：%w", err)
	}
	// The app's steps see values through a Tx, which checksums them from
	// schema 2 on; the built-in step from 1 to 2 adds the checksums.
	steps := []Migration{{From: 1, Apply: func(tx Tx) error { return sealAll(tx.(*bucketTx).tx) }}}
	for _, m := range s.opt.Migrations {
		if m.From == 1 {
			return false, fmt.Errorf("迁移表中的格式版本 1 由存储层自己升级")
		}
		apply, sums := m.Apply, m.From >= checksumSchema
		steps = append(steps, Migration{From: m.From, Apply: func(tx Tx) error {
			tx.(*bucketTx).sums = sums
			return apply(tx)
		}})
	}
	if err := migrate(s.db, version, s.opt.Schema, steps); err != nil {
		return false, fmt.Errorf("从格式版本 %d 升级失败（升级前的备份：%s）：%w", version, backup, err)
	}
	return true, nil
}

// Path returns the file path of the store.
func (s *UserStore) Path() string { return s.path }

// BackupDir returns the directory that holds the backups.
func (s *UserStore) BackupDir() string { return s.backupDir }

// ReadOnly reports whether the store was opened read-only.
func (s *UserStore) ReadOnly() bool { return s.readOnly }

// BackupError returns the error of the last automatic backup, or nil if it
// succeeded. A failed automatic backup does not fail the change that
// triggered it (that change is committed); it is retried on the next change.
// Commands print it as a warning after they finish; the window is told
// through UserOptions.OnBackupError.
func (s *UserStore) BackupError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backupErr
}

// TakeRepairs returns the damaged records met since the last call, and
// forgets them.
func (s *UserStore) TakeRepairs() []RecordRepair {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.repairs
	s.repairs = nil
	return r
}

// Close waits for a running backup, then releases the file and its lock.
func (s *UserStore) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		if s.kick != nil {
			close(s.kick)
		}
	}
	s.mu.Unlock()
	<-s.workerDone
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("关闭用户数据 %s: %w", s.path, err)
	}
	return nil
}

// withDB runs fn with the current bbolt handle, which RestoreBackup cannot
// swap meanwhile.
func (s *UserStore) withDB(fn func(db *bolt.DB) error) error {
	s.dbMu.RLock()
	defer s.dbMu.RUnlock()
	return fn(s.db)
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
// ErrNotFound. A damaged value is replaced by its newest intact copy from
// a backup, which is returned (the repair is reported by TakeRepairs); if
// no backup has one, the error wraps ErrRecordDamaged.
func (s *UserStore) Get(bucket, key string) ([]byte, error) {
	var val []byte
	utx := &bucketTx{}
	err := s.run(false, utx, func(tx Tx) error {
		var err error
		val, err = tx.Get(bucket, key)
		return err
	})
	if len(utx.damaged) > 0 {
		if fixed := s.repair(utx.damaged); fixed != nil {
			if v, ok := fixed[[2]string{bucket, key}]; ok {
				return v, nil
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("读取用户数据 %s: %w", s.path, err)
	}
	return val, nil
}

// ForEach calls fn for every key of bucket in key order, inside one read
// transaction. val is a copy and may be kept. fn must not write to the
// store: a writer that needs to grow the file waits for open read
// transactions, so a Put from inside fn can deadlock. Collect, then write.
//
// A damaged record is skipped inside the transaction; if a backup has an
// intact copy, the record is repaired and fn is called for it afterwards,
// out of key order.
func (s *UserStore) ForEach(bucket string, fn func(key string, val []byte) error) error {
	return s.forEach(false, bucket, fn)
}

// ForEachBorrowed is ForEach, but val is valid only during the call to fn
// (it points into the file's memory map, checked): fn copies what it
// keeps. A repaired record is passed afterwards as a fresh copy.
func (s *UserStore) ForEachBorrowed(bucket string, fn func(key string, val []byte) error) error {
	return s.forEach(true, bucket, fn)
}

func (s *UserStore) forEach(borrow bool, bucket string, fn func(key string, val []byte) error) error {
	utx := &bucketTx{borrow: borrow}
	err := s.run(false, utx, func(tx Tx) error { return tx.ForEach(bucket, fn) })
	if err != nil {
		return fmt.Errorf("读取用户数据 %s: %w", s.path, err)
	}
	if len(utx.damaged) > 0 {
		fixed := s.repair(utx.damaged)
		for _, d := range utx.damaged {
			if v, ok := fixed[d]; ok {
				if err := fn(d[1], v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// View runs fn in one read transaction, which blocks no writer. Values
// read through tx are checked as Get's are; damaged ones are repaired after
// the transaction. fn must not keep tx, nor write to the store.
func (s *UserStore) View(fn func(tx Tx) error) error { return s.view(false, fn) }

// ViewBorrowed is View with values handed out without copies: what tx's
// Get and ForEach return points into the file's memory map and is valid
// only until fn returns (copy what outlives it). A long listing reads
// every record once and then each again in another order without copying
// or looking it up twice.
//
// A damaged record is left out of fn's view and repaired afterwards, as
// with View: fn does not see the repaired copy (the next read does).
func (s *UserStore) ViewBorrowed(fn func(tx Tx) error) error { return s.view(true, fn) }

func (s *UserStore) view(borrow bool, fn func(tx Tx) error) error {
	utx := &bucketTx{borrow: borrow}
	err := s.run(false, utx, fn)
	if len(utx.damaged) > 0 {
		s.repair(utx.damaged)
	}
	if err != nil {
		return fmt.Errorf("读取用户数据 %s: %w", s.path, err)
	}
	return nil
}

// Update runs fn in one read-write transaction: all its changes are
// committed together, with fsync, or none are if fn returns an error. fn
// must not keep tx after it returns, nor call the store's other methods
// (bbolt has one writer at a time, so a nested write would wait forever).
func (s *UserStore) Update(fn func(tx Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("保存用户数据 %s: %w", s.path, ErrReadOnly)
	}
	utx := &bucketTx{}
	err := s.run(true, utx, fn)
	if len(utx.damaged) > 0 {
		s.repair(utx.damaged)
	}
	if err != nil {
		return fmt.Errorf("保存用户数据 %s: %w", s.path, err)
	}
	s.noteChanges(utx.changes)
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
		utx.sums = s.sums(tx)
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
	err := s.withDB(func(db *bolt.DB) error {
		return guard(func() error {
			if writable {
				return db.Update(body)
			}
			return db.View(body)
		})
	})
	if panicked {
		panic(callerPanic)
	}
	var pe *panicError
	if errors.As(err, &pe) && !s.readOnly {
		// Damage the cheap open-time checks may not see: ask the next
		// open for a complete check (and recovery if it fails).
		_ = os.WriteFile(checkMarker(s.path), []byte(err.Error()), 0o600)
	}
	return err
}

// sums reports whether the values in tx carry checksums.
func (s *UserStore) sums(tx *bolt.Tx) bool {
	meta := tx.Bucket([]byte(metaBucket))
	if meta == nil {
		return true // a fresh file gets the current schema
	}
	v, err := strconv.Atoi(string(meta.Get([]byte(schemaKey))))
	return err != nil || v >= checksumSchema
}

var errCallerPanic = errors.New("caller panicked")

// repair replaces damaged records with their newest intact copies from the
// backups, records what happened for TakeRepairs, and returns the values
// that were restored.
func (s *UserStore) repair(damaged [][2]string) map[[2]string][]byte {
	want := map[[2]string]bool{}
	for _, d := range damaged {
		want[d] = true
	}
	s.backupMu.Lock()
	got := s.findInBackups(want)
	s.backupMu.Unlock()
	fixed := map[[2]string][]byte{}
	var reps []RecordRepair
	for _, d := range damaged {
		if !want[d] {
			continue
		}
		delete(want, d)
		rep := RecordRepair{Bucket: d[0], Key: d[1]}
		if f, ok := got[d]; ok {
			err := ErrReadOnly
			if !s.readOnly {
				err = s.withDB(func(db *bolt.DB) error {
					return guard(func() error {
						return db.Update(func(tx *bolt.Tx) error {
							b := tx.Bucket([]byte(d[0]))
							if b == nil {
								return ErrNotFound
							}
							return b.Put([]byte(d[1]), seal(d[0], d[1], f.val))
						})
					})
				})
			}
			if err == nil {
				rep.RestoredFrom = f.from
			} else {
				rep.Err = err
			}
			fixed[d] = f.val
		}
		reps = append(reps, rep)
	}
	s.mu.Lock()
	s.repairs = append(s.repairs, reps...)
	s.mu.Unlock()
	return fixed
}

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
		var warn func(error)
		if err != nil {
			// Retry on the next change rather than in 50 changes' time.
			s.changes = s.opt.BackupEvery
			if !s.warned && s.opt.OnBackupError != nil {
				s.warned, warn = true, s.opt.OnBackupError
			}
		}
		s.mu.Unlock()
		if warn != nil {
			warn(err)
		}
		s.pending.Done()
	}
}

// waitBackups waits until every requested backup has been written.
func (s *UserStore) waitBackups() { s.pending.Wait() }

// Backup writes a backup now, synchronously, and returns its path. Cleanup
// then applies the retention policy.
func (s *UserStore) Backup() (string, error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	s.dbMu.RLock()
	defer s.dbMu.RUnlock()
	return s.backupLocked(s.db)
}

// backupLocked writes a consistent dump of db to a new backup and prunes.
// s.backupMu must be held (it is always taken before dbMu).
//
// The dump is read in one read transaction, which blocks no writer. It
// goes through writeFileAtomic, so a crash leaves either a complete backup
// or a stray temporary file (removed by the next prune), never a truncated
// backup that recovery might pick.
func (s *UserStore) backupLocked(db *bolt.DB) (string, error) {
	names, err := backupNames(s.backupDir)
	if err != nil {
		return "", fmt.Errorf("备份用户数据：%w", err)
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
	name := backupPrefix + stamp.Format(stampLayout) + dumpSuffix
	final := filepath.Join(s.backupDir, name)
	err = writeFileAtomic(final, func(f *os.File) error {
		return guard(func() error {
			return db.View(func(tx *bolt.Tx) error { return writeDump(f, tx, stamp) })
		})
	})
	if err != nil {
		return "", fmt.Errorf("备份用户数据到 %s: %w", final, err)
	}
	s.lastStamp = stamp
	s.markChecked(name, false, nil)
	if err := s.prune(db); err != nil {
		return final, fmt.Errorf("清理旧备份：%w", err)
	}
	return final, nil
}

// WriteSnapshot writes a consistent copy of the file, as a bbolt file, to
// dst (through a temporary file and a rename). A reader that cannot open
// the file because this process holds its lock opens the snapshot instead.
func (s *UserStore) WriteSnapshot(dst string) error {
	return s.withDB(func(db *bolt.DB) error {
		return writeFileAtomic(dst, func(f *os.File) error {
			return guard(func() error {
				return db.View(func(tx *bolt.Tx) error {
					_, err := tx.WriteTo(f)
					return err
				})
			})
		})
	})
}
