package ui

import (
	"sync"
	"time"
)

// writeOp is one write to the user-data file.
type writeOp struct {
	key string // a pending op with the same non-empty key is replaced
	fn  func() error
}

// userWriter runs writes to the user-data file one at a time, in order,
// on its own goroutine: each commit fsyncs, which must not stall the UI.
type userWriter struct {
	mu     sync.Mutex
	cond   *sync.Cond
	queue  []writeOp
	busy   bool
	closed bool
	done   chan struct{}
	report func(error) // called on the writer goroutine
}

func newUserWriter(report func(error)) *userWriter {
	uw := &userWriter{done: make(chan struct{}), report: report}
	uw.cond = sync.NewCond(&uw.mu)
	go uw.run()
	return uw
}

// submit queues op; it never blocks on the disk. It returns false once
// the writer is closed.
func (uw *userWriter) submit(op writeOp) bool {
	uw.mu.Lock()
	defer uw.mu.Unlock()
	if uw.closed {
		return false
	}
	replaced := false
	if op.key != "" {
		for i := range uw.queue {
			if uw.queue[i].key == op.key {
				uw.queue[i], replaced = op, true
				break
			}
		}
	}
	if !replaced {
		uw.queue = append(uw.queue, op)
	}
	uw.cond.Broadcast()
	return true
}

func (uw *userWriter) run() {
	defer close(uw.done)
	for {
		uw.mu.Lock()
		for len(uw.queue) == 0 && !uw.closed {
			uw.cond.Wait()
		}
		if len(uw.queue) == 0 {
			uw.mu.Unlock()
			return
		}
		op := uw.queue[0]
		uw.queue = uw.queue[1:]
		uw.busy = true
		uw.mu.Unlock()

		err := op.fn()

		uw.mu.Lock()
		uw.busy = false
		uw.cond.Broadcast()
		uw.mu.Unlock()
		if err != nil && uw.report != nil {
			uw.report(err)
		}
	}
}

// flush waits until every queued write is done, or timeout; it reports
// whether everything was written.
func (uw *userWriter) flush(timeout time.Duration) bool {
	idle := make(chan struct{})
	go func() {
		uw.mu.Lock()
		for (len(uw.queue) > 0 || uw.busy) && !uw.closed {
			uw.cond.Wait()
		}
		uw.mu.Unlock()
		close(idle)
	}()
	select {
	case <-idle:
		return true
	case <-uw.done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// close writes what is queued and stops the goroutine, waiting at most
// timeout.
func (uw *userWriter) close(timeout time.Duration) bool {
	uw.mu.Lock()
	uw.closed = true
	uw.cond.Broadcast()
	uw.mu.Unlock()
	select {
	case <-uw.done:
		return true
	case <-time.After(timeout):
		return false
	}
}
