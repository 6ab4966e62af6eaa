package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleRecords() []CompilationRecord {
	big := bytes.Repeat([]byte("局机关2026年意识形态工作要点"), 2<<20/40)
	at := time.Date(2026, 11, 27, 9, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	return []CompilationRecord{
		{ID: "c-seed", Title: "局机关2026年意识形态工作要点材料汇编(9篇)", SourceName: "compilation.txt", SourceHash: "sha256:aa", ImportedAt: at, Data: big},
		{ID: "a-small", Title: "小", SourceName: "a.txt", SourceHash: "sha256:bb", ImportedAt: at.Add(time.Hour), Data: []byte(`{"documents":[]}`)},
		{ID: "b-empty", Title: "空数据", SourceName: "b.txt", SourceHash: "", ImportedAt: at, Data: []byte{}},
	}
}

func TestLibraryRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "library.db") // parent does not exist yet
	lib, err := OpenLibrary(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords()
	for _, r := range recs {
		if err := lib.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	check := func(lib *Library, want []CompilationRecord) {
		t.Helper()
		for _, w := range want {
			got, err := lib.Get(w.ID)
			if err != nil {
				t.Fatalf("Get(%s): %v", w.ID, err)
			}
			if got.Title != w.Title || got.SourceName != w.SourceName || got.SourceHash != w.SourceHash || !got.ImportedAt.Equal(w.ImportedAt) {
				t.Errorf("Get(%s) metadata = %+v, want %+v", w.ID, got, w)
			}
			if !bytes.Equal(got.Data, w.Data) || got.Data == nil {
				t.Errorf("Get(%s) data: %d bytes, want %d", w.ID, len(got.Data), len(w.Data))
			}
		}
		list, err := lib.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(want) {
			t.Fatalf("List: %d records, want %d", len(list), len(want))
		}
		for i := 1; i < len(list); i++ {
			if list[i-1].ID >= list[i].ID {
				t.Errorf("List not in ID order: %s before %s", list[i-1].ID, list[i].ID)
			}
		}
		for _, r := range list {
			if r.Data != nil {
				t.Errorf("List returned data for %s", r.ID)
			}
		}
	}
	check(lib, recs)

	// Data returned by Get must not alias the memory map: it stays intact
	// after later writes and after Close.
	got, _ := lib.Get("a-small")
	if err := lib.Put(CompilationRecord{ID: "a-small", Title: "替换", Data: []byte("XXXXXXXXXXXXXXXX")}); err != nil {
		t.Fatal(err)
	}
	if err := lib.Put(recs[1]); err != nil {
		t.Fatal(err)
	}

	if err := lib.Delete("b-empty"); err != nil {
		t.Fatal(err)
	}
	if err := lib.Delete("never-there"); err != nil {
		t.Errorf("Delete of a missing ID: %v", err)
	}
	if _, err := lib.Get("b-empty"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if err := lib.Put(CompilationRecord{}); err == nil {
		t.Error("Put with an empty ID succeeded")
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if string(got.Data) != string(recs[1].Data) {
		t.Errorf("data copied out of a transaction changed: %q", got.Data)
	}

	lib, err = OpenLibrary(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	check(lib, recs[:2])
}

// TestLibraryPutIsOneTransaction fails Put after the metadata is written and
// before the data is: neither half may be visible, and the old record must
// survive intact.
func TestLibraryPutIsOneTransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	lib, err := OpenLibrary(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	old := CompilationRecord{ID: "c1", Title: "旧标题", SourceHash: "h1", Data: []byte("old data")}
	if err := lib.Put(old); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	lib.beforeData = func() error { return boom }
	for _, rec := range []CompilationRecord{
		{ID: "c1", Title: "新标题", SourceHash: "h2", Data: []byte("new data")},
		{ID: "c2", Title: "另一部", Data: []byte("x")},
	} {
		if err := lib.Put(rec); !errors.Is(err, boom) {
			t.Fatalf("Put(%s) = %v, want the injected error", rec.ID, err)
		}
	}
	lib.beforeData = nil

	got, err := lib.Get("c1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != old.Title || got.SourceHash != old.SourceHash || string(got.Data) != string(old.Data) {
		t.Errorf("after a failed Put: %+v, want the old record", got)
	}
	if _, err := lib.Get("c2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("half-written c2 visible: %v", err)
	}
	list, _ := lib.List()
	if len(list) != 1 {
		t.Errorf("List has %d records after failed Puts, want 1", len(list))
	}
}

func TestLibrarySchema(t *testing.T) {
	tests := []struct {
		name       string
		setup      func(t *testing.T, path string) // nil: no file
		migrations []Migration
		wantErr    error // nil: open must succeed
		wantSchema string
		check      func(t *testing.T, lib *Library)
	}{
		{name: "new file records the version", wantSchema: "1"},
		{
			name:    "newer schema is rejected",
			setup:   func(t *testing.T, p string) { writeRaw(t, p, "2", nil) },
			wantErr: ErrSchemaTooNew, wantSchema: "2",
		},
		{
			name: "older schema runs the migration table",
			setup: func(t *testing.T, p string) {
				writeRaw(t, p, "0", map[string]map[string]string{"old-records": {"c1": "v0 payload"}})
			},
			migrations: []Migration{{From: 0, Apply: func(tx Tx) error {
				old, err := tx.Get("old-records", "c1")
				if err != nil {
					return err
				}
				meta := `{"id":"c1","title":"迁移后"}`
				if err := tx.Put(compilationsBucket, "c1", []byte(meta)); err != nil {
					return err
				}
				if err := tx.Put(dataBucket, "c1", old); err != nil {
					return err
				}
				return tx.DeleteBucket("old-records")
			}}},
			wantSchema: "1",
			check: func(t *testing.T, lib *Library) {
				rec, err := lib.Get("c1")
				if err != nil || rec.Title != "迁移后" || string(rec.Data) != "v0 payload" {
					t.Errorf("migrated record = %+v, %v", rec, err)
				}
			},
		},
		{
			name:       "older schema without a migration is refused and untouched",
			setup:      func(t *testing.T, p string) { writeRaw(t, p, "0", map[string]map[string]string{"x": {"k": "v"}}) },
			migrations: []Migration{},
			wantErr:    errAny, wantSchema: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			var before []byte
			if tt.setup != nil {
				tt.setup(t, path)
				before = mustRead(t, path)
			}
			lib, err := OpenLibrary(path, Options{migrations: tt.migrations})
			if tt.wantErr != nil {
				if err == nil {
					lib.Close()
					t.Fatal("open succeeded")
				}
				if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error does not name the file: %v", err)
				}
				sameBytes(t, "rejected file", mustRead(t, path), before)
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if tt.check != nil {
					tt.check(t, lib)
				}
				lib.Close()
			}
			if got := rawSchema(t, path); got != tt.wantSchema {
				t.Errorf("schema = %q, want %q", got, tt.wantSchema)
			}
		})
	}
}

// errAny marks a test case that expects some error.
var errAny = errors.New("any error")

func TestLibraryCorrupt(t *testing.T) {
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			lib, err := OpenLibrary(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 60 {
				r := CompilationRecord{ID: fmt.Sprintf("c%03d", i), Title: "汇编", Data: bytes.Repeat([]byte{byte(i)}, 3000)}
				if err := lib.Put(r); err != nil {
					t.Fatal(err)
				}
			}
			lib.Close()
			c.apply(t, path)
			damaged := mustRead(t, path)

			if lib, err := OpenLibrary(path, Options{}); !errors.Is(err, ErrCorrupt) {
				if err == nil {
					lib.Close()
				}
				t.Fatalf("open of a corrupt library: err = %v, want ErrCorrupt", err)
			} else if !strings.Contains(err.Error(), path) {
				t.Errorf("error does not name the file: %v", err)
			}

			lib, err = OpenLibrary(path, Options{RebuildIfCorrupt: true})
			if err != nil {
				t.Fatalf("rebuild: %v", err)
			}
			defer lib.Close()
			moved := lib.MovedAside()
			if !strings.HasPrefix(filepath.Base(moved), "library.db.corrupt-") {
				t.Fatalf("MovedAside = %q", moved)
			}
			sameBytes(t, "moved-aside file", mustRead(t, moved), damaged)
			if list, err := lib.List(); err != nil || len(list) != 0 {
				t.Errorf("rebuilt library: %d records, %v", len(list), err)
			}
			if err := lib.Put(sampleRecords()[1]); err != nil {
				t.Errorf("Put into rebuilt library: %v", err)
			}
		})
	}
}

func TestLibraryReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	lib, err := OpenLibrary(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Put(sampleRecords()[1]); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	ro, err := OpenLibrary(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Get("a-small"); err != nil {
		t.Error(err)
	}
	if err := ro.Put(sampleRecords()[0]); err == nil {
		t.Error("Put on a read-only library succeeded")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
