package instance

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHandOff(t *testing.T) {
	dir := t.TempDir()
	// No window runs: the second start must start its own.
	took, err := HandOff(dir, "")
	if took || err != nil {
		t.Fatalf("HandOff with no window = %v, %v; want false, nil", took, err)
	}

	var mu sync.Mutex
	var got []Request
	srv, err := Listen(dir, WindowSocket, func(r Request) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r)
		if r.Op == "open" && strings.HasSuffix(r.Path, "bad.txt") {
			return errors.New("文件 bad.txt 不是公文汇编")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if filepath.Dir(srv.Path()) != dir {
		t.Errorf("socket %s is not in the data directory", srv.Path())
	}
	if st, err := os.Stat(srv.Path()); err != nil || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("socket file: %v, %v", st, err)
	}

	// A second window cannot serve the same directory.
	if _, err := Listen(dir, WindowSocket, func(Request) error { return nil }); !errors.Is(err, ErrRunning) {
		t.Errorf("second Listen: %v, want ErrRunning", err)
	}

	cwd, _ := os.Getwd()
	took, err = HandOff(dir, "汇编.txt")
	if !took || err != nil {
		t.Fatalf("HandOff to the running window = %v, %v", took, err)
	}
	took, err = HandOff(dir, "bad.txt")
	if !took || err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("HandOff of a bad file = %v, %v; want the window's error", took, err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []Request{{Op: "activate"}, {Op: "open", Path: filepath.Join(cwd, "汇编.txt")}, {Op: "activate"}, {Op: "open", Path: filepath.Join(cwd, "bad.txt")}}
	if len(got) != len(want) {
		t.Fatalf("window got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestStaleSocket: a socket file left by a process that died is replaced.
func TestStaleSocket(t *testing.T) {
	dir := t.TempDir()
	path, _ := SocketPath(dir, WindowSocket)
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close() // the file stays, nobody listens
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("stale socket file missing: %v", err)
	}
	srv, err := Listen(dir, WindowSocket, func(Request) error { return nil })
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	defer srv.Close()
	if err := Call(dir, WindowSocket, Request{Op: "activate"}, time.Second); err != nil {
		t.Errorf("Call: %v", err)
	}
}

// TestLongDirectory: a data directory whose socket path is too long for a
// socket address gets a private socket elsewhere, still found by Call.
func TestLongDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), strings.Repeat("很长的目录名", 8))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	srv, err := Listen(dir, DataSocket, func(Request) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if len(srv.Path()) > maxSocketPath {
		t.Errorf("socket path %d bytes long", len(srv.Path()))
	}
	if err := Call(dir, DataSocket, Request{Op: "snapshot"}, time.Second); err != nil {
		t.Errorf("Call: %v", err)
	}
	st, err := os.Stat(filepath.Dir(srv.Path()))
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("private socket directory: %v, %v", st.Mode(), err)
	}
}
