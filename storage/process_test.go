package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The tests in this file run a second process: the test binary itself,
// re-executed with -test.run=^TestHelperProcess$ and helperEnv naming what
// the child should do. A lock held by the same process would not prove
// anything across processes, and a SIGKILL is only honest on another
// process.
const (
	helperEnv     = "HUIBIAN_STORAGE_HELPER"
	helperPathEnv = "HUIBIAN_STORAGE_PATH"
	helperArgEnv  = "HUIBIAN_STORAGE_ARG"
)

// TestHelperProcess is not a test: it is the body of the child process.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process only")
	}
	path, arg := os.Getenv(helperPathEnv), os.Getenv(helperArgEnv)
	switch mode {
	case "open-library", "open-user":
		start := time.Now()
		var err error
		if mode == "open-library" {
			var l *Library
			if l, err = OpenLibrary(path, Options{Timeout: 300 * time.Millisecond}); err == nil {
				l.Close()
			}
		} else {
			var s *UserStore
			if s, _, err = OpenUserStore(path, UserOptions{Timeout: 300 * time.Millisecond}); err == nil {
				s.Close()
			}
		}
		fmt.Printf("locked=%t ms=%d err=%v\n", errors.Is(err, ErrLocked), time.Since(start).Milliseconds(), err)
	case "writer":
		// Add notes forever, printing each key only after Update has
		// returned, that is after the commit's fsync. A frequent backup
		// schedule makes some kills land in the middle of a backup.
		s, rec, err := OpenUserStore(path, UserOptions{Timeout: 5 * time.Second, BackupEvery: 10})
		if err != nil || rec != nil {
			fmt.Fprintf(os.Stderr, "open: %v, recovery %v\n", err, rec)
			os.Exit(2)
		}
		deadline := time.Now().Add(15 * time.Second) // never outlive a dead parent for long
		for i := 0; time.Now().Before(deadline); i++ {
			key := fmt.Sprintf("%s-%06d", arg, i)
			err := s.Update(func(tx Tx) error {
				if err := tx.Put("notes", key, []byte(`{"text":"`+strings.Repeat("笔记", 50)+`"}`)); err != nil {
					return err
				}
				return tx.Put("index", key, []byte(key))
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
			// One write(2) per line, so a kill cannot split a line.
			if _, err := os.Stdout.WriteString(key + "\n"); err != nil {
				os.Exit(4)
			}
		}
		os.Exit(5)
	default:
		t.Fatalf("unknown helper mode %q", mode)
	}
}

func helperCmd(ctx context.Context, mode, path, arg string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperPathEnv+"="+path, helperArgEnv+"="+arg)
	return cmd
}

// TestLockedInAnotherProcess holds each store open here and checks that a
// second process gets ErrLocked, with a Chinese message naming the file,
// soon after its timeout instead of waiting forever.
func TestLockedInAnotherProcess(t *testing.T) {
	tests := []struct {
		mode string
		open func(path string) (io.Closer, error)
	}{
		{"open-library", func(p string) (io.Closer, error) { return OpenLibrary(p, Options{}) }},
		{"open-user", func(p string) (io.Closer, error) {
			s, _, err := OpenUserStore(p, UserOptions{})
			return s, err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			held, err := tt.open(path)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			start := time.Now()
			out, err := helperCmd(ctx, tt.mode, path, "").Output()
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("second process: %v (after %v)\n%s", err, elapsed, out)
			}
			line := string(out)
			if !strings.HasPrefix(line, "locked=true ") {
				t.Fatalf("second process did not get ErrLocked: %s", line)
			}
			if !strings.Contains(line, "另一个汇编阅读器进程") || !strings.Contains(line, path) {
				t.Errorf("message must be Chinese and name the file: %s", line)
			}
			ms, _ := strconv.Atoi(strings.Fields(strings.TrimPrefix(line, "locked=true ms="))[0])
			if ms < 250 || ms > 3000 {
				t.Errorf("gave up after %d ms, want about the 300 ms timeout", ms)
			}

			// Once released, the other process gets in.
			held.Close()
			out, err = helperCmd(ctx, tt.mode, path, "").Output()
			if err != nil || !strings.HasPrefix(string(out), "locked=false ") || !strings.Contains(string(out), "err=<nil>") {
				t.Errorf("after release: %v %s", err, out)
			}
		})
	}
}

// TestKillDuringWrites kills a writing child with SIGKILL at random moments,
// over and over, and checks after each kill that the file reopens without
// recovery and holds every key the child acknowledged, each with both of
// the records its Update wrote.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped in -short mode")
	}
	const rounds = 20
	dir := t.TempDir()
	path := filepath.Join(dir, "userdata.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var acked []string
	killedEarly := 0
	for round := range rounds {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := helperCmd(ctx, "writer", path, fmt.Sprintf("r%02d", round))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<16)
		go func() {
			defer close(lines)
			r := bufio.NewReader(stdout)
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return // a line without its newline was never acknowledged
				}
				lines <- strings.TrimSuffix(l, "\n")
			}
		}()

		// Every fourth round kills blind, possibly during open, the
		// start-up backup or the first commit; the others kill at a
		// random moment after the first acknowledged write.
		var got []string
		if rng.IntN(4) == 0 {
			killedEarly++
			time.Sleep(time.Duration(rng.IntN(80)) * time.Millisecond)
		} else {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: child exited before writing: %s", round, stderr.String())
				}
				got = append(got, l)
			case <-time.After(10 * time.Second):
				t.Fatalf("round %d: no write acknowledged in 10 s", round)
			}
			time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
			t.Fatal(err)
		}
		for l := range lines {
			got = append(got, l)
		}
		werr := cmd.Wait()
		cancel()
		if !strings.Contains(fmt.Sprint(werr), "killed") {
			t.Fatalf("round %d: child ended with %v, not by the kill: %s", round, werr, stderr.String())
		}
		acked = append(acked, got...)

		s, rec, err := OpenUserStore(path, UserOptions{})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		if rec != nil {
			t.Fatalf("round %d: reopen needed recovery: %s", round, rec)
		}
		notes := map[string]bool{}
		index := map[string]bool{}
		_ = s.ForEach("notes", func(k string, _ []byte) error { notes[k] = true; return nil })
		_ = s.ForEach("index", func(k string, _ []byte) error { index[k] = true; return nil })
		s.Close()
		for _, k := range acked {
			if !notes[k] || !index[k] {
				t.Fatalf("round %d: acknowledged key %s lost (note %t, index %t)", round, k, notes[k], index[k])
			}
		}
		if len(notes) != len(index) {
			t.Fatalf("round %d: %d notes but %d index entries: an Update was half-applied", round, len(notes), len(index))
		}
		for k := range notes {
			if !index[k] {
				t.Fatalf("round %d: note %s without its index entry", round, k)
			}
		}
	}
	t.Logf("%d rounds (%d killed blind), %d acknowledged writes, all present", rounds, killedEarly, len(acked))
	if len(acked) < rounds {
		t.Errorf("only %d writes acknowledged in %d rounds: the test exercised too little", len(acked), rounds)
	}
}
