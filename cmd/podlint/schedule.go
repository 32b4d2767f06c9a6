package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/podlint/podlint/schema"
)

// The scheduler: every command's files, loaded and worked on in parallel,
// committed in order.

// hugePagesFrom is the fewest bytes a run reads (as bytesToRead tells)
// for it to ask for huge pages when podlint sets the heap's limit (see
// preferHugePages). Asking costs a few milliseconds, a collection among
// them, which a run wins back once its heap grows by a few megabytes: it
// allocates about three times what it reads.
const hugePagesFrom = 2 << 20

// manyFiles is the most files a run finds before it asks for huge pages,
// whatever their size: a page's check allocates a few kilobytes however
// small the page (2.6 KB for one of 106 bytes), so 1,000 of them grow the
// heap by megabytes. The run asks as collect finds that many, not once it
// has them all (a folder of many, once that many of its entries are read):
// what the walk and the process's start allocated before asking (7 MB for
// 10,000 files) is memory touched a 4 KiB page at a time.
const manyFiles = 1000

// hugeBlock is the size of the block preferHugePages advises: three
// quarters of the soft heap limit, which with the heap in use stays under
// it. A block as big as the limit put the run over it once freed, and the
// runtime then handed memory back to the system, some of it pages the run
// had touched and touched again (a fault each): 250 files of 200 bytes,
// asking, took 1.15 times as long as without; with this block, 1.09.
const hugeBlock = baseMemoryLimit / 4 * 3

// bytesToRead guesses the bytes a run will read: the mean size of up to 16
// of its files, spread over the list, times their number. A file from
// standard input, or one that cannot be read, counts for nothing.
func bytesToRead(inputs []input) int64 {
	step := max(1, (len(inputs)+15)/16)
	var sum int64
	sampled := 0
	for i := 0; i < len(inputs); i += step {
		sampled++
		if in := inputs[i]; !in.stdin && in.skip == "" {
			if info, err := os.Stat(in.path); err == nil && info.Mode().IsRegular() {
				sum += info.Size()
			}
		}
	}
	if sampled == 0 {
		return 0
	}
	return sum / int64(sampled) * int64(len(inputs))
}

