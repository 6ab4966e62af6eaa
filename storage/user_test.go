package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func openUser(t *testing.T, path string, opt UserOptions) *UserStore {
	t.Helper()
	s, rec, err := OpenUserStore(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rec != nil {
		t.Fatalf("unexpected recovery: %s", rec)
	}
	s.waitBackups() // make the start-up backup deterministic
	return s
}

func TestUserRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "userdata.db")
	s := openUser(t, path, UserOptions{})

	puts := []struct{ bucket, key, val string }{
		{"notes", "n-2", `{"text":"第二条笔记"}`},
		{"notes", "n-1", `{"text":"第一条","quote":"意识形态"}`},
		{"bookmarks", "5.6", `{"name":"实施工程"}`},
		{"settings", "font-size", ``},
		{"position", "c-seed", `"5/2"`},
	}
	for _, p := range puts {
		if err := s.Put(p.bucket, p.key, []byte(p.val)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range puts {
		got, err := s.Get(p.bucket, p.key)
		if err != nil || string(got) != p.val || got == nil {
			t.Errorf("Get(%s,%s) = %q, %v; want %q", p.bucket, p.key, got, err, p.val)
		}
	}
	var keys []string
	if err := s.ForEach("notes", func(k string, v []byte) error {
		keys = append(keys, k+"="+string(v))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := `n-1={"text":"第一条","quote":"意识形态"} n-2={"text":"第二条笔记"}`; strings.Join(keys, " ") != want {
		t.Errorf("ForEach = %q, want %q", keys, want)
	}
	if err := s.ForEach("no-such-bucket", func(string, []byte) error { t.Error("called"); return nil }); err != nil {
		t.Errorf("ForEach on a missing bucket: %v", err)
	}

	// Errors that must be reported, not swallowed.
	errCases := []struct {
		name string
		err  error
		want error
	}{
		{"missing key", func() error { _, err := s.Get("notes", "nope"); return err }(), ErrNotFound},
		{"missing bucket", func() error { _, err := s.Get("nope", "k"); return err }(), ErrNotFound},
		{"reserved bucket put", s.Put(metaBucket, "schema", []byte("9")), errAny},
		{"reserved bucket get", func() error { _, err := s.Get(metaBucket, "schema"); return err }(), errAny},
		{"empty key", s.Put("notes", "", []byte("x")), errAny},
		{"empty bucket", s.Put("", "k", []byte("x")), errAny},
	}
	for _, c := range errCases {
		if c.err == nil || (c.want != errAny && !errors.Is(c.err, c.want)) {
			t.Errorf("%s: err = %v, want %v", c.name, c.err, c.want)
		}
	}

	if err := s.Delete("notes", "n-2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("notes", "n-2"); err != nil {
		t.Errorf("second Delete: %v", err)
	}
	if _, err := s.Get("notes", "n-2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openUser(t, path, UserOptions{})
	defer s.Close()
	if got, err := s.Get("notes", "n-1"); err != nil || !strings.Contains(string(got), "意识形态") {
		t.Errorf("after reopen: %q, %v", got, err)
	}
	if _, err := s.Get("notes", "n-2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted key back after reopen: %v", err)
	}
}

// TestUserUpdateIsOneTransaction checks that a failing Update leaves nothing
// behind, and that a panic in the caller's function is the caller's panic,
// not a corrupt file.
func TestUserUpdateIsOneTransaction(t *testing.T) {
	s := openUser(t, filepath.Join(t.TempDir(), "userdata.db"), UserOptions{})
	defer s.Close()
	if err := s.Put("notes", "keep", []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := s.Update(func(tx Tx) error {
		for i := range 100 {
			if err := tx.Put("notes", fmt.Sprint("new-", i), []byte("x")); err != nil {
				return err
			}
		}
		if err := tx.Put("notes", "keep", []byte("new")); err != nil {
			return err
		}
		if err := tx.DeleteBucket("bookmarks"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want the function's error", err)
	}
	n := 0
	_ = s.ForEach("notes", func(k string, v []byte) error {
		n++
		if k == "keep" && string(v) != "old" {
			t.Errorf("keep = %q after a failed Update", v)
		}
		return nil
	})
	if n != 1 {
		t.Errorf("%d keys after a failed Update, want 1", n)
	}

	func() {
		defer func() {
			if r := recover(); r != "caller bug" {
				t.Errorf("recovered %v, want the caller's panic", r)
			}
		}()
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("notes", "half", []byte("x"))
			panic("caller bug")
		})
	}()
	if _, err := s.Get("notes", "half"); !errors.Is(err, ErrNotFound) {
		t.Errorf("write from a panicking Update is visible: %v", err)
	}
	if err := s.Put("notes", "after-panic", []byte("ok")); err != nil {
		t.Errorf("store unusable after a caller panic: %v", err)
	}
}

func TestUserSchema(t *testing.T) {
	v0 := map[string]map[string]string{"notes": {"a": "hello", "b": "world"}}
	tests := []struct {
		name       string
		setup      func(t *testing.T, path string)
		migrations func(t *testing.T, path string) []Migration
		wantErr    error
		wantSchema string
		check      func(t *testing.T, s *UserStore)
	}{
		{name: "new file records the version", wantSchema: "2"},
		{
			name:    "newer schema is rejected and untouched",
			setup:   func(t *testing.T, p string) { writeRaw(t, p, "3", v0) },
			wantErr: ErrSchemaTooNew, wantSchema: "3",
		},
		{
			// Files written before checksums (schema 1) gain them.
			name:       "v1 file gains checksums",
			setup:      func(t *testing.T, p string) { writeRaw(t, p, "1", v0) },
			wantSchema: "2",
			check: func(t *testing.T, s *UserStore) {
				if v, err := s.Get("notes", "b"); err != nil || string(v) != "world" {
					t.Errorf("value after migration = %q, %v; want world", v, err)
				}
				backups := backupFiles(t, s.BackupDir())
				if len(backups) != 1 {
					t.Fatalf("%d backups, want the one made before the migration", len(backups))
				}
				if h, err := readBackupHeader(backups[0], 0); err != nil || h.Schema != 1 {
					t.Errorf("backup before migration: schema %d, %v; want 1", h.Schema, err)
				}
				s.Close()
				raw := rawValue(t, s.Path(), "notes", "b")
				if len(raw) != len("world")+sumLen || string(raw[:5]) != "world" {
					t.Errorf("stored value %q has no checksum", raw)
				}
			},
		},
		{
			name:  "v0 file is migrated after a backup",
			setup: func(t *testing.T, p string) { writeRaw(t, p, "", v0) },
			migrations: func(t *testing.T, path string) []Migration {
				return []Migration{{From: 0, Apply: func(tx Tx) error {
					// The backup must exist now, and hold the v0 data.
					backups := backupFiles(t, filepath.Join(filepath.Dir(path), backupDirName))
					if len(backups) != 1 {
						return fmt.Errorf("%d backups before the migration, want 1", len(backups))
					}
					if h, err := readBackupHeader(backups[0], 0); err != nil || h.Schema != 0 {
						return fmt.Errorf("backup has schema %d (%v), want none (v0)", h.Schema, err)
					}
					return tx.ForEach("notes", func(k string, v []byte) error {
						return tx.Put("notes", k, []byte(strings.ToUpper(string(v))))
					})
				}}}
			},
			wantSchema: "2",
			check: func(t *testing.T, s *UserStore) {
				if v, _ := s.Get("notes", "b"); string(v) != "WORLD" {
					t.Errorf("migrated value = %q, want WORLD", v)
				}
			},
		},
		{
			name:  "failing migration leaves the file as it was",
			setup: func(t *testing.T, p string) { writeRaw(t, p, "", v0) },
			migrations: func(t *testing.T, path string) []Migration {
				return []Migration{{From: 0, Apply: func(tx Tx) error {
					if err := tx.Put("notes", "a", []byte("half-migrated")); err != nil {
						return err
					}
					return errors.New("migration bug")
				}}}
			},
			wantErr: errAny, wantSchema: "",
		},
		{
			name:       "v0 file without a migration is refused",
			setup:      func(t *testing.T, p string) { writeRaw(t, p, "", v0) },
			wantErr:    errAny,
			wantSchema: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "userdata.db")
			var before []byte
			if tt.setup != nil {
				tt.setup(t, path)
				before = mustRead(t, path)
			}
			var opt UserOptions
			if tt.migrations != nil {
				opt.Migrations = tt.migrations(t, path)
			}
			s, _, err := OpenUserStore(path, opt)
			if tt.wantErr != nil {
				if err == nil {
					s.Close()
					t.Fatal("open succeeded")
				}
				if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error does not name the file: %v", err)
				}
				sameBytes(t, "refused file", mustRead(t, path), before)
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if tt.check != nil {
					tt.check(t, s)
				}
				s.Close()
			}
			if got := rawSchema(t, path); got != tt.wantSchema {
				t.Errorf("schema = %q, want %q", got, tt.wantSchema)
			}
		})
	}
}

// TestUserBackupRotation checks the schedule (on open, then every
// BackupEvery changes, counting each key an Update changes) and that
// rotation keeps exactly the newest KeepBackups.
func TestUserBackupRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	bdir := filepath.Join(dir, backupDirName)
	s := openUser(t, path, UserOptions{})
	defer func() { s.Close() }()

	count := func() int {
		s.waitBackups()
		return len(backupFiles(t, bdir))
	}
	if n := count(); n != 1 {
		t.Fatalf("%d backups after open, want 1", n)
	}
	put := func(i int) {
		t.Helper()
		if err := s.Put("notes", fmt.Sprintf("n%04d", i), []byte("笔记")); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < DefaultBackupEvery; i++ {
		put(i)
	}
	if n := count(); n != 1 {
		t.Fatalf("%d backups after %d changes, want 1", n, DefaultBackupEvery-1)
	}
	put(DefaultBackupEvery)
	if n := count(); n != 2 {
		t.Fatalf("%d backups after %d changes, want 2", n, DefaultBackupEvery)
	}
	// The new backup holds the change that triggered it.
	newest := backupFiles(t, bdir)[1]
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := buildFromBackup(newest, copyPath, 0); err != nil {
		t.Fatal(err)
	}
	b, _, err := OpenUserStore(copyPath, UserOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get("notes", fmt.Sprintf("n%04d", DefaultBackupEvery)); err != nil {
		t.Errorf("backup lacks the 50th change: %v", err)
	}
	b.Close()

	// One Update with 60 changes counts as 60.
	if err := s.Update(func(tx Tx) error {
		for i := range 60 {
			if err := tx.Put("bulk", fmt.Sprint(i), []byte("x")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 3 {
		t.Fatalf("%d backups after a 60-change Update, want 3", n)
	}

	var made []string
	for range 6 {
		p, err := s.Backup()
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	got := backupFiles(t, bdir)
	if len(got) != DefaultKeepBackups {
		t.Fatalf("%d backups kept, want %d", len(got), DefaultKeepBackups)
	}
	if strings.Join(got, "\n") != strings.Join(made[1:], "\n") {
		t.Errorf("kept %v, want the newest %v", got, made[1:])
	}
	// A stray temporary file from an interrupted backup is cleaned up.
	stray := filepath.Join(bdir, ".userdata-20260101-000000.000.db-123.tmp")
	if err := os.WriteFile(stray, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stray); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stray temporary backup not removed: %v", err)
	}
	if s.BackupError() != nil {
		t.Errorf("BackupError = %v", s.BackupError())
	}

	// Reopening an unchanged file adds no backup; after a change it does.
	s.Close()
	before := count()
	s = openUser(t, path, UserOptions{})
	if n := count(); n != before {
		t.Errorf("reopen without changes: %d backups, want %d", n, before)
	}
	// After a change, a reopen within BackupInterval of the newest backup
	// adds none (a command run a hundred times must not copy the file a
	// hundred times); once the newest backup is older, it does.
	last := backupFiles(t, bdir)[len(backupFiles(t, bdir))-1]
	put(9999)
	s.Close()
	s = openUser(t, path, UserOptions{})
	if got := backupFiles(t, bdir); got[len(got)-1] != last {
		t.Error("reopen a moment after a change wrote a start-up backup")
	}
	s.Close()
	later := func() time.Time { return time.Now().Add(DefaultBackupInterval + time.Minute) }
	s = openUser(t, path, UserOptions{now: later})
	if got := backupFiles(t, bdir); got[len(got)-1] == last {
		t.Error("reopen an interval after a change wrote no start-up backup")
	}
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o600)
}

// TestUserRecoverCorrupt damages the file in several ways and checks that
// the damaged file is kept byte for byte, the newest good backup is
// restored, and Recovery names both.
func TestUserRecoverCorrupt(t *testing.T) {
	type setup struct {
		damageBackup bool // also damage the newest backup
		noBackups    bool
	}
	var cases []struct {
		name string
		c    corruption
		setup
	}
	for _, c := range corruptions {
		cases = append(cases, struct {
			name string
			c    corruption
			setup
		}{c.name, c, setup{}})
	}
	cases = append(cases,
		struct {
			name string
			c    corruption
			setup
		}{"emptied file", corruption{"empty", func(t *testing.T, p string) { truncateTo(t, p, 0) }}, setup{}},
		struct {
			name string
			c    corruption
			setup
		}{"newest backup damaged too", corruptions[0], setup{damageBackup: true}},
		struct {
			name string
			c    corruption
			setup
		}{"no backup at all", corruptions[0], setup{noBackups: true}},
	)

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "userdata.db")
			bdir := filepath.Join(dir, backupDirName)
			s := openUser(t, path, UserOptions{}) // backup 1: empty store
			// 300 notes in one Update: 300 changes, so backup 2 follows.
			if err := s.Update(func(tx Tx) error {
				for i := range 300 {
					note := fmt.Sprintf(`{"text":"%s"}`, strings.Repeat("笔记内容", 40+i%7))
					if err := tx.Put("notes", fmt.Sprintf("n%04d", i), []byte(note)); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			s.waitBackups()
			if err := s.Put("notes", "after-backup", []byte("x")); err != nil {
				t.Fatal(err)
			}
			s.Close()
			backups := backupFiles(t, bdir)
			if len(backups) != 2 {
				t.Fatalf("%d backups, want 2", len(backups))
			}

			tc.c.apply(t, path)
			damaged := mustRead(t, path)
			wantFrom, wantNotes := backups[1], 300
			switch {
			case tc.noBackups:
				for _, b := range backups {
					os.Remove(b)
				}
				wantFrom, wantNotes = "", 0
			case tc.damageBackup:
				damageBackup(t, backups[1])
				wantFrom, wantNotes = backups[0], 0
			}

			s, rec, err := OpenUserStore(path, UserOptions{})
			if err != nil {
				t.Fatalf("open of a damaged file: %v", err)
			}
			if rec == nil {
				s.Close()
				t.Fatal("no Recovery reported")
			}
			if !strings.HasPrefix(filepath.Base(rec.DamagedPath), "userdata.db.damaged-") || filepath.Dir(rec.DamagedPath) != dir {
				t.Errorf("DamagedPath = %q", rec.DamagedPath)
			}
			sameBytes(t, "kept damaged file", mustRead(t, rec.DamagedPath), damaged)
			if rec.RestoredFrom != wantFrom {
				t.Errorf("RestoredFrom = %q, want %q", rec.RestoredFrom, wantFrom)
			}
			if !errors.Is(rec.Reason, ErrCorrupt) {
				t.Errorf("Reason = %v, want ErrCorrupt", rec.Reason)
			}
			msg := rec.String()
			if !strings.Contains(msg, rec.DamagedPath) || (wantFrom != "" && !strings.Contains(msg, wantFrom)) {
				t.Errorf("message does not name the files: %s", msg)
			}
			n := 0
			_ = s.ForEach("notes", func(k string, v []byte) error {
				if k == "after-backup" {
					t.Errorf("restored data has a change made after the backup")
				}
				n++
				return nil
			})
			if n != wantNotes {
				t.Errorf("%d notes after recovery, want %d", n, wantNotes)
			}
			if err := s.Put("notes", "after-recovery", []byte("ok")); err != nil {
				t.Errorf("store unusable after recovery: %v", err)
			}
			s.Close()

			// The recovered file is healthy: no second recovery.
			s = openUser(t, path, UserOptions{})
			s.Close()
		})
	}
}

// TestVerifyDetectsCorruption guards the corruption helpers: each one must
// really make bbolt fail (panic, fault or check error), or the recovery
// tests above would pass for the wrong reason.
func TestVerifyDetectsCorruption(t *testing.T) {
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			writeRaw(t, path, "1", nil)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(func(tx *bolt.Tx) error {
				b, _ := tx.CreateBucketIfNotExists([]byte("b"))
				for i := range 200 {
					if err := b.Put(fmt.Appendf(nil, "k%04d", i), make([]byte, 700)); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			db.Close()
			db, err = openVerified(path, defaultTimeout, true)
			if err != nil {
				t.Fatalf("healthy file fails verification: %v", err)
			}
			db.Close()
			c.apply(t, path)
			if db, err := openVerified(path, defaultTimeout, true); !errors.Is(err, ErrCorrupt) {
				if err == nil {
					db.Close()
				}
				t.Fatalf("corrupt file: err = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestUserConcurrentWrites writes from several goroutines while automatic
// backups run in the background (run it with -race).
func TestUserConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	s := openUser(t, filepath.Join(dir, "userdata.db"), UserOptions{BackupEvery: 10})
	const workers, each = 4, 40
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			for i := range each {
				if err := s.Put("notes", fmt.Sprintf("w%d-%03d", w, i), []byte("x")); err != nil {
					errs <- err
					return
				}
				if i%10 == 0 {
					if _, err := s.Get("notes", fmt.Sprintf("w%d-%03d", w, i)); err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	s.waitBackups()
	if err := s.BackupError(); err != nil {
		t.Errorf("BackupError = %v", err)
	}
	n := 0
	_ = s.ForEach("notes", func(string, []byte) error { n++; return nil })
	if n != workers*each {
		t.Errorf("%d notes, want %d", n, workers*each)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Requests made while a backup is being written coalesce, so the count
	// depends on timing; rotation must still hold.
	if b := backupFiles(t, filepath.Join(dir, backupDirName)); len(b) < 2 || len(b) > DefaultKeepBackups {
		t.Errorf("%d backups after %d changes, want 2..%d", len(b), workers*each, DefaultKeepBackups)
	}
}
