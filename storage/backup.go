package storage

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backups of userdata.db are gzip-compressed logical dumps, not copies of
// the bbolt file: a bbolt file carries its free pages and half-filled
// pages along (a store of 100 000 notes imported at once was 200 MB, its
// data 90 MB), while a dump holds only the records, compressed.
//
// Dump format 1, inside one gzip stream:
//
//	"HUIBIAN-BACKUP\n"
//	uvarint length, JSON of backupHeader
//	records: 'b' name (starts a bucket) | 'r' key value (one record) | 'e' (end)
//
// where name, key and value are a uvarint length and the bytes. Values are
// stored exactly as in the file, checksum included. A dump is intact when
// it reads to 'e', every record's checksum matches (schema 2 on) and the
// gzip trailer's CRC-32 matches: so a damaged backup is always detected
// before it is restored.
//
// Backups made by earlier builds are plain bbolt copies ("userdata-*.db");
// they are still listed, verified and restored.

const (
	backupPrefix  = "userdata-"
	dumpSuffix    = ".bak.gz"
	legacySuffix  = ".db"
	backupDirName = "backups"
)

var dumpMagic = "HUIBIAN-BACKUP\n"

const dumpFormat = 1

// backupHeader opens every dump. Counts lets a list of backups say how many
// notes and bookmarks each holds without reading it all.
type backupHeader struct {
	Format  int            `json:"format"`
	Schema  int            `json:"schema"`
	TxID    int            `json:"tx"`
	Created time.Time      `json:"created"`
	Counts  map[string]int `json:"counts"`
}

// BackupInfo describes one backup of the user file.
type BackupInfo struct {
	// Name is the file name inside BackupDir; RestoreBackup takes it.
	Name string    `json:"name"`
	Path string    `json:"path"`
	Time time.Time `json:"time"`
	Size int64     `json:"size"`
	// Counts maps bucket names to their number of records.
	Counts map[string]int `json:"counts"`
	Schema int            `json:"schema"`
	// Err says why the backup could not be read; the other fields but
	// Name, Path, Time and Size are then empty.
	Err error `json:"-"`
}

// parseBackupName returns the time in a backup's name and whether it is a
// legacy bbolt copy.
func parseBackupName(name string) (t time.Time, legacy, ok bool) {
	if !strings.HasPrefix(name, backupPrefix) {
		return time.Time{}, false, false
	}
	rest := name[len(backupPrefix):]
	switch {
	case strings.HasSuffix(rest, dumpSuffix):
		rest = strings.TrimSuffix(rest, dumpSuffix)
	case strings.HasSuffix(rest, legacySuffix):
		rest, legacy = strings.TrimSuffix(rest, legacySuffix), true
	default:
		return time.Time{}, false, false
	}
	if len(rest) != len(stampLayout) {
		return time.Time{}, false, false
	}
	t, err := time.Parse(stampLayout, rest)
	return t, legacy, err == nil
}

func parseBackupStamp(name string) (time.Time, bool) {
	t, _, ok := parseBackupName(name)
	return t, ok
}

