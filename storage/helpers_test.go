package storage

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// corruption damages a closed bbolt file in place.
type corruption struct {
	name  string
	apply func(t *testing.T, path string)
}

var corruptions = []corruption{
	{"garbage over a live page in the middle", garbageLivePage},
	{"garbage over every page after the meta pages", garbageAllData},
	{"garbage over both meta pages", garbageMeta},
	{"truncated to half", func(t *testing.T, path string) { truncateTo(t, path, 0.5) }},
	{"truncated to one page", func(t *testing.T, path string) { truncateTo(t, path, -1) }},
	// Two pages keep both meta pages valid but cut off the freelist and
	// every data page: reading them through the memory map raises SIGBUS.
	{"truncated to the meta pages", func(t *testing.T, path string) { truncateTo(t, path, -2) }},
}

// livePages returns the ids of the leaf and branch pages in use, in file
// order, and the page size.
func livePages(t *testing.T, path string) ([]int, int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatalf("open %s for corruption: %v", path, err)
	}
	defer db.Close()
	var ids []int
	if err := db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil {
				return err
			}
			if info == nil {
				break
			}
			if info.Type == "leaf" || info.Type == "branch" {
				ids = append(ids, id)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatalf("%s has no live pages", path)
	}
	return ids, db.Info().PageSize
}

func overwrite(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := make([]byte, n)
	r := rand.New(rand.NewPCG(uint64(off), uint64(n)))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	if _, err := f.WriteAt(garbage, off); err != nil {
		t.Fatal(err)
	}
}

func garbageLivePage(t *testing.T, path string) {
	ids, ps := livePages(t, path)
	id := ids[len(ids)/2]
	overwrite(t, path, int64(id*ps), ps)
}

func garbageAllData(t *testing.T, path string) {
	_, ps := livePages(t, path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	overwrite(t, path, int64(2*ps), int(st.Size())-2*ps)
}

func garbageMeta(t *testing.T, path string) {
	_, ps := livePages(t, path)
	overwrite(t, path, 0, 2*ps)
}

// truncateTo cuts the file to frac of its length, or to -frac pages if frac
// is negative.
func truncateTo(t *testing.T, path string, frac float64) {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int64(-frac) * 4096
	if frac >= 0 {
		size = int64(float64(st.Size()) * frac)
	}
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

// rawSchema reads the schema version straight from a closed file.
func rawSchema(t *testing.T, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	_ = db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(metaBucket)); b != nil {
			v = string(b.Get([]byte(schemaKey)))
		}
		return nil
	})
	return v
}

// writeRaw creates a bbolt file with the given buckets and keys, and an
// optional schema version ("" writes no meta bucket, as in a v0 file).
func writeRaw(t *testing.T, path, schema string, data map[string]map[string]string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		if schema != "" {
			b, err := tx.CreateBucketIfNotExists([]byte(metaBucket))
			if err != nil {
				return err
			}
			if err := b.Put([]byte(schemaKey), []byte(schema)); err != nil {
				return err
			}
		}
		for name, kv := range data {
			b, err := tx.CreateBucketIfNotExists([]byte(name))
			if err != nil {
				return err
			}
			for k, v := range kv {
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes differ from the expected %d bytes", what, len(got), len(want))
	}
}

// backupFiles lists the backups in dir, oldest first.
func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, ok := parseBackupStamp(e.Name()); ok {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// rawValue reads one stored value (checksum included) from a closed file.
func rawValue(t *testing.T, path, bucket, key string) []byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v []byte
	_ = db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(bucket)); b != nil {
			v = bytes.Clone(b.Get([]byte(key)))
		}
		return nil
	})
	return v
}

// setRawValue overwrites one stored value byte for byte, checksum and all,
// as a disk error or a hand edit would.
func setRawValue(t *testing.T, path, bucket, key string, val []byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucket)).Put([]byte(key), val)
	}); err != nil {
		t.Fatal(err)
	}
}

// damageBackup flips bytes in the middle of a backup file.
func damageBackup(t *testing.T, path string) {
	t.Helper()
	if _, legacy, _ := parseBackupName(filepath.Base(path)); legacy {
		garbageLivePage(t, path)
		return
	}
	b := mustRead(t, path)
	for i := len(b) / 2; i < len(b)/2+16 && i < len(b); i++ {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
