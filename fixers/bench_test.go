package fixers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
)

// bigPage builds a page with n chapters, each with three unquoted quotes
// followed by [m, s] fragments: every quote needs two fixes.
func bigPage(n int) []byte {
	var b strings.Builder
	b.WriteString("# A long episode — Host\n\nA summary of the long episode, long enough to be a summary.\n\n")
	for c := 0; c < n; c++ {
		fmt.Fprintf(&b, "## [%s] Chapter %d\n\nWhat chapter %d is about, in a sentence.\n\n", fmtMinutes(c), c, c)
		for q := 0; q < 3; q++ {
			fmt.Fprintf(&b, "> *Quote %d of chapter %d.*\n> *[%d, %d]*\n\n", q, c, c, q*10)
		}
	}
	return []byte(b.String())
}

func fmtMinutes(m int) string {
	if m < 60 {
		return fmt.Sprintf("%02d:00", m)
	}
	return fmt.Sprintf("%d:%02d:00", m/60, m%60)
}

func BenchmarkRun(b *testing.B) {
	for _, n := range []int{10, 1000} {
		src := bigPage(n)
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Run("p.md", src, Options{Config: rules.DefaultConfig()}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnified(b *testing.B) {
	src := bigPage(1000)
	out, err := Run("p.md", src, Options{Config: rules.DefaultConfig()})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Unified("p.md", src, out.Src)
	}
}

// BenchmarkChanges times the line diff fix prints, from the stretches the
// passes changed: for a page whose fixes touch a few lines each, and for a
// flattened page given its lines back, where the whole page is one change
// and its new blank lines are lines the rest of the page has too (so the
// whole texts are diffed).
func BenchmarkChanges(b *testing.B) {
	flat, ok := flatten(string(bigPage(20)))
	if !ok {
		b.Fatal("the big page does not flatten")
	}
	for _, page := range []struct {
		name string
		src  []byte
	}{{"fixes", bigPage(100)}, {"flattened", []byte(flat)}} {
		out, err := Run("p.md", page.src, Options{Config: rules.DefaultConfig()})
		if err != nil {
			b.Fatal(err)
		}
		if !out.Changed() {
			b.Fatalf("%s: nothing to diff", page.name)
		}
		b.Run(page.name, func(b *testing.B) {
			b.SetBytes(int64(len(page.src)))
			for b.Loop() {
				out.Changes()
			}
		})
	}
}

// BenchmarkSameBesideSpace compares a flattened page with its lines given
// back, as the content guard does for a restore-lines fix: 30 chapters of
// a heading, a paragraph and a quote, one space between blocks against a
// blank line (MB/s of the flattened page).
func BenchmarkSameBesideSpace(b *testing.B) {
	var blocks []string
	for i := range 30 {
		blocks = append(blocks,
			fmt.Sprintf("## [%02d:00] Part %d of the tide survey", i, i),
			"Ines walks the shelf at low water and counts the anemones in each pool, noting which ones closed when the shade of the cliff reached them.",
			fmt.Sprintf("> *\"Every pool keeps its own clock, and pool %d runs late.\"* [%02d:30]", i, i))
	}
	flat, restored := strings.Join(blocks, " "), strings.Join(blocks, "\n\n")+"\n"
	b.SetBytes(int64(len(flat)))
	for b.Loop() {
		if !sameBesideSpace(flat, restored) {
			b.Fatal("not the same beside space")
		}
	}
}