// writeDump writes a dump of tx to w.
func writeDump(w io.Writer, tx *bolt.Tx, created time.Time) error {
	version, _, err := readSchema(tx)
	if err != nil {
		return err
	}
	h := backupHeader{Format: dumpFormat, Schema: version, TxID: tx.ID(), Created: created.UTC(), Counts: map[string]int{}}
	// A record whose checksum fails is left out: copied, it would make the
	// whole backup fail its check, and every later one too, for as long as
	// the record stays damaged. Counting them first keeps the header's
	// counts exact (a checksum pass costs little next to compressing).
	intact := func(bucket string, k, v []byte) bool {
		if version < checksumSchema || bucket == metaBucket {
			return true
		}
		_, ok := unseal(bucket, string(k), v)
		return ok
	}
	if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if string(name) == metaBucket {
			return nil
		}
		n := 0
		err := b.ForEach(func(k, v []byte) error {
			if v != nil && intact(string(name), k, v) {
				n++
			}
			return nil
		})
		h.Counts[string(name)] = n
		return err
	}); err != nil {
		return err
	}
	head, err := json.Marshal(h)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 256<<10)
	var lenBuf [binary.MaxVarintLen64]byte
	field := func(p []byte) {
		n := binary.PutUvarint(lenBuf[:], uint64(len(p)))
		bw.Write(lenBuf[:n])
		bw.Write(p)
	}
	bw.WriteString(dumpMagic)
	field(head)
	err = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		bw.WriteByte('b')
		field(name)
		return b.ForEach(func(k, v []byte) error {
			if v == nil || !intact(string(name), k, v) {
				return nil // a nested bucket (never made), or a damaged record
			}
			bw.WriteByte('r')
			field(k)
			field(v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	bw.WriteByte('e')
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// dumpReader reads a dump record by record.
type dumpReader struct {
	f  *os.File
	zr *gzip.Reader
	br *bufio.Reader
	h  backupHeader
}

func openDump(path string) (*dumpReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d := &dumpReader{f: f}
	if err := d.start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: 备份 %s: %v", ErrCorrupt, filepath.Base(path), err)
	}
	return d, nil
}

func (d *dumpReader) start() error {
	zr, err := gzip.NewReader(d.f)
	if err != nil {
		return err
	}
	d.zr = zr
	d.br = bufio.NewReaderSize(zr, 256<<10)
	magic := make([]byte, len(dumpMagic))
	if _, err := io.ReadFull(d.br, magic); err != nil || string(magic) != dumpMagic {
		return errors.New("不是汇编阅读器的备份文件")
	}
	head, err := d.field(1 << 20)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(head, &d.h); err != nil {
		return fmt.Errorf("备份文件头无法解析：%v", err)
	}
	if d.h.Format != dumpFormat {
		return fmt.Errorf("备份格式 %d 不是本程序所用的格式 %d", d.h.Format, dumpFormat)
	}
	return nil
}

func (d *dumpReader) Close() error { return d.f.Close() }

// maxField bounds one key or value, so that a damaged length cannot make
// the reader allocate gigabytes.
const maxField = 256 << 20

func (d *dumpReader) field(limit uint64) ([]byte, error) {
	n, err := binary.ReadUvarint(d.br)
	if err != nil {
		return nil, unexpectedEOF(err)
	}
	if n > limit {
		return nil, fmt.Errorf("记录长度 %d 超出范围", n)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(d.br, p); err != nil {
		return nil, unexpectedEOF(err)
	}
	return p, nil
}

func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// each calls fn for every record, in the file's order, after checking its
// checksum (schema 2 on), and finally checks the end mark and the gzip
// CRC. fn may return errStop to end early (no further checks are made).
func (d *dumpReader) each(fn func(bucket string, key, stored []byte) error) error {
	bucket := ""
	for {
		tag, err := d.br.ReadByte()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch tag {
		case 'b':
			name, err := d.field(1 << 16)
			if err != nil {
				return err
			}
			bucket = string(name)
		case 'r':
			if bucket == "" {
				return errors.New("记录不在任何存储桶中")
			}
			k, err := d.field(1 << 16)
			if err != nil {
				return err
			}
			v, err := d.field(maxField)
			if err != nil {
				return err
			}
			if d.h.Schema >= checksumSchema && bucket != metaBucket {
				if _, ok := unseal(bucket, string(k), v); !ok {
					return fmt.Errorf("记录 %s/%s 校验和不符", bucket, k)
				}
			}
			if err := fn(bucket, k, v); err != nil {
				return err
			}
		case 'e':
			// Reading on to the end makes gzip check its CRC-32 and length.
			if n, err := io.Copy(io.Discard, d.br); err != nil {
				return err
			} else if n != 0 {
				return fmt.Errorf("结束标记后还有 %d 字节", n)
			}
			return nil
		default:
			return fmt.Errorf("无法识别的记录标记 %q", tag)
		}
	}
}

// scanBackup reads every record of a backup, of either format, checking it
// as it goes. Errors about the content wrap ErrCorrupt. fn may return
// errStop to end early.
func scanBackup(path string, timeout time.Duration, fn func(bucket string, key, stored []byte) error) (backupHeader, error) {
	_, legacy, _ := parseBackupName(filepath.Base(path))
	if legacy {
		return scanLegacy(path, timeout, fn)
	}
	d, err := openDump(path)
	if err != nil {
		return backupHeader{}, err
	}
	defer d.Close()
	err = d.each(fn)
	switch {
	case err == nil, errors.Is(err, errStop):
		return d.h, nil
	case errors.Is(err, errCallerPanic):
		return d.h, err
	}
	var fnErr *callbackError
	if errors.As(err, &fnErr) {
		return d.h, fnErr.err
	}
	return d.h, fmt.Errorf("%w: 备份 %s: %v", ErrCorrupt, filepath.Base(path), err)
}

// callbackError carries an error returned by a scan's callback, so that it
// is not mistaken for damage in the backup.
type callbackError struct{ err error }

func (c *callbackError) Error() string { return c.err.Error() }

func scanLegacy(path string, timeout time.Duration, fn func(bucket string, key, stored []byte) error) (backupHeader, error) {
	return viewLegacy(openVerified, path, timeout, fn)
}

// viewLegacy opens a legacy backup (a bbolt copy) read-only with open
// (openVerified checks every page first, openBolt does not) and reads its
// header and then, unless fn is nil, hands fn a copy of every record.
func viewLegacy(open func(string, time.Duration, bool) (*bolt.DB, error), path string, timeout time.Duration,
	fn func(bucket string, key, stored []byte) error) (backupHeader, error) {
	db, err := open(path, timeout, true)
	if err != nil {
		return backupHeader{}, err
	}
	defer closeQuietly(db)
	var h backupHeader
	err = guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			var err error
			if h, err = legacyHeader(tx); err != nil || fn == nil {
				return err
			}
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return b.ForEach(func(k, v []byte) error {
					if v == nil {
						return nil
					}
					return fn(string(name), append([]byte(nil), k...), append([]byte(nil), v...))
				})
			})
		})
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return h, err
}

