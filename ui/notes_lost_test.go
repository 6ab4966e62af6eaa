package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"huibian/app/notes"
)

// TestPanelTellsOfALostText: the notes' texts are read when the panel
// shows them, not when the window opens; a text damaged with no backup to
// repair it from is then reported in a dialog, and its note listed as
// having lost its text.
func TestPanelTellsOfALostText(t *testing.T) {
	dir := t.TempDir()
	c := seedCompilation(t)
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n11, _ := c.ResolveString("1.1")
	n12, _ := c.ResolveString("1.2")
	lost, err := svc.AddNote(c, n11, notes.NoteInput{Text: "会被改坏的正文"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddNote(c, n12, notes.NoteInput{Text: "完好的正文"}); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	os.RemoveAll(filepath.Join(dir, "backups"))
	db, err := bolt.Open(filepath.Join(dir, notes.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("notetexts"))
		v := bytes.Clone(b.Get([]byte(lost.ID)))
		v[0] ^= 1
		return b.Put([]byte(lost.ID), v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	w, u := newNotesWindow(t, dir)
	if shown := overlayLabels(w); shown != "" {
		t.Fatalf("a dialog before the texts were read:\n%s", shown)
	}
	action(t, w, actNotesPanel)
	var got []string
	for _, n := range u.notesPanel.shown {
		got = append(got, n.Address+"/"+n.Text+"/"+map[bool]string{true: "缺", false: "全"}[n.TextMissing()])
	}
	if want := "1.1//缺 1.2/完好的正文/全"; strings.Join(got, " ") != want {
		t.Errorf("panel rows = %q, want %q", strings.Join(got, " "), want)
	}
	if shown := overlayLabels(w); !strings.Contains(shown, "笔记 "+lost.ID+" 的正文已损坏") {
		t.Errorf("no dialog about the damaged text:\n%s", shown)
	}
}
