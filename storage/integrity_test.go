package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRecordChecksum changes bytes inside stored values, as a disk error
// or a hand edit would, and checks that the damage is reported, that the
// record comes back from the newest backup holding it intact, and that
// the other records keep working.
func TestRecordChecksum(t *testing.T) {
	tests := []struct {
		name string
		// prepare runs after the first backup (which holds "a" as "first")
		// and the second (which holds "a" as "second"); it may damage
		// backups.
		prepare  func(t *testing.T, backups []string)
		wantVal  string // "" means no intact copy anywhere
		wantFrom int    // index of the backup it comes from
	}{
		{name: "restored from the newest backup", wantVal: "second", wantFrom: 1},
		{name: "newest backup damaged: the older one", prepare: func(t *testing.T, b []string) { damageBackup(t, b[1]) }, wantVal: "first", wantFrom: 0},
		{name: "no intact copy", prepare: func(t *testing.T, b []string) {
			for _, p := range b {
				os.Remove(p)
			}
		}},
	}
	for _, borrowed := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name
			if borrowed {
				name += " (ForEachBorrowed)"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "userdata.db")
				s := openUser(t, path, UserOptions{})
				put := func(k, v string) {
					t.Helper()
					if err := s.Put("notes", k, []byte(v)); err != nil {
						t.Fatal(err)
					}
				}
				put("a", "first")
				put("b", "other note")
				put("c", "third note")
				if _, err := s.Backup(); err != nil {
					t.Fatal(err)
				}
				put("a", "second")
				if _, err := s.Backup(); err != nil {
					t.Fatal(err)
				}
				put("a", "latest, not yet backed up")
				s.Close()
				backups := backupFiles(t, filepath.Join(dir, backupDirName))[1:] // [0] is the empty start-up backup
				if len(backups) != 2 {
					t.Fatalf("%d backups, want 2", len(backups))
				}
				if tt.prepare != nil {
					tt.prepare(t, backups)
				}

				// One changed byte inside the value; the checksum stays.
				raw := rawValue(t, path, "notes", "a")
				raw[2] ^= 0x01
				setRawValue(t, path, "notes", "a", raw)

				s = openUser(t, path, UserOptions{})
				defer s.Close()
				var keys []string
				forEach := s.ForEach
				if borrowed {
					forEach = s.ForEachBorrowed
				}
				if err := forEach("notes", func(k string, v []byte) error {
					keys = append(keys, k+"="+string(v))
					return nil
				}); err != nil {
					t.Fatalf("ForEach over a damaged record: %v", err)
				}
				sort.Strings(keys)
				want := []string{"b=other note", "c=third note"}
				if tt.wantVal != "" {
					want = append([]string{"a=" + tt.wantVal}, want...)
				}
				if strings.Join(keys, "|") != strings.Join(want, "|") {
					t.Errorf("records = %q, want %q", keys, want)
				}
				reps := s.TakeRepairs()
				if len(reps) != 1 || reps[0].Bucket != "notes" || reps[0].Key != "a" {
					t.Fatalf("repairs = %+v, want one for notes/a", reps)
				}
				msg := reps[0].String()
				if !strings.Contains(msg, "notes/a") || !strings.Contains(msg, "校验和") {
					t.Errorf("repair message %q does not say what and why", msg)
				}
				if tt.wantVal == "" {
					if reps[0].RestoredFrom != "" {
						t.Errorf("RestoredFrom = %q with no backups", reps[0].RestoredFrom)
					}
					if _, err := s.Get("notes", "a"); !errors.Is(err, ErrRecordDamaged) {
						t.Errorf("Get of the damaged record: %v, want ErrRecordDamaged", err)
					}
				} else {
					if reps[0].RestoredFrom != backups[tt.wantFrom] {
						t.Errorf("RestoredFrom = %q, want %q", reps[0].RestoredFrom, backups[tt.wantFrom])
					}
					// Repaired in the file: read again, no new report.
					if v, err := s.Get("notes", "a"); err != nil || string(v) != tt.wantVal {
						t.Errorf("Get after repair = %q, %v", v, err)
					}
					if r := s.TakeRepairs(); len(r) != 0 {
						t.Errorf("record reported again after repair: %v", r)
					}
				}
				// The rest keeps working.
				if err := s.Put("notes", "d", []byte("new")); err != nil {
					t.Errorf("write after damage: %v", err)
				}
				if v, err := s.Get("notes", "b"); err != nil || string(v) != "other note" {
					t.Errorf("intact record: %q, %v", v, err)
				}
			})
		}
	}
}