// legacyHeader describes a legacy backup (a bbolt copy) as a dump's header
// would.
func legacyHeader(tx *bolt.Tx) (backupHeader, error) {
	h := backupHeader{TxID: tx.ID(), Counts: map[string]int{}}
	var err error
	if h.Schema, _, err = readSchema(tx); err != nil {
		return h, err
	}
	err = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if string(name) != metaBucket {
			h.Counts[string(name)] = b.Stats().KeyN
		}
		return nil
	})
	return h, err
}

// readBackupHeader returns a backup's header without reading the records
// (a legacy copy is opened, and its buckets counted).
func readBackupHeader(path string, timeout time.Duration) (backupHeader, error) {
	_, legacy, _ := parseBackupName(filepath.Base(path))
	if legacy {
		return viewLegacy(openBolt, path, timeout, nil)
	}
	d, err := openDump(path)
	if err != nil {
		return backupHeader{}, err
	}
	defer d.Close()
	return d.h, nil
}

// buildFromBackup turns a backup into a bbolt file at dst (through a
// temporary file and a rename, so dst is either absent or complete). The
// backup is checked completely on the way; a damaged one leaves dst
// untouched and returns an error wrapping ErrCorrupt.
func buildFromBackup(src, dst string, timeout time.Duration) error {
	dir := filepath.Dir(dst)
	f, err := os.CreateTemp(dir, "."+filepath.Base(dst)+"-restore-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return err
	}
	// Records arrive in key order within each bucket: fill pages fully,
	// and commit in batches so memory stays bounded.
	var tx *bolt.Tx
	var b *bolt.Bucket
	curBucket := ""
	batch := 0
	commit := func() error {
		if tx == nil {
			return nil
		}
		err := tx.Commit()
		tx, b, batch = nil, nil, 0
		return err
	}
	_, err = scanBackup(src, timeout, func(bucket string, key, stored []byte) error {
		if tx == nil {
			var err error
			if tx, err = db.Begin(true); err != nil {
				return &callbackError{err}
			}
		}
		if b == nil || bucket != curBucket {
			var err error
			if b, err = tx.CreateBucketIfNotExists([]byte(bucket)); err != nil {
				return &callbackError{err}
			}
			b.FillPercent = 1.0
			curBucket = bucket
		}
		if err := b.Put(key, stored); err != nil {
			return &callbackError{err}
		}
		batch += len(key) + len(stored)
		if batch > 16<<20 {
			if err := commit(); err != nil {
				return &callbackError{err}
			}
		}
		return nil
	})
	if err == nil {
		err = commit()
	} else if tx != nil {
		_ = tx.Rollback()
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// Retention says which backups cleanup keeps. Every backup that any rule
// selects is kept; a backup that fails its check never counts for a rule.
type Retention struct {
	Last  int // the newest Last backups
	Days  int // the newest backup of each of the last Days days
	Weeks int // the newest backup of each of the last Weeks weeks
}

// DefaultRetention keeps the last 5, one a day for a week, one a week for
// eight weeks: at most 20 backups.
var DefaultRetention = Retention{Last: 5, Days: 7, Weeks: 8}

// backupEntry is what retention looks at.
type backupEntry struct {
	name string
	t    time.Time
	// count is the number of records in the protected bucket, -1 if unknown.
	count int
	bad   bool
}

// retain returns the names to keep among es (any order). current is the
// protected bucket's count in the live file, -1 if nothing is protected:
// the newest good backup with more records than that is always kept, so
// cleanup after a mass deletion never throws away the last copy of what
// was deleted.
func retain(es []backupEntry, now time.Time, current int, r Retention) map[string]bool {
	good := make([]backupEntry, 0, len(es))
	for _, e := range es {
		if !e.bad {
			good = append(good, e)
		}
	}
	sort.Slice(good, func(i, j int) bool { return good[i].t.After(good[j].t) }) // newest first
	keep := map[string]bool{}
	for i := 0; i < len(good) && i < r.Last; i++ {
		keep[good[i].name] = true
	}
	window := func(n int, span time.Duration) {
		for k := range n {
			hi, lo := now.Add(-time.Duration(k)*span), now.Add(-time.Duration(k+1)*span)
			for _, e := range good {
				// The first window also takes backups stamped in the
				// future (a clock that went back).
				if (e.t.Before(hi) || k == 0) && !e.t.Before(lo) {
					keep[e.name] = true
					break
				}
			}
		}
	}
	window(r.Days, 24*time.Hour)
	window(r.Weeks, 7*24*time.Hour)
	if current >= 0 {
		for _, e := range good {
			if e.count > current {
				keep[e.name] = true
				break
			}
		}
	}
	return keep
}

// backupNames returns the names of the backup files in time order, oldest
// first.
func backupNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	type nt struct {
		name string
		t    time.Time
	}
	var all []nt
	for _, e := range entries {
		if t, ok := parseBackupStamp(e.Name()); ok && e.Type().IsRegular() {
			all = append(all, nt{e.Name(), t})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].t.Before(all[j].t) })
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.name
	}
	return names, nil
}

