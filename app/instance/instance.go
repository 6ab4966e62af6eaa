// Package instance lets processes of the reader that share a data
// directory talk to each other through a local socket in that directory:
// a second start of the window hands its command line to the running
// window, and a reader of the user data asks the process that holds its
// write lock for a consistent snapshot.
//
// Only Unix-domain sockets are used (AF_UNIX, on Windows 10 and later
// too): no network address is ever opened. The socket lives in the data
// directory, which is the user's own (mode 0700), so other users cannot
// connect. When the directory's path is too long for a socket address,
// the socket goes to a private directory under the system's temporary
// directory instead, named after the data directory.
//
// The protocol is one JSON request and one JSON reply per connection.
package instance

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Socket names inside the data directory.
const (
	// WindowSocket is served by the running window.
	WindowSocket = "window.sock"
	// DataSocket is served by the process that has userdata.db open for
	// writing.
	DataSocket = "userdata.sock"
)

// maxSocketPath is the longest socket path used as is. sockaddr_un holds
// 108 bytes on Linux and Windows, 104 on macOS, including the final NUL.
const maxSocketPath = 100

// ErrNotRunning means no process answers on the socket.
var ErrNotRunning = errors.New("没有正在运行的汇编阅读器")

// Request is what a client asks.
type Request struct {
	// Op is "activate" (bring the window to the front), "open" (import
	// Path), "snapshot" (write a snapshot of the user data to Path) or
	// "ping".
	Op   string `json:"op"`
	Path string `json:"path,omitempty"`
}

// Reply is the answer.
type Reply struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// Handler answers requests. It runs on a goroutine of the server; a window
// must move UI work to its UI goroutine (fyne.Do).
type Handler func(Request) error

// SocketPath returns where the socket called name for data directory dir
// lives.
func SocketPath(dir, name string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	p := filepath.Join(abs, name)
	if len(p) <= maxSocketPath {
		return p, nil
	}
	sum := sha256.Sum256([]byte(p))
	priv := filepath.Join(os.TempDir(), "huibian-"+strconv.Itoa(os.Getuid()))
	if err := os.MkdirAll(priv, 0o700); err != nil {
		return "", fmt.Errorf("创建套接字目录 %s: %w", priv, err)
	}
	if err := os.Chmod(priv, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(priv, hex.EncodeToString(sum[:8])+".sock"), nil
}

// Server answers on one socket until Close.
type Server struct {
	ln   net.Listener
	path string
	wg   sync.WaitGroup
}

// Listen serves h on the socket called name in dir. If another live
// process already serves it, the error wraps ErrRunning; a socket file
// left by a process that died is replaced.
func Listen(dir, name string, h Handler) (*Server, error) {
	path, err := SocketPath(dir, name)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		// A socket file is there: is anyone answering?
		if _, statErr := os.Lstat(path); statErr != nil {
			return nil, fmt.Errorf("监听 %s: %w", path, err)
		}
		if Call(dir, name, Request{Op: "ping"}, 500*time.Millisecond) == nil {
			return nil, fmt.Errorf("监听 %s: %w", path, ErrRunning)
		}
		if rerr := os.Remove(path); rerr != nil {
			return nil, fmt.Errorf("监听 %s: 无法删除残留的套接字：%w", path, rerr)
		}
		if ln, err = net.Listen("unix", path); err != nil {
			return nil, fmt.Errorf("监听 %s: %w", path, err)
		}
	}
	_ = os.Chmod(path, 0o600)
	s := &Server{ln: ln, path: path}
	s.wg.Add(1)
	go s.serve(h)
	return s, nil
}

// ErrRunning means another process already serves the socket.
var ErrRunning = errors.New("另一个汇编阅读器进程已在运行")

func (s *Server) serve(h Handler) {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(time.Minute))
			var req Request
			if err := json.NewDecoder(bufio.NewReader(conn)).Decode(&req); err != nil {
				return
			}
			rep := Reply{OK: true}
			if req.Op != "ping" {
				if err := h(req); err != nil {
					rep = Reply{Error: err.Error()}
				}
			}
			_ = json.NewEncoder(conn).Encode(rep)
		}()
	}
}

// Path is the socket's path.
func (s *Server) Path() string { return s.path }

// Close stops serving, waits for requests in progress and removes the
// socket file.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	_ = os.Remove(s.path) // net's unlink-on-close may already have done it
	return err
}

// Call sends req to the process serving the socket called name in dir
// and waits up to timeout for its reply. It returns ErrNotRunning (wrapped)
// when nobody answers, and the handler's error otherwise.
func Call(dir, name string, req Request, timeout time.Duration) error {
	path, err := SocketPath(dir, name)
	if err != nil {
		return err
	}
	conn, err := net.DialTimeout("unix", path, timeout)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotRunning, err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if err := json.NewEncoder(conn).Encode(req); err != nil {
		return fmt.Errorf("%w: %v", ErrNotRunning, err)
	}
	var rep Reply
	if err := json.NewDecoder(bufio.NewReader(conn)).Decode(&rep); err != nil {
		return fmt.Errorf("%w: 没有回应：%v", ErrNotRunning, err)
	}
	if !rep.OK {
		return errors.New(rep.Error)
	}
	return nil
}

// HandOff gives a second start of the window to the running one: it asks
// the window to come to the front and, if file is not "", to import it.
// It returns true when a running window took over, and false when none
// runs (the caller then starts its own window).
func HandOff(dir, file string) (bool, error) {
	if err := Call(dir, WindowSocket, Request{Op: "activate"}, 2*time.Second); err != nil {
		if errors.Is(err, ErrNotRunning) {
			return false, nil
		}
		return false, err
	}
	if file == "" {
		return true, nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return true, err
	}
	// Importing a large file takes a while: wait longer for the answer.
	return true, Call(dir, WindowSocket, Request{Op: "open", Path: abs}, time.Minute)
}
