package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flatten does what the site's scraper does: the title line, a blank line,
// then every other non-empty line joined by a space.
func flatten(page string) (string, bool) {
	lines := strings.Split(strings.TrimRight(page, "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "# ") {
		return "", false
	}
	var body []string
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) != "" {
			body = append(body, l)
		}
	}
	return lines[0] + "\n\n" + strings.Join(body, " ") + "\n", true
}

// restorePage restores a flattened page as the fixer does.
func restorePage(flat string) (string, Restored) {
	title, rest, _ := strings.Cut(flat, "\n\n")
	r := RestoreLines(strings.TrimSuffix(rest, "\n"), nil)
	return title + "\n\n" + r.Text + "\n", r
}

func headingTitles(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if strings.HasPrefix(l, "## [") && strings.Contains(l, "] ") {
			out = append(out, l)
		}
	}
	return out
}

// roundTrip flattens a page, restores it and counts the headings that come
// back exactly, logging the others.
func roundTrip(t *testing.T, name, page string) (exact, total int) {
	t.Helper()
	flat, ok := flatten(page)
	if !ok {
		return 0, 0
	}
	got, _ := restorePage(flat)
	want, gotTitles := headingTitles(page), headingTitles(got)
	for i, w := range want {
		total++
		if i < len(gotTitles) && gotTitles[i] == w {
			exact++
		} else if i < len(gotTitles) {
			t.Logf("%s: %q\n    restored as %.120q", name, w, gotTitles[i])
		}
	}
	return exact, total
}

// TestRestoreAccuracy flattens every structured page it has (fixtures and,
// when present, the shared samples), restores it, and reports the share of
// chapter headings that come back exactly.
func TestRestoreAccuracy(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../testdata/*/*/*.md", "../testdata/demo/*.md", "../testdata/convert/*.md", "../../shared/samples/*.md", "../../shared/examples/clean.md"} {
		p, _ := filepath.Glob(pattern)
		paths = append(paths, p...)
	}
	exact, total := 0, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		page := string(src)
		if strings.Contains(page, "\r") || strings.HasPrefix(page, "---") || len(headingTitles(page)) == 0 {
			continue
		}
		e, n := roundTrip(t, p, page)
		exact, total = exact+e, total+n
	}
	t.Logf("title accuracy: %d of %d headings exact (%.1f%%)", exact, total, 100*float64(exact)/float64(max(total, 1)))
	if total == 0 || float64(exact) < 0.97*float64(total) {
		t.Errorf("title accuracy %d/%d is under 97%%", exact, total)
	}
}

// TestRestoreWithoutEntities measures the harder case of a page with no
// Entities list, where names come only from the page's prose (reported,
// not asserted: an unsure heading is left whole and reported, never cut
// wrongly by the safe fix).
func TestRestoreWithoutEntities(t *testing.T) {
	paths, _ := filepath.Glob("../../shared/samples/*.md")
	exact, total := 0, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		page := string(src)
		i := strings.Index(page, "\n## Entities")
		if i < 0 || len(headingTitles(page)) == 0 {
			continue
		}
		e, n := roundTrip(t, p, page[:i]+"\n")
		exact, total = exact+e, total+n
	}
	if total == 0 {
		t.Skip("samples not available")
	}
	t.Logf("title accuracy without Entities lists: %d of %d headings exact (%.1f%%)", exact, total, 100*float64(exact)/float64(total))
}

// TestRestoreSamples: the two scraped samples come back byte for byte.
func TestRestoreSamples(t *testing.T) {
	for _, name := range []string{"railway-agent-native-cloud.md", "github-agent-era.md"} {
		flat, err := os.ReadFile("../../shared/samples/collapsed/" + name)
		if err != nil {
			t.Skipf("samples not available: %v", err)
		}
		want, _ := os.ReadFile("../../shared/samples/" + name)
		got, r := restorePage(string(flat))
		if got != string(want) {
			t.Errorf("%s: restored page differs (uncertain: %d)\n%s", name, len(r.Uncertain), firstDiff(got, string(want)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got: %.160q\nwant: %.160q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

func TestRestoreQuoteShapes(t *testing.T) {
	tests := []struct{ line, want string }{
		{`Sum. ## [00:00] Cold open Body. > *"Q."* — Ines Ferro She counts anemones.`,
			"Sum.\n\n## [00:00] Cold open\n\nBody.\n\n> *\"Q.\"* — Ines Ferro\n\nShe counts anemones."},
		{`Sum. ## [00:00] Cold open Body. > *"Q."* — Ines Ferro Mara counts anemones.`,
			"Sum.\n\n## [00:00] Cold open\n\nBody.\n\n> *\"Q.\"* — Ines Ferro\n\nMara counts anemones."},
		{`Sum. ## [00:00] Cold open Body. > *unquoted words* [00:09] > *[0, 12]* ## Entities - **Ines Ferro** (Person): Biologist. - **Sea** (Place): Water.`,
			"Sum.\n\n## [00:00] Cold open\n\nBody.\n\n> *unquoted words* [00:09]\n\n> *[0, 12]*\n\n## Entities\n\n- **Ines Ferro** (Person): Biologist.\n- **Sea** (Place): Water."},
	}
	for _, tt := range tests {
		if got := RestoreLines(tt.line, nil).Text; got != tt.want {
			t.Errorf("RestoreLines(%q)\n got %q\nwant %q", tt.line, got, tt.want)
		}
	}
}

// TestRestoreKeepsQuoteTimesThatDoNotRead: a quote's time that does not
// read ([-1:-5]) stays on the quote's line, where timestamp-format sees it,
// as a time that reads does.
func TestRestoreKeepsQuoteTimesThatDoNotRead(t *testing.T) {
	page := "# T\n\nA summary.\n\n## [00:00] Cold open\n\nBody.\n\n> *\"First.\"* [-1:-5]\n\n> *\"Second.\"* — Ada [1234567:00]\n\nMore body.\n"
	flat, _ := flatten(page)
	got, _ := restorePage(flat)
	for _, line := range []string{"> *\"First.\"* [-1:-5]\n", "> *\"Second.\"* — Ada [1234567:00]\n"} {
		if !strings.Contains(got, "\n"+line) {
			t.Errorf("no line %q in the restored page:\n%s", line, got)
		}
	}
}