// checkState caches what is known about one backup file, keyed by its size
// and modification time so that a file changed behind our back is checked
// again.
type checkState struct {
	size    int64
	mod     time.Time
	checked bool // a full check ran
	bad     bool
	header  *backupHeader
}

func (s *UserStore) fileState(name string) (*checkState, os.FileInfo, error) {
	st, err := os.Stat(filepath.Join(s.backupDir, name))
	if err != nil {
		return nil, nil, err
	}
	c := s.checks[name]
	if c == nil || c.size != st.Size() || !c.mod.Equal(st.ModTime()) {
		c = &checkState{size: st.Size(), mod: st.ModTime()}
		s.checks[name] = c
	}
	return c, st, nil
}

// header returns a backup's header, cached. s.backupMu must be held.
func (s *UserStore) header(name string) (*backupHeader, error) {
	c, _, err := s.fileState(name)
	if err != nil {
		return nil, err
	}
	if c.header == nil {
		h, err := readBackupHeader(filepath.Join(s.backupDir, name), s.opt.Timeout)
		if err != nil {
			c.bad, c.checked = true, true
			return nil, err
		}
		c.header = &h
	}
	return c.header, nil
}

// check reads a whole backup once and caches whether it is intact.
// s.backupMu must be held.
func (s *UserStore) check(name string) bool {
	c, _, err := s.fileState(name)
	if err != nil {
		return false
	}
	if !c.checked {
		h, err := scanBackup(filepath.Join(s.backupDir, name), s.opt.Timeout, func(string, []byte, []byte) error { return nil })
		c.checked, c.bad = true, err != nil
		if err == nil {
			c.header = &h
		}
	}
	return !c.bad
}

