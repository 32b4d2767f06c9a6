package fixers

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
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
// (1 is linear). Run with -benchtime 1x: each iteration times every size
// as the mean of runs over at least a second after one run to
// warm up, with the collector as lazy as podlint's command makes it (GOGC
// 1000, and no soft limit here: the command raises its own with a big
// page's live heap), so that each size pays its own share of collection
// rather than whichever collection a single run happens to meet. fix's
// diff is the one podlint fix prints, from the engine's edits.
func BenchmarkOnePageGrowth(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(1000))
	cfg := rules.DefaultConfig()
	check := func(src []byte) {
		doc := schema.Read("page.md", src)
		for _, d := range rules.Run(doc, cfg) {
			Available(doc, cfg, d)
		}
	}
	fix := func(src []byte) {
		out, err := Run("page.md", src, Options{Config: cfg})
		if err != nil {
			b.Fatal(err)
		}
		out.Changes().Unified("page.md") // as podlint fix prints it
	}
	mean := func(run func([]byte), page []byte) float64 {
		runtime.GC()
		run(page)
		start, n := time.Now(), 0
		for ; n < 3 || time.Since(start) < time.Second; n++ {
			run(page)
		}
		return time.Since(start).Seconds() / float64(n)
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
					times := make([]float64, len(sizes))
					for i, page := range pages {
						times[i] = mean(op.run, page)
					}
					b.ReportMetric(times[len(times)-1], "s@30k")
					b.ReportMetric(math.Log(times[len(times)-1]/times[0])/math.Log(10), "exponent")
				}
			})
		}
	}
}