// eachInput collects the inputs, finds each one's settings, then loads and
// works on them in parallel (opts.jobs workers). work runs on a worker and
// returns a commit function; commits run one at a time, in input order, so
// that output is deterministic. At most a few results per worker wait for
// their turn, so memory does not grow with the number of files. Input and
// config errors go into rep; a usage error ends the run.
func eachInput(args []string, opts lintOptions, rep *report, work func(input, []byte, fileStamp, *settings) func()) error {
	// preferHugePages asks once at most: once a collection has run, it
	// does nothing.
	askHuge := func() {
		if memoryLimit.Load() != 0 {
			preferHugePages(hugeBlock)
		}
	}
	inputs, errs := collect(args, opts.stdinFor, opts.resolver, askHuge)
	rep.errors = append(rep.errors, errs...)
	reported := map[string]bool{}
	sets := make([]*settings, len(inputs))
	for i, in := range inputs {
		st, err := opts.resolver.settingsOf(in)
		if err != nil {
			if isUsage(err) {
				return err
			}
			if !reported[err.Error()] {
				reported[err.Error()] = true
				ie := inputError{path: "config", msg: err.Error()}
				var ce *configError
				if errors.As(err, &ce) {
					ie = inputError{path: ce.path, pos: ce.pos, msg: ce.msg}
				}
				rep.errors = append(rep.errors, ie)
			}
			continue
		}
		sets[i] = st
	}
	if len(inputs) < manyFiles && bytesToRead(inputs) >= hugePagesFrom {
		askHuge() // few files, but large ones
	}
	jobs := opts.jobs
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	// Workers claim files by number and commit in order themselves: the
	// worker that finishes the next file to commit commits it and every
	// finished one after it. No channel carries a file, so the only cost
	// per file is an uncontended lock (channel handoffs woke a goroutine
	// per file). At most a few results per worker wait for their turn: a
	// worker does not claim a file further ahead than the window.
	window := 4 * jobs
	var (
		mu      sync.Mutex
		moved   = sync.NewCond(&mu) // next advanced
		next    int                 // the next file to commit
		commits = make([]func(), len(inputs))
		ready   = make([]bool, len(inputs))
		claimed atomic.Int64
		wg      sync.WaitGroup
	)
	bar := newProgress(opts.stderr, len(inputs))
	skipped := map[string][]string{} // by reason; commits fill it, in order
	process := func(i int, spare *[]byte) (commit func()) {
		in, st := inputs[i], sets[i]
		if st == nil {
			return nil
		}
		if in.skip != "" {
			return func() { skipped[in.skip] = append(skipped[in.skip], in.path) }
		}
		// A panic on one file must not end the run in silence or let the
		// summary be printed as though the file were clean: it becomes an
		// internal error of that file (exit 2) and the other files go on.
		defer func() {
			if p := recover(); p != nil {
				commit = crashCommit(rep, in.path, p, debug.Stack())
			}
		}()
		if testHookProcess != nil {
			testHookProcess(in.path)
		}
		if opts.shortcut != nil {
			if commit, ok := opts.shortcut(in, st); ok {
				return commit
			}
		}
		var buf []byte
		if opts.reuseReads {
			buf = *spare
		}
		src, stamp, ierr := load(in, opts.stdin, st.maxSize, buf)
		if ierr != nil {
			return func() { rep.errors = append(rep.errors, *ierr) }
		}
		if opts.reuseReads && !in.stdin {
			if cap(src) > cap(buf) && cap(src) <= maxSpare {
				*spare = src[:0] // the next file is read here, once work is done
			}
			if testHookReleased != nil {
				defer testHookReleased(src)
			}
		}
		roomFor(len(src))
		if in.stdin && opts.stdinFor == "" && schema.StartsLikeJSON(src) {
			in.path = stdinJSONName // no name to say its form: its first byte says it
		}
		if why := notEpisode(in.path, src); why != "" && (in.walked || opts.namedEpisodesOnly && !in.stdin) {
			// A README, a package.json: passed over, and said so.
			return func() { skipped[why] = append(skipped[why], in.path) }
		}
		return work(in, src, stamp, st)
	}
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var spare []byte // this worker's read buffer (opts.reuseReads)
			for {
				i := int(claimed.Add(1) - 1)
				if i >= len(inputs) {
					return
				}
				mu.Lock()
				for i >= next+window {
					moved.Wait()
				}
				mu.Unlock()
				commit := process(i, &spare)
				mu.Lock()
				commits[i], ready[i] = commit, true
				advanced := false
				for next < len(inputs) && ready[next] {
					if c := commits[next]; c != nil {
						commits[next] = nil
						safeCommit(rep, inputs[next].path, c)
					}
					next++
					advanced = true
					bar.step(next)
				}
				if advanced {
					moved.Broadcast()
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	bar.done()
	if opts.stderr != nil {
		noteSkipped(opts.stderr, skipped)
	}
	noteSilenced(opts.stderr, inputs, sets)
	return nil
}

// noteSilenced says why files were checked by no rule: a run that reports
// nothing because every rule is off says so.
func noteSilenced(stderr io.Writer, inputs []input, sets []*settings) {
	var files []string
	by := map[string]bool{}
	for i, st := range sets {
		if st != nil && st.silenced != "" {
			files = append(files, inputs[i].path)
			by[st.silenced] = true
		}
	}
	if len(files) == 0 || stderr == nil {
		return
	}
	reasons := make([]string, 0, len(by))
	for b := range by {
		reasons = append(reasons, b)
	}
	sort.Strings(reasons)
	fmt.Fprintf(stderr, "podlint: no rule ran on %d of %s (%s): every rule is turned off by %s\n",
		len(files), plural(len(inputs), "file"), visible(exampleList(files)), strings.Join(reasons, "; "))
}

// exampleList names the first few of many paths.
func exampleList(paths []string) string {
	const shown = 3
	if len(paths) <= shown {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:shown], ", ") + fmt.Sprintf(" and %d more", len(paths)-shown)
}

// maxSpare is the largest read buffer a worker keeps for the next file:
// a page of a few megabytes is read into a buffer of its own.
const maxSpare = 1 << 20

// testHookReleased, when set by a test, is given a file's bytes read for a
// reuseReads run once work is done with them (to spoil them).
var testHookReleased func(src []byte)

// testHookProcess, when set by a test, runs on a worker before each file
// is processed (to inject a panic).
var testHookProcess func(path string)

// crashCommit records a panic on path as an internal error of that file,
// with the stack, so that the run exits 2 and names the file.
func crashCommit(rep *report, path string, p any, stack []byte) func() {
	return func() {
		rep.crashed++
		rep.errors = append(rep.errors, inputError{path: path, msg: fmt.Sprintf("internal error: podlint panicked on this file (a bug in podlint; please report it with the file): %v\n%s", p, stack)})
	}
}

// safeCommit runs a file's commit; a panic there is recorded like one in
// its processing (the lock stays held by the caller and is released as
// usual).
func safeCommit(rep *report, path string, commit func()) {
	defer func() {
		if p := recover(); p != nil {
			crashCommit(rep, path, p, debug.Stack())()
		}
	}()
	commit()
}
