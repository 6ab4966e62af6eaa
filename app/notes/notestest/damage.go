package notestest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"huibian/app/notes"
)

// DamageText changes one byte of the stored text of note id in the closed
// data directory dir, leaving the record's checksum as it was, and removes
// the backups, so that nothing can repair it: what a reader then meets is
// a text damaged beyond repair. The bucket is app/notes' notetexts
// (schema 3); a missing bucket or note is an error, so that a test using
// this fails if the layout changes under it.
func DamageText(dir, id string) error {
	if err := os.RemoveAll(filepath.Join(dir, "backups")); err != nil {
		return err
	}
	db, err := bolt.Open(filepath.Join(dir, notes.FileName), 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("notetexts"))
		if b == nil {
			return fmt.Errorf("%s: no bucket notetexts", dir)
		}
		v := bytes.Clone(b.Get([]byte(id)))
		if len(v) == 0 {
			return fmt.Errorf("%s: no stored text for note %s", dir, id)
		}
		v[0] ^= 1
		return b.Put([]byte(id), v)
	})
}