// markChecked records the outcome of a check made elsewhere (a backup just
// written, or one recovery found damaged).
func (s *UserStore) markChecked(name string, bad bool, h *backupHeader) {
	if c, _, err := s.fileState(name); err == nil {
		c.checked, c.bad = true, bad
		if h != nil {
			c.header = h
		}
	}
}

// prune applies the retention policy, and deletes temporary files left by
// an interrupted backup and backups that fail their check. Every backup
// the policy keeps is checked first (once per process): a damaged one is
// deleted and the policy runs again without it, so it never takes the
// place of a good one. Only the holder of the write lock prunes.
// s.backupMu must be held.
func (s *UserStore) prune(db *bolt.DB) error {
	names, err := backupNames(s.backupDir)
	if err != nil {
		return err
	}
	current := -1
	if s.opt.ProtectBucket != "" {
		current = countBucket(db, s.opt.ProtectBucket)
	}
	es := make([]backupEntry, len(names))
	for i, n := range names {
		t, _ := parseBackupStamp(n)
		es[i] = backupEntry{name: n, t: t, count: -1}
		if h, err := s.header(n); err != nil {
			es[i].bad = true
		} else if current >= 0 {
			es[i].count = h.Counts[s.opt.ProtectBucket]
		}
	}
	var keep map[string]bool
	for {
		keep = retain(es, s.opt.now(), current, s.opt.Retention)
		again := false
		for i := range es {
			if keep[es[i].name] && !s.check(es[i].name) {
				es[i].bad, again = true, true
			}
		}
		if !again {
			break
		}
	}
	var errs []error
	for _, e := range es {
		if keep[e.name] {
			continue
		}
		if err := os.Remove(filepath.Join(s.backupDir, e.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		delete(s.checks, e.name)
	}
	tmps, _ := filepath.Glob(filepath.Join(s.backupDir, "."+backupPrefix+"*.tmp"))
	for _, t := range tmps {
		if err := os.Remove(t); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// countBucket returns the number of records in bucket, 0 if it does not
// exist, -1 if the file cannot be read.
func countBucket(db *bolt.DB, bucket string) int {
	n := -1
	_ = guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			n = 0
			if b := tx.Bucket([]byte(bucket)); b != nil {
				n = b.Stats().KeyN
			}
			return nil
		})
	})
	return n
}

// Backups lists the backups, newest first, with their record counts. A
// backup whose header cannot be read is listed with Err set.
func (s *UserStore) Backups() ([]BackupInfo, error) {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	names, err := backupNames(s.backupDir)
	if err != nil {
		return nil, fmt.Errorf("读取备份目录 %s: %w", s.backupDir, err)
	}
	out := make([]BackupInfo, 0, len(names))
	for i := len(names) - 1; i >= 0; i-- {
		n := names[i]
		t, _ := parseBackupStamp(n)
		info := BackupInfo{Name: n, Path: filepath.Join(s.backupDir, n), Time: t}
		if st, err := os.Stat(info.Path); err == nil {
			info.Size = st.Size()
		}
		if h, err := s.header(n); err != nil {
			info.Err = err
		} else {
			info.Counts, info.Schema = h.Counts, h.Schema
		}
		out = append(out, info)
	}
	return out, nil
}

