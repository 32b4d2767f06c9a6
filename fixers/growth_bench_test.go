package fixers

import (
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// growthPage is one page of n chapters, each with prose and a quote; with
// leaks, every 200th chapter's quote line is followed by a leaked blob
// carrying the next chapter, whose heading is left bare.
func growthPage(n int, leaks bool) []byte {
	var b strings.Builder
	b.WriteString("# A long episode — Ines Ferro\n\nA summary of the long episode, long enough to be a summary.\n\n")
	for i := 0; i < n; i++ {
		at := 30 * i
		fmt.Fprintf(&b, "## [%s] Chapter %d\n\n", schema.FormatTimestamp(at), i)
		if leaks && i%200 == 1 {
			continue // its content is in the blob before it
		}
		fmt.Fprintf(&b, "What chapter %d is about, in a sentence.\n\n> *\"Quote of chapter %d.\"* [%s]\n\n", i, i, schema.FormatTimestamp(at+5))
		if leaks && i%200 == 0 {
			next := at + 30
			fmt.Fprintf(&b, "> *'\\n ]\\n },\\n {\\n ', 'title\": \"Chapter %d', {'start': %d.0, 'summary': 'What chapter %d is about, in a sentence.', 'quotes': ['Quote of chapter %d.', [%d, %d]]}*\n\n",
				i+1, next, i+1, i+1, (next+5)/60, (next+5)%60)
		}
	}
	return []byte(b.String())
}

// BenchmarkOnePageGrowth times check (read, rules, fix labels) and fix
// (the engine and the diff) on one page of 3,000, 10,000 and 30,000
// chapters, clean and with a leaked blob every 200 chapters, and reports
// how the time grows: the exponent of n between 3,000 and 30,000 chapters
// (1 is linear). Run with -benchtime 1x.
//
// Every size is timed the same way, twice, under the collector setting
// podlint's command makes (GOGC 1000; no soft limit here, as the command
// raises its own with a big page's live heap):
//
//   - cold: the median of five runs, each begun with the heap handed back
//     to the system, as a podlint process begins; the run pays for the
//     memory it touches first. This is "exponent" and "s@30k".
//   - warm: the median of five runs after three more, once the heap has
//     grown to what the page needs: the work alone. This is
//     "warm-exponent" and "warm-s@30k".
//
// A mean over a fixed time mixes the two: at 30,000 chapters it covers the
// few runs that grow the heap, at 3,000 the hundred that follow, and the
// exponent it gives is the machine's price for fresh memory as much as
// podlint's growth.
func BenchmarkOnePageGrowth(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(1000))
	cfg := rules.DefaultConfig()
	check := func(src []byte) {
		doc := schema.Read("page.md", src)
		for _, d := range rules.Run(doc, cfg) {
			Verdict(doc, cfg, d)
		}
	}
	fix := func(src []byte) {
		out, err := Run("page.md", src, Options{Config: cfg})
		if err != nil {
			b.Fatal(err)
		}
		out.Changes().Unified("page.md") // as podlint fix prints it
	}
	const runs, warmUp = 5, 3
	// cold and warm time run on page as the comment above says.
	timed := func(run func([]byte), page []byte, fresh bool) float64 {
		if fresh {
			debug.FreeOSMemory()
		}
		start := time.Now()
		run(page)
		return time.Since(start).Seconds()
	}
	median := func(xs []float64) float64 {
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	growth := func(times []float64) float64 {
		return math.Log(times[len(times)-1]/times[0]) / math.Log(10)
	}
	sizes := []int{3000, 10000, 30000}
	for _, shape := range []string{"clean", "leaks"} {
		pages := make([][]byte, len(sizes))
		for i, n := range sizes {
			pages[i] = growthPage(n, shape == "leaks")
		}
		for _, op := range []struct {
			name string
			run  func([]byte)
		}{{"check", check}, {"fix", fix}} {
			b.Run(shape+"/"+op.name, func(b *testing.B) {
				for b.Loop() {
					cold := make([]float64, len(sizes))
					warm := make([]float64, len(sizes))
					for i, page := range pages {
						ts := make([]float64, runs)
						for r := range ts {
							ts[r] = timed(op.run, page, true)
						}
						cold[i] = median(ts)
						for range warmUp {
							op.run(page)
						}
						for r := range ts {
							ts[r] = timed(op.run, page, false)
						}
						warm[i] = median(ts)
					}
					b.ReportMetric(cold[len(cold)-1], "s@30k")
					b.ReportMetric(growth(cold), "exponent")
					b.ReportMetric(warm[len(warm)-1], "warm-s@30k")
					b.ReportMetric(growth(warm), "warm-exponent")
				}
			})
		}
	}
}
