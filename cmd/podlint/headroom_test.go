package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestKeepHeadroom: a live heap past half the soft limit podlint set
// raises the limit to twice the live heap, but not while preferHugePages
// holds its block; a limit podlint did not set is left alone.
func TestKeepHeadroom(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer memoryLimit.Store(memoryLimit.Load())

	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	memoryLimit.Store(0) // the user's GOMEMLIMIT
	before := debug.SetMemoryLimit(-1)
	runtime.GC()
	keepHeadroom()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("a limit podlint did not set changed from %d to %d", before, got)
	}

	memoryLimit.Store(64 << 20)
	debug.SetMemoryLimit(64 << 20)
	runtime.GC()
	// A block held only to advise it (preferHugePages) is no need of a
	// page: while one is held, the limit stays.
	holdingBlock.Store(true)
	keepHeadroom()
	holdingBlock.Store(false)
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("48 MB live while a block is held: the limit changed to %d", got)
	}
	keepHeadroom()
	if got := debug.SetMemoryLimit(-1); got < 96<<20 || memoryLimit.Load() != got {
		t.Errorf("48 MB live under a 64 MB limit: the limit is %d (%d recorded), want twice the live heap", got, memoryLimit.Load())
	}
	runtime.KeepAlive(live)
}

// TestAfterEachGC: the function runs after every collection, not once,
// even a collection that starts while it still runs (here it tells the
// test first, then takes its time, so the test's next collection starts
// before it returns).
func TestAfterEachGC(t *testing.T) {
	ran := make(chan struct{}, 1)
	afterEachGC(func() {
		select {
		case ran <- struct{}{}:
		default:
		}
		time.Sleep(50 * time.Millisecond)
	})
	for i := range 3 {
		runtime.GC()
		select {
		case <-ran:
		case <-time.After(10 * time.Second):
			t.Fatalf("collection %d: not called", i+1)
		}
	}
}