// RestoreBackup replaces the user file with the backup called name (a name
// from Backups). The backup is checked completely first; the current file
// is moved aside to "<path>.before-restore-<time>" and kept, and its path
// is returned. The store stays open on the restored data.
func (s *UserStore) RestoreBackup(name string) (keptAside string, err error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	if _, ok := parseBackupStamp(name); !ok || filepath.Base(name) != name {
		return "", fmt.Errorf("“%s”不是备份文件名（用 backup ls 查看）", name)
	}
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	src := filepath.Join(s.backupDir, name)
	if _, err := os.Stat(src); err != nil {
		return "", fmt.Errorf("没有名为“%s”的备份：%w", name, err)
	}
	// Build the restored file beside the live one first: a damaged backup
	// fails here, with the live file untouched.
	staged := s.path + ".restore-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := buildFromBackup(src, staged, s.opt.Timeout); err != nil {
		if errors.Is(err, ErrCorrupt) {
			s.markChecked(name, true, nil)
		}
		return "", fmt.Errorf("从备份 %s 恢复：%w", name, err)
	}
	defer os.Remove(staged) // gone after the rename; cleans up on failure

	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	if err := s.db.Close(); err != nil {
		return "", fmt.Errorf("从备份 %s 恢复：关闭当前文件：%w", name, err)
	}
	reopen := func() error {
		db, err := openBolt(s.path, s.opt.Timeout, false)
		if err != nil {
			return err
		}
		s.db = db
		return nil
	}
	kept, err := moveAside(s.path, ".before-restore-", s.opt.now())
	if err != nil {
		if rerr := reopen(); rerr != nil {
			return "", fmt.Errorf("从备份 %s 恢复：无法移走当前文件：%v; 重新打开也失败：%w", name, err, rerr)
		}
		return "", fmt.Errorf("从备份 %s 恢复：无法移走当前文件：%w", name, err)
	}
	if err := os.Rename(staged, s.path); err != nil {
		_ = os.Rename(kept, s.path)
		_ = reopen()
		return "", fmt.Errorf("从备份 %s 恢复：%w", name, err)
	}
	_ = syncDir(filepath.Dir(s.path))
	if err := reopen(); err != nil {
		return kept, fmt.Errorf("从备份 %s 恢复后重新打开：%w", name, err)
	}
	if _, err := s.prepareLocked(); err != nil {
		return kept, fmt.Errorf("从备份 %s 恢复后升级格式：%w", name, err)
	}
	return kept, nil
}

// findInBackups looks for intact copies of the given records, newest
// backup first, and returns each one's value (without checksum) and the
// backup it came from. s.backupMu must be held.
func (s *UserStore) findInBackups(want map[[2]string]bool) map[[2]string]found {
	out := map[[2]string]found{}
	names, _ := backupNames(s.backupDir)
	for i := len(names) - 1; i >= 0 && len(out) < len(want); i-- {
		path := filepath.Join(s.backupDir, names[i])
		var h backupHeader
		var pending []struct {
			k [2]string
			v []byte
		}
		h, err := scanBackup(path, s.opt.Timeout, func(bucket string, key, stored []byte) error {
			k := [2]string{bucket, string(key)}
			if !want[k] {
				return nil
			}
			if _, done := out[k]; done {
				return nil
			}
			pending = append(pending, struct {
				k [2]string
				v []byte
			}{k, stored})
			return nil
		})
		if err != nil {
			continue // a damaged backup gives nothing, not even its early records
		}
		for _, p := range pending {
			v := p.v
			if h.Schema >= checksumSchema {
				v, _ = unseal(p.k[0], p.k[1], v) // scanBackup checked it
			}
			out[p.k] = found{val: v, from: path}
		}
	}
	return out
}

type found struct {
	val  []byte
	from string
}
