//go:build !perf

package ui

// Without the perf build tag the window has no instrumentation: see perf.go.

// perfHook does nothing without -tags perf.
func perfHook(*Window) func() { return nil }

// perfProfile does nothing without -tags perf.
func perfProfile() func() { return nil }