// TestRetain checks the time-spread retention policy on its own.
func TestRetain(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	mk := func(ago time.Duration, count int, bad bool) backupEntry {
		return backupEntry{name: now.Add(-ago).Format(stampLayout), t: now.Add(-ago), count: count, bad: bad}
	}
	h, d := time.Hour, 24*time.Hour
	tests := []struct {
		name    string
		es      []backupEntry
		current int
		want    []time.Duration // ages kept
	}{
		{
			name: "last five, then one a day, then one a week",
			es: []backupEntry{
				mk(1*h, 0, false), mk(2*h, 0, false), mk(3*h, 0, false), mk(4*h, 0, false), mk(5*h, 0, false), mk(6*h, 0, false),
				mk(d+1*h, 0, false), mk(d+2*h, 0, false), // day 1: newest kept
				mk(3*d, 0, false),
				mk(10*d, 0, false), mk(11*d, 0, false), // week 1: newest kept
				mk(40*d, 0, false), // week 5
				mk(70*d, 0, false), // beyond eight weeks
			},
			current: -1,
			want:    []time.Duration{1 * h, 2 * h, 3 * h, 4 * h, 5 * h, d + 1*h, 3 * d, 10 * d, 40 * d},
		},
		{
			name: "the newest backup fuller than the file survives a mass deletion",
			es: []backupEntry{
				mk(1*h, 2, false), mk(2*h, 2, false), mk(3*h, 2, false), mk(4*h, 2, false), mk(5*h, 2, false),
				mk(6*h, 300, false), mk(7*h, 300, false),
			},
			current: 2,
			want:    []time.Duration{1 * h, 2 * h, 3 * h, 4 * h, 5 * h, 6 * h},
		},
		{
			name: "a damaged backup never takes a good one's place",
			es: []backupEntry{
				mk(1*h, 0, true), mk(2*h, 0, true), mk(3*h, 0, true), mk(4*h, 0, true), mk(5*h, 0, true),
				mk(100*d, 0, false), // old but the only good one
			},
			current: -1,
			want:    []time.Duration{100 * d},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := retain(tt.es, now, tt.current, DefaultRetention)
			var got []time.Duration
			for _, e := range tt.es {
				if keep[e.name] {
					got = append(got, now.Sub(e.t))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("kept ages %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPruneKeepsGoodBackups replays the scenario of issue 13: backups that
// are damaged on disk are newer than the only good one; a further backup
// must delete the damaged ones, not the good one. And after a mass
// deletion, cleanup keeps the newest backup that still has the notes.
func TestPruneKeepsGoodBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	bdir := filepath.Join(dir, backupDirName)
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	tick := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }
	opt := UserOptions{ProtectBucket: "notes", now: now, BackupEvery: 100000} // only the backups made here
	s := openUser(t, path, opt)
	defer func() { s.Close() }()
	for i := range 300 {
		if err := s.Put("notes", fmt.Sprintf("n%03d", i), []byte("笔记")); err != nil {
			t.Fatal(err)
		}
	}
	tick(time.Minute)
	full, err := s.Backup()
	if err != nil {
		t.Fatal(err)
	}
	// The user deletes all but 3 notes, then adds bookmarks: each
	// backup after that holds 3 notes.
	if err := s.Update(func(tx Tx) error {
		for i := 3; i < 300; i++ {
			if err := tx.Delete("notes", fmt.Sprintf("n%03d", i)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		tick(time.Minute)
		if err := s.Put("bookmarks", fmt.Sprint(i), []byte("b")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Backup(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(full); err != nil {
		t.Fatalf("cleanup deleted the last backup holding the 300 notes: %v", err)
	}
	backups := backupFiles(t, bdir)
	if len(backups) != DefaultKeepBackups+1 {
		t.Errorf("%d backups, want the newest %d and the protected one", len(backups), DefaultKeepBackups)
	}

	// Every backup but the protected one is damaged on disk. The next
	// backups must push out the damaged ones and keep the good one.
	damaged := map[string]bool{}
	for _, b := range backups {
		if b != full {
			damageBackup(t, b)
			damaged[b] = true
		}
	}
	s.Close()
	s = openUser(t, path, opt) // a fresh process: nothing cached
	for range 3 {
		tick(time.Minute)
		if _, err := s.Backup(); err != nil {
			t.Fatal(err)
		}
	}
	backups = backupFiles(t, bdir)
	if len(backups) < 4 || backups[0] != full {
		t.Errorf("after damage: backups %v, want the protected one and the new ones", backups)
	}
	for _, b := range backups {
		if damaged[b] {
			t.Errorf("damaged backup %s kept", filepath.Base(b))
		}
	}
}

// TestBackupFailureWarns makes the backup directory unusable and checks
// that the failure is reported, and the session warning given once.
func TestBackupFailureWarns(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	var mu sync.Mutex
	var warnings []error
	s := openUser(t, path, UserOptions{BackupEvery: 1, OnBackupError: func(err error) {
		mu.Lock()
		warnings = append(warnings, err)
		mu.Unlock()
	}})
	defer s.Close()
	bdir := filepath.Join(dir, backupDirName)
	if err := os.RemoveAll(bdir); err != nil {
		t.Fatal(err)
	}
	// A file where the directory was: every backup write fails, even for
	// root, which ignores permission bits.
	if err := os.WriteFile(bdir, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := s.Put("notes", fmt.Sprint(i), []byte("x")); err != nil {
			t.Fatalf("a failing backup failed the change: %v", err)
		}
		s.waitBackups()
	}
	if s.BackupError() == nil {
		t.Fatal("BackupError is nil after failed backups")
	}
	if !strings.Contains(s.BackupError().Error(), bdir) {
		t.Errorf("BackupError does not name the directory: %v", s.BackupError())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(warnings) != 1 {
		t.Errorf("OnBackupError called %d times, want once per session", len(warnings))
	}
}

// TestBackupsListAndRestore lists backups with their counts and restores
// one, keeping the current file aside.
func TestBackupsListAndRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	s := openUser(t, path, UserOptions{})
	defer func() { s.Close() }()
	for i := range 5 {
		if err := s.Put("notes", fmt.Sprint(i), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Put("bookmarks", "b", []byte("x")); err != nil {
		t.Fatal(err)
	}
	five, err := s.Backup()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("notes", "0"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(); err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("%d backups listed, want 3", len(list))
	}
	if list[0].Counts["notes"] != 4 || list[1].Counts["notes"] != 5 || list[1].Counts["bookmarks"] != 1 || list[2].Counts["notes"] != 0 {
		t.Errorf("counts newest first = %v, %v, %v; want notes 4, 5, 0", list[0].Counts, list[1].Counts, list[2].Counts)
	}
	if list[1].Path != five || !list[0].Time.After(list[1].Time) {
		t.Errorf("list order or paths wrong: %+v", list)
	}
	if err := s.Put("notes", "after", []byte("x")); err != nil {
		t.Fatal(err)
	}
	kept, err := s.RestoreBackup(filepath.Base(five))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(kept), "userdata.db.before-restore-") {
		t.Errorf("current file kept as %q", kept)
	}
	n := 0
	_ = s.ForEach("notes", func(string, []byte) error { n++; return nil })
	if n != 5 {
		t.Errorf("%d notes after restore, want 5", n)
	}
	if err := s.Put("notes", "more", []byte("x")); err != nil {
		t.Errorf("store unusable after restore: %v", err)
	}
	// The file kept aside still has the state before the restore.
	s.Close()
	aside := openUser(t, kept, UserOptions{ReadOnly: true})
	if _, err := aside.Get("notes", "after"); err != nil {
		t.Errorf("kept file lacks the note made before the restore: %v", err)
	}
	aside.Close()
	s = openUser(t, path, UserOptions{})

	// A damaged backup is refused and the live file left alone.
	damageBackup(t, five)
	if _, err := s.RestoreBackup(filepath.Base(five)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("restore of a damaged backup: %v, want ErrCorrupt", err)
	}
	if _, err := s.Get("notes", "more"); err != nil {
		t.Errorf("live file changed by a refused restore: %v", err)
	}
	if _, err := s.RestoreBackup("../userdata.db"); err == nil {
		t.Error("restore accepted a path outside the backups")
	}
}

// TestReadOnlyOpen: a reader beside a writer-less file, and a write
// through it is refused with ErrReadOnly.
func TestReadOnlyOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "userdata.db")
	s := openUser(t, path, UserOptions{})
	if err := s.Put("notes", "a", []byte("x")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r1 := openUser(t, path, UserOptions{ReadOnly: true})
	defer r1.Close()
	r2 := openUser(t, path, UserOptions{ReadOnly: true}) // readers share the lock
	defer r2.Close()
	if v, err := r2.Get("notes", "a"); err != nil || string(v) != "x" {
		t.Errorf("read-only Get = %q, %v", v, err)
	}
	if err := r1.Put("notes", "b", []byte("y")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write through a read-only store: %v, want ErrReadOnly", err)
	}
	if _, _, err := OpenUserStore(path, UserOptions{Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("writer beside readers: %v, want ErrLocked", err)
	}
}

// TestLegacyBackups: backups written by earlier builds (plain bbolt
// copies of a schema-1 file) are listed with their counts, used for
// recovery and restored, and the restored file is migrated.
func TestLegacyBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	bdir := filepath.Join(dir, backupDirName)
	os.MkdirAll(bdir, 0o700)
	legacy := filepath.Join(bdir, "userdata-20261101-080000.000.db")
	writeRaw(t, legacy, "1", map[string]map[string]string{"notes": {"a": "旧笔记", "b": "另一条"}, "bookmarks": {"x": "书签"}})
	writeRaw(t, path, "1", map[string]map[string]string{"notes": {"a": "旧笔记"}})

	s := openUser(t, path, UserOptions{})
	defer func() { s.Close() }()
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var found *BackupInfo
	for i := range list {
		if list[i].Name == filepath.Base(legacy) {
			found = &list[i]
		}
	}
	if found == nil || found.Err != nil || found.Counts["notes"] != 2 || found.Counts["bookmarks"] != 1 || found.Schema != 1 {
		t.Fatalf("legacy backup listed as %+v", found)
	}
	if _, err := s.RestoreBackup(found.Name); err != nil {
		t.Fatalf("restore of a legacy backup: %v", err)
	}
	if v, err := s.Get("notes", "b"); err != nil || string(v) != "另一条" {
		t.Errorf("restored legacy note = %q, %v", v, err)
	}
	s.Close()
	if got := rawSchema(t, path); got != "2" {
		t.Errorf("restored legacy file has schema %q, want 2", got)
	}

	// Recovery from a legacy backup when the file is damaged.
	garbageMeta(t, path)
	for _, b := range backupFiles(t, bdir) {
		if b != legacy {
			os.Remove(b)
		}
	}
	s, rec, err := OpenUserStore(path, UserOptions{})
	if err != nil || rec == nil || rec.RestoredFrom != legacy {
		t.Fatalf("recovery from a legacy backup: %+v, %v", rec, err)
	}
	if v, err := s.Get("notes", "a"); err != nil || string(v) != "旧笔记" {
		t.Errorf("recovered legacy note = %q, %v", v, err)
	}
}

// TestBackupSkipsDamagedRecord: while a record is damaged (and no backup
// can repair it), backups still work: they leave that record out.
func TestBackupSkipsDamagedRecord(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	s := openUser(t, path, UserOptions{})
	for _, k := range []string{"a", "b", "c"} {
		if err := s.Put("notes", k, []byte("笔记"+k)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	os.RemoveAll(filepath.Join(dir, backupDirName))
	raw := rawValue(t, path, "notes", "b")
	raw[0] ^= 1
	setRawValue(t, path, "notes", "b", raw)

	s = openUser(t, path, UserOptions{})
	defer s.Close()
	p, err := s.Backup()
	if err != nil {
		t.Fatal(err)
	}
	h, err := scanBackup(p, 0, func(string, []byte, []byte) error { return nil })
	if err != nil {
		t.Fatalf("backup of a file with a damaged record fails its check: %v", err)
	}
	if h.Counts["notes"] != 2 {
		t.Errorf("backup counts %d notes, want the 2 intact ones", h.Counts["notes"])
	}
}
