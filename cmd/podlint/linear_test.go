//go:build !race && unix

package main

import (
	"fmt"
	"github.com/podlint/podlint/schema"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Pages whose reading or repair once took time growing with the square of
// their size (issue 12): each runs at a size n and at 4n, and 4 times the
// page must take less than 8 times as long (linear is 4, quadratic 16).
// The timings are of the same process, machine and run, the best of five
// each, in CPU time (user and system) of the process: on a machine shared
// with other work the wall clock measures the neighbours. The collector is
// off while a run is timed: each run starts from a collected heap, and the
// collections a run from there meets grow faster than the page (more of
// them, each over more live memory), which read as 6 to 8.5 times for 4
// times the blob of leaked pieces whose work is linear (4.0-4.4 times in a
// benchmark of the same fix). What podlint's own settings cost a big page
// is TestKeepHeadroom's.
// .ci/run runs these without the race detector, which would dwarf them.

// linearPage is a clean page with nothing after its chapter.
const linearPage = "# Tide Pools — Ines Ferro\n\nA summary of the tide pool episode.\n\n## [00:00] Cold open\n\nInes kneels on wet rock.\n\n> *\"A quote.\"* [00:14]\n"

// TestLinearFrontMatterTags: a flow list of many items on one line.
func TestLinearFrontMatterTags(t *testing.T) {
	assertLinear(t, 20_000, "md", func(n int) string {
		return "---\ntags: [!!str " + strings.Repeat("a,", n-1) + "a]\n---\n" + linearPage
	}, "/tags: items at index 0 and 1 are equal", "check", "--no-config")
}

// TestLinearLeakedPieces: a leaked entity whose description was split into
// many pieces.
func TestLinearLeakedPieces(t *testing.T) {
	assertLinear(t, 160_000, "md", func(n int) string {
		return linearPage + "\n> *{'name': 'Zorblax Atlas Society', 'description': 'a'" + strings.Repeat(", 'a'", n-1) + "}*\n"
	}, "leaked-json", "fix", "--no-config")
}

// TestLinearLeakedBlobs: many leaked blobs on one page, each carrying a
// chapter and an entity the list already has; every blob's recovery lets
// texts go that the page holds elsewhere.
func TestLinearLeakedBlobs(t *testing.T) {
	assertLinear(t, 1500, "md", func(n int) string {
		var b strings.Builder
		b.WriteString("# Tide Pools — Ines Ferro\n\nA summary of the tide pool episode.\n\n")
		for i := range n {
			at := 60 * (2*i + 1)
			fmt.Fprintf(&b, "## [%s] Chapter %d\n\nInes kneels on rock %d.\n\n> *\"A quote %d.\"* [%s]\n", schema.FormatTimestamp(at-60), i, i, i, schema.FormatTimestamp(at-50))
			fmt.Fprintf(&b, "> *'\\n ]\\n },\\n {\\n ', 'title\": \"Orphan %d', {'start': %d.0, 'summary': 'What the orphan %d holds.', 'quotes': ['Words of %d.', [%d, 5]], "+
				"'entities\": [', {'name': 'Ines Ferro', 'type': 'Person', 'description': 'Marine biologist.'}]}*\n\n## [%s] Orphan %d\n\n", i, at, i, i, at/60, schema.FormatTimestamp(at), i)
		}
		b.WriteString("## Entities\n\n- **Ines Ferro** (Person): Marine biologist.\n")
		return b.String()
	}, "leaked-json", "check", "--no-config")
}

// TestLinearConvertPairs: single-line JSON whose quotes are many flat
// [m, s] pairs, each a loss of the Markdown form, all on one line.
func TestLinearConvertPairs(t *testing.T) {
	assertLinear(t, 20_000, "json", func(n int) string {
		return `{"title": "T", "summary": "S", "chapters": [{"start": 0, "title": "Cold open", "summary": "Ines kneels.", "quotes": [` +
			strings.Repeat(`"q", [1, 5], `, n-1) + `"q", [1, 5]]}]}`
	}, "md drops (--lossy)", "convert", "--no-config", "--to", "md", "--force", "--lossy", "-o", "out.md")
}

// TestLinearDuplicateEntities: the same entity bullet many times.
func TestLinearDuplicateEntities(t *testing.T) {
	assertLinear(t, 20_000, "md", func(n int) string {
		return goodPage + strings.Repeat("- **Ines Ferro** (Person): Marine biologist.\n", n)
	}, "-- **Ines Ferro** (Person): Marine biologist.", "fix", "--no-config")
}

// TestLinearSuppressions: many findings, each under its own suppression
// comment.
func TestLinearSuppressions(t *testing.T) {
	assertLinear(t, 10_000, "md", func(n int) string {
		var b strings.Builder
		b.WriteString(linearPage)
		for i := range n {
			fmt.Fprintf(&b, "\n<!-- podlint-disable-next-line quote-style -->\n> *Plain %d.* [00:14]\n", i)
		}
		return b.String()
	}, "no problems", "check", "--no-config")
}

// assertLinear runs podlint with args on the page built for n and on the
// one for 4n, in turn, three times, and compares the fastest run of each:
// taking turns, both sizes meet the same spells of load from elsewhere.
// want is in the output of every run: the page took the path being timed.
func assertLinear(t *testing.T, n int, ext string, page func(n int) string, want string, args ...string) {
	t.Helper()
	dir := t.TempDir()
	sizes := []int{n, 4 * n}
	fastest := make([]time.Duration, len(sizes))
	for _, n := range sizes {
		write(t, dir, fmt.Sprintf("page-%d.%s", n, ext), []byte(page(n)))
	}
	for range 5 {
		for i, n := range sizes {
			name := fmt.Sprintf("page-%d.%s", n, ext)
			runtime.GC() // the garbage of the run before is not this run's
			gc := debug.SetGCPercent(-1)
			start := cpuTime(t)
			code, out, errOut := podlint(t, dir, append(args, name)...)
			took := cpuTime(t) - start
			debug.SetGCPercent(gc)
			if code > exitFindings || !strings.Contains(out+errOut, want) {
				t.Fatalf("%s: exit %d, want %q in\n%.1000s\n%.1000s", name, code, want, out, errOut)
			}
			if fastest[i] == 0 || took < fastest[i] {
				fastest[i] = took
			}
		}
	}
	small, big := fastest[0], fastest[1]
	t.Logf("%d and %d: %v and %v of CPU", n, 4*n, small, big)
	if ratio := float64(big) / float64(small); ratio >= 8 {
		t.Errorf("4 times the page took %.1f times as long (%v, then %v of CPU): not linear", ratio, small, big)
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime(t *testing.T) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		t.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
