package notes

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/storage"
)

// childEnv names the data directory for TestKillChild when the test binary
// runs as the child process.
const childEnv = "HUIBIAN_NOTES_KILL_CHILD"

// TestKillChild is the child side of TestSIGKILLLosesNoAcknowledgedNote: it
// adds notes through the service as fast as it can and prints each ID once
// AddNote has returned (that is, once the note is committed).
func TestKillChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("child process only")
	}
	lib, err := library.Open(dir, library.Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	c, err := lib.Builtin()
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	svc, err := Open(dir, lib, Options{Timeout: 5 * time.Second, Store: storeOptsForKill()})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	if svc.Recovery != nil {
		fmt.Println("RECOVERED", svc.Recovery)
	}
	fmt.Printf("READY %d\n", svc.NoteCount())
	items := c.Items()
	for i := 0; ; i++ {
		n := items[i%len(items)]
		note, err := svc.AddNote(c, n, NoteInput{Text: fmt.Sprintf("第 %d 条笔记:%s", i, strings.Repeat("字", i%300)), Color: colorOrder[i%5]})
		if err != nil {
			fmt.Println("ERROR", err)
			os.Exit(3)
		}
		fmt.Println("ACK", note.ID)
	}
}

// storeOptsForKill makes backups frequent, so that kills also land inside
// backup writes.
func storeOptsForKill() storage.UserOptions {
	return storage.UserOptions{BackupEvery: 7}
}

// TestSIGKILLLosesNoAcknowledgedNote kills a child process that is adding
// notes, over and over, and checks that the file always reopens without
// recovery and that every acknowledged note is there.
func TestSIGKILLLosesNoAcknowledgedNote(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	rounds := 12
	acked := map[string]bool{}
	rng := rand.New(rand.NewPCG(1, 2))
	for r := 0; r < rounds; r++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it run for a while once it is ready, then kill it.
		var kill <-chan time.Time
		ready, n := false, 0
		for l := range lines {
			switch {
			case strings.HasPrefix(l, "READY"):
				ready = true
				var count int
				fmt.Sscanf(l, "READY %d", &count)
				if count < len(acked) {
					t.Fatalf("round %d: reopened with %d notes, %d were acknowledged", r, count, len(acked))
				}
				kill = time.After(time.Duration(20+rng.IntN(200)) * time.Millisecond)
			case strings.HasPrefix(l, "RECOVERED"):
				t.Errorf("round %d: the file needed recovery: %s", r, l)
			case strings.HasPrefix(l, "ERROR"):
				t.Fatalf("round %d: child: %s", r, l)
			case strings.HasPrefix(l, "ACK "):
				acked[strings.TrimPrefix(l, "ACK ")] = true
				n++
			}
			if kill != nil {
				select {
				case <-kill:
					_ = cmd.Process.Signal(syscall.SIGKILL)
					kill = nil
				default:
				}
			}
		}
		_ = cmd.Wait()
		if !ready {
			t.Fatalf("round %d: child never opened the file", r)
		}
		t.Logf("round %d: %d notes acknowledged before SIGKILL", r, n)
	}
	if len(acked) == 0 {
		t.Fatal("no notes were acknowledged")
	}
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	svc, err := Open(dir, lib, Options{})
	if err != nil {
		t.Fatalf("final open: %v", err)
	}
	defer svc.Close()
	if svc.Recovery != nil {
		t.Errorf("final open needed recovery: %s", svc.Recovery)
	}
	missing := 0
	for id := range acked {
		if _, err := svc.Note(id); err != nil {
			missing++
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged notes lost", missing, len(acked))
	}
	t.Logf("%d acknowledged notes, all present (%d in the file)", len(acked), svc.NoteCount())
}
