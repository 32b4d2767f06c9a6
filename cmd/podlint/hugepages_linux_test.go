package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podlint/podlint/internal/racetest"
)

func init() {
	// podlint-managed is podlint as main runs it, with the heap settings
	// podlint makes for itself, and says as it exits how much of its
	// memory Linux backed with huge pages, and the soft heap limit.
	scriptCommands["podlint-managed"] = func() {
		manageMemory()
		code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
		// keepHeadroom runs in a cleanup after each collection: give the
		// last one time to run before the limit is read.
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
		fmt.Fprintf(os.Stderr, "soft limit: %d\n", debug.SetMemoryLimit(-1))
		fmt.Fprintf(os.Stderr, "gc percent: %d\n", debug.SetGCPercent(-1))
		rollup, err := os.ReadFile("/proc/self/smaps_rollup")
		if err != nil {
			fmt.Fprintln(os.Stderr, "huge pages: unknown:", err)
			os.Exit(code)
		}
		fmt.Fprintf(os.Stderr, "huge pages: %s kB\n", anonHugeKB.FindSubmatch(rollup)[1])
		os.Exit(code)
	}
}

var anonHugeKB = regexp.MustCompile(`AnonHugePages:\s+(\d+) kB`)

// TestHugePagesForManyPages: where Linux gives huge pages only on request,
// a run over many pages asks for them and its heap lands in them, its soft
// heap limit as it was, and so does a run over many small pages (more than
// manyFiles, of a few hundred kilobytes in all); a run that reads a few
// hundred kilobytes in fewer files does not ask.
func TestHugePagesForManyPages(t *testing.T) {
	if !hugePagesOnRequest() {
		t.Skipf("huge pages are asked for only in the madvise mode, which %s does not say", thpMode)
	}
	if racetest.Enabled {
		// The race detector's runtime keeps shadow memory beside the heap
		// and lays it out its own way: its runs asked, yet some had no huge
		// pages (3 of 8 here). .ci/run runs this test without it.
		t.Skip("the race detector's heap is not podlint's: run without -race")
	}
	if _, err := os.Stat("/proc/self/smaps_rollup"); err != nil {
		t.Skipf("no count of a process's huge pages to read (Linux 4.14 and later have one): %v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	page.WriteString("# Tide Pools — Ines Ferro\n\nA summary of the tide pool episode.\n\n")
	for i := range 150 {
		fmt.Fprintf(&page, "## [%02d:%02d] Pool %d\n\nInes kneels on wet rock by pool %d.\n\n> *\"A quote about pool %d.\"* [%02d:%02d]\n\n", i/60, i%60, i, i, i, i/60, i%60)
	}
	page.WriteString("## Entities\n\n- **Ines Ferro** (Person): Marine biologist.\n")
	small := "# Tide Pools — Ines Ferro\n\nA summary.\n\n## [00:00] Pool 1\n\nInes kneels by the pool.\n"
	// hugeKB runs podlint on files copies of page, and tells how many
	// kilobytes of huge pages it had and the collector's report of each
	// cycle.
	hugeKB := func(files int, page string) (int, []string) {
		dir := t.TempDir()
		for i := range files {
			write(t, dir, fmt.Sprintf("pool-%04d.md", i), []byte(page))
		}
		cmd := exec.Command(exe, "check", "--no-config", "--quiet", ".")
		cmd.Args[0] = "podlint-managed"
		cmd.Dir = dir
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GOGC=") && !strings.HasPrefix(kv, "GOMEMLIMIT=") && !strings.HasPrefix(kv, "GODEBUG=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "GODEBUG=gctrace=1")
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		_ = cmd.Run()
		m := regexp.MustCompile(`huge pages: (\d+) kB`).FindStringSubmatch(errOut.String())
		if m == nil {
			t.Fatalf("%d files: exit %d, no huge pages reported:\n%s", files, cmd.ProcessState.ExitCode(), errOut.String())
		}
		kb, _ := strconv.Atoi(m[1])
		// Asking must not leave the soft limit raised (see
		// preferHugePages).
		if !strings.Contains(errOut.String(), fmt.Sprintf("soft limit: %d\n", baseMemoryLimit)) {
			t.Errorf("%d files: the soft heap limit is no longer %d:\n%s", files, baseMemoryLimit, errOut.String())
		}
		if !strings.Contains(errOut.String(), "gc percent: 1000\n") {
			t.Errorf("%d files: the collector's percent is no longer 1000:\n%s", files, errOut.String())
		}
		return kb, regexp.MustCompile(`(?m)^gc \d+ .*$`).FindAllString(errOut.String(), -1)
	}
	// Runs of half the bytes that ask, and of three times as many; and a
	// run of four times as many files as ask, small ones (the heap first
	// grows into memory freed when it asked, touched before).
	nFew, nMany, nSmall := hugePagesFrom/2/page.Len(), 3*hugePagesFrom/page.Len(), 4*manyFiles
	few, _ := hugeKB(nFew, page.String())
	many, _ := hugeKB(nMany, page.String())
	smalls, gcs := hugeKB(nSmall, small)
	// The many small files ask before any other collection: the block's
	// allocation starts none (the soft limit would), and the run's first
	// is the one that frees the block.
	if len(gcs) == 0 || !strings.HasSuffix(gcs[0], "(forced)") {
		t.Errorf("%d small files: the first collection is not the one asking forces:\n%s", nSmall, strings.Join(gcs, "\n"))
	}
	t.Logf("huge pages: %d kB with %d files, %d kB with %d (%d bytes each), %d kB with %d of %d bytes",
		few, nFew, many, nMany, page.Len(), smalls, nSmall, len(small))
	if few >= 2048 {
		t.Errorf("%d files: %d kB in huge pages: a run of few bytes asks for them", nFew, few)
	}
	if many < few+4096 {
		t.Errorf("%d files: %d kB in huge pages, against %d kB for %d files: the heap is not in huge pages", nMany, many, few, nFew)
	}
	if nSmall*len(small) >= hugePagesFrom/2 {
		t.Fatalf("%d small files hold %d bytes: not few", nSmall, nSmall*len(small))
	}
	if smalls < few+2048 {
		t.Errorf("%d small files: %d kB in huge pages, against %d kB for %d files: many files do not ask", nSmall, smalls, few, nFew)
	}
}
