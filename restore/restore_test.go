package restore

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
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
	r := Lines(strings.TrimSuffix(rest, "\n"), nil)
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

// titleCount counts chapter headings of flattened pages by how they came
// back: exactly, left whole (title and body still on the heading line) or
// cut wrongly (anything else).
type titleCount struct{ exact, whole, wrong int }

func (c titleCount) String() string {
	return fmt.Sprintf("%d exact, %d left whole, %d cut wrongly", c.exact, c.whole, c.wrong)
}

// roundTrip flattens a page, restores it and counts its headings by how
// they came back, logging those not exact.
func roundTrip(t *testing.T, name, page string, c *titleCount) {
	t.Helper()
	flat, ok := flatten(page)
	if !ok {
		return
	}
	got, _ := restorePage(flat)
	want, gotTitles := headingTitles(page), headingTitles(got)
	for i, w := range want {
		// Trailing white space does not survive flattening.
		w = strings.TrimRight(w, " \t")
		switch {
		case i < len(gotTitles) && gotTitles[i] == w:
			c.exact++
			continue
		case i < len(gotTitles) && strings.HasPrefix(gotTitles[i], w+" "):
			c.whole++
		default:
			c.wrong++
		}
		if i < len(gotTitles) {
			t.Logf("%s: %q\n    restored as %.120q", name, w, gotTitles[i])
		}
	}
}

// restoreTitles round-trips every page of the globs that has chapter
// headings (not CRLF pages or pages with front matter, which the scraper
// never flattens), cut to what keep returns.
func restoreTitles(t *testing.T, keep func(page string) string, patterns ...string) titleCount {
	t.Helper()
	var c titleCount
	for _, pattern := range patterns {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			page := keep(string(src))
			if strings.Contains(page, "\r") || strings.HasPrefix(page, "---") || len(headingTitles(page)) == 0 {
				continue
			}
			roundTrip(t, p, page, &c)
		}
	}
	return c
}

func wholePage(page string) string { return page }

// TestRestoreAccuracy flattens every structured page it has, restores it
// with the safe restore, and holds the count of chapter headings that come
// back exactly, are left whole and are cut wrongly to these figures: a
// change to the heuristics that moves one updates them here.
func TestRestoreAccuracy(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		got := restoreTitles(t, wholePage, "../testdata/*/*/*.md", "../testdata/demo/*.md", "../testdata/convert/*.md")
		// Every fixture added moves the other two numbers: only the one that
		// must never move is held.
		if got.wrong != 0 || got.exact == 0 {
			t.Errorf("testdata pages: %v, want none cut wrongly", got)
		}
		t.Logf("testdata pages: %v", got)
	})
	t.Run("shared", func(t *testing.T) {
		sharedtest.Need(t)
		got := restoreTitles(t, wholePage, sharedtest.Path("samples", "*.md"), sharedtest.Path("examples", "clean.md"))
		if want := (titleCount{exact: 59, whole: 0, wrong: 0}); got != want {
			t.Errorf("shared pages: %v, want %v", got, want)
		}
	})
}

// TestRestoreWithoutEntities: the harder case of a page with no Entities
// list, where names come only from the page's prose. The shared samples,
// cut before their Entities lists, come back with fewer exact titles; the
// others are left whole (and reported), never cut wrongly.
func TestRestoreWithoutEntities(t *testing.T) {
	sharedtest.Need(t)
	beforeEntities := func(page string) string {
		if i := strings.Index(page, "\n## Entities"); i >= 0 {
			return page[:i] + "\n"
		}
		return "" // no list to take away: not this test's case
	}
	got := restoreTitles(t, beforeEntities, sharedtest.Path("samples", "*.md"))
	if want := (titleCount{exact: 27, whole: 26, wrong: 0}); got != want {
		t.Errorf("shared samples without their Entities lists: %v, want %v", got, want)
	}
}

// TestRestoreSamples: the two scraped samples come back byte for byte.
func TestRestoreSamples(t *testing.T) {
	for _, name := range []string{"railway-agent-native-cloud.md", "github-agent-era.md"} {
		flat := sharedtest.Read(t, "samples/collapsed/"+name)
		want := sharedtest.Read(t, "samples/"+name)
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
		{`Sum. ## [00:00] Cold open The body. > *"Q."* — Ines Ferro She counts anemones.`,
			"Sum.\n\n## [00:00] Cold open\n\nThe body.\n\n> *\"Q.\"* — Ines Ferro\n\nShe counts anemones."},
		{`Sum. ## [00:00] Cold open The body. > *"Q."* — Ines Ferro Mara counts anemones.`,
			"Sum.\n\n## [00:00] Cold open\n\nThe body.\n\n> *\"Q.\"* — Ines Ferro\n\nMara counts anemones."},
		{`Sum. ## [00:00] Cold open The body. > *unquoted words* [00:09] > *[0, 12]* ## Entities - **Ines Ferro** (Person): Biologist. - **Sea** (Place): Water.`,
			"Sum.\n\n## [00:00] Cold open\n\nThe body.\n\n> *unquoted words* [00:09]\n\n> *[0, 12]*\n\n## Entities\n\n- **Ines Ferro** (Person): Biologist.\n- **Sea** (Place): Water."},
	}
	for _, tt := range tests {
		if got := Lines(tt.line, nil).Text; got != tt.want {
			t.Errorf("Lines(%q)\n got %q\nwant %q", tt.line, got, tt.want)
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

// FuzzRestoreLines: restoring a flattened line changes only white space
// (the same words, in the same order) and never panics.
func FuzzLines(f *testing.F) {
	f.Add(`Sum. ## [00:00] Cold open Ada opens. > *"Q."* — Ada [00:09] Text. ## Entities - **Ada** (Person): Cartographer.`)
	f.Add(`## [01:00] What Is It? It is. > *[1, 2]* > *"unclosed`)
	f.Add(`> ## [00:00] quoted ## [ ## Entities - **`)
	f.Fuzz(func(t *testing.T, line string) {
		r := Lines(line, nil)
		if strings.Join(strings.Fields(r.Text), " ") != strings.Join(strings.Fields(line), " ") {
			t.Fatalf("words changed:\n%q\n%q", line, r.Text)
		}
	})
}

// BenchmarkLines restores a flattened page (MB/s of the line).
func BenchmarkLines(b *testing.B) {
	src, err := os.ReadFile("../testdata/rules/collapsed-markdown/flattened.md")
	if err != nil {
		b.Fatal(err)
	}
	doc := schema.Read("flattened.md", src)
	c := doc.Episode.Collapsed
	if c == nil {
		b.Fatal("the fixture is not read as flattened")
	}
	line, names := string(src[c.Span.Start:c.Span.End]), doc.Episode.EntityNames()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		Lines(line, names)
	}
}

// TestNoDecisiveCutOutsideEnglish: the tests that find a title's end read
// English, so a page in another language keeps each heading whole in a
// safe restore, with the best guess reported; an English page of the same
// shape is cut.
func TestNoDecisiveCutOutsideEnglish(t *testing.T) {
	pages := map[string]struct {
		line string
		cut  bool
	}{
		"english": {"Wren rides night trains. ## [00:00] Working with Ilse Wren explains how the ledger began, and the team has kept it for years. ## [05:00] The last berth It is the one with the window that does not open.", true},
		"spanish": {"Wren viaja en trenes de noche. ## [00:00] Trabajar con Ilse Wren explica cómo empezó el libro, y que el equipo lo guarda desde hace años. ## [05:00] La última litera Es la que tiene la ventana que no se abre y que nadie pide.", false},
		"german":  {"Wren fährt mit Nachtzügen. ## [00:00] Die Arbeit mit Ilse Wren erzählt, wie das Buch begann, und das Team führt es seit Jahren auf dem Zug. ## [05:00] Der letzte Platz Es ist der mit dem Fenster, das sich nicht öffnet.", false},
	}
	for name, p := range pages {
		r := Lines(p.line, []string{"Wren", "Ilse"})
		cut := strings.Contains(r.Text, "\n\nWren explains") || strings.Contains(r.Text, "\n\nWren explica") || strings.Contains(r.Text, "\n\nWren erzählt")
		if cut != p.cut {
			t.Errorf("%s: first heading cut %v, want %v:\n%s", name, cut, p.cut, r.Text)
		}
		if !p.cut && len(r.Uncertain) == 0 {
			t.Errorf("%s: no heading reported with a best guess", name)
		}
	}
}

// TestTitleHoldsALetter: a heading that opens with an emoji is not cut
// after it, as if the emoji were the whole title.
func TestTitleHoldsALetter(t *testing.T) {
	r := Lines("A short episode. ## [19:12] 🌅 Launch day Mr. Souza from the ledger office joined the call.", nil)
	if strings.Contains(r.Text, "## [19:12] 🌅\n") {
		t.Errorf("cut after the emoji:\n%s", r.Text)
	}
}

// TestQuestionsAndFullStopsAreNoTitleEnd: a full stop inside a title
// (U.S., Dr.) and a question that does not open the title leave the cut
// to a person; a question that opens as one is a title.
func TestQuestionsAndFullStopsAreNoTitleEnd(t *testing.T) {
	tests := []struct {
		heading, notTitle string
		uncertain         bool
	}{
		{"SQL is not dead U.S. regulators asked Bluefin about billing in 2021.", "SQL is not dead U.S. regulators asked", true},
		{"From zero to one Dr. Souza signed the lease that spring.", "From zero to one Dr.", true},
		{"Building on PyTorch Who pays? Zanele does, mostly.", "Building on PyTorch Who pays?", true},
		{"Caching deep dive Why does caching matter so much?", "", true},
		{"Why now?", "", false},
	}
	for _, tt := range tests {
		r := Lines("A short episode. ## [11:11] "+tt.heading, nil)
		if tt.notTitle != "" && strings.Contains(r.Text, "## [11:11] "+tt.notTitle+"\n") {
			t.Errorf("%q: cut as %q", tt.heading, tt.notTitle)
		}
		if got := len(r.Uncertain) > 0; got != tt.uncertain {
			t.Errorf("%q: reported as unsure %v, want %v:\n%s", tt.heading, got, tt.uncertain, r.Text)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestNotEnglishStopsEarly: notEnglish, which stops once the words left
// of its sample could not turn the answer, answers as the count of the
// whole sample does, on pages mixing English, other languages' function
// words and other words, of every length around the sample's.
func TestNotEnglishStopsEarly(t *testing.T) {
	whole := func(segs []segment) bool {
		// The sample first, then its count.
		var sample []string
		for _, s := range segs {
			if s.kind == "p" || s.kind == "h" {
				for _, w := range schema.Fields(s.text) {
					if b, _ := appendLower(nil, bare(w)); len(b) > 0 && schema.IsLower([]rune(string(b))[0]) {
						sample = append(sample, string(b))
					}
				}
			}
		}
		english, other := 0, 0
		for _, w := range sample[:min(len(sample), 400)] {
			english += btoi(functionWords[w] == englishWord)
			other += btoi(functionWords[w] == otherWord)
		}
		return other >= 8 && other > english
	}
	vocab := []string{"the", "of", "and", "with", "de", "la", "und", "der", "que", "el", "les", "die", "river", "Maps", "quiet", "ÉTÉ", "été", "“the", "of,", "—", "42"}
	rng := rand.New(rand.NewPCG(9, 2))
	kinds := []string{"p", "h", "q", "b"}
	for range 3000 {
		var segs []segment
		n := rng.IntN(900)
		lean := rng.IntN(len(vocab)) // each page leans to a word of its own
		for len(segs) == 0 || n > 0 {
			var b strings.Builder
			for k := rng.IntN(60); k >= 0 && n > 0; k, n = k-1, n-1 {
				w := vocab[rng.IntN(len(vocab))]
				if rng.IntN(3) == 0 {
					w = vocab[lean]
				}
				b.WriteString(w + " ")
			}
			segs = append(segs, segment{kind: kinds[rng.IntN(len(kinds))], text: b.String()})
		}
		if got, want := notEnglish(segs), whole(segs); got != want {
			t.Fatalf("notEnglish = %v, the whole sample says %v, for %q", got, want, segs)
		}
	}
}

// TestAmbiguousEndsStayWhole: headings the hard tests cannot settle are
// kept whole, with the best guess reported: a title that would end on a
// preposition whose object may open the body ("sets out in | Lübeck"); a
// role word between a title and a known name ("Captain Jens" may open the
// body), from the list, or in sentence case any capital the page does not
// know ("Night watchman", "Saltboiler"); a body that may open a word later
// on a number; a short exclamation that may end the title; and a leaked
// title whose string was cut off (it may be the start of a longer one).
func TestAmbiguousEndsStayWhole(t *testing.T) {
	for name, tc := range map[string]struct {
		line  string
		names []string
		whole string // the heading kept whole
	}{
		"preposition": {
			line:  "Odile walks the salt road. ## [00:00] Leaving the Harbour Odile sets out in Lübeck at dawn. ## [04:00] The toll houses Merchants paid at every bridge.",
			whole: "## [00:00] Leaving the Harbour Odile sets out in Lübeck at dawn.",
		},
		"preposition ends both": {
			line:  "Odile walks the salt road. ## [00:00] Fog rolls over Holstein keeps its mist until Easter, and the carts wait. ## [04:00] The toll houses Merchants paid at every bridge.",
			whole: "## [00:00] Fog rolls over Holstein keeps its mist until Easter, and the carts wait.",
		},
		"role before a name": {
			line:  "Odile walks the salt road. ## [00:00] The toll houses Merchants paid at every bridge. ## [04:00] Meeting Jens Captain Jens has rowed the river for thirty years.",
			names: []string{"Odile Brandt", "Jens Olsen"},
			whole: "## [04:00] Meeting Jens Captain Jens has rowed the river for thirty years.",
		},
		"two-word role in sentence case": {
			line:  "Odile walks the salt road. ## [00:00] The toll houses Merchants paid at every bridge. ## [04:00] Supper with Jens Night watchman Odile counts the carts until dawn.",
			names: []string{"Odile Brandt", "Jens Olsen"},
			whole: "## [04:00] Supper with Jens Night watchman Odile counts the carts until dawn.",
		},
		"unknown capital in sentence case": {
			line:  "Odile walks the salt road. ## [00:00] The toll houses Merchants paid at every bridge. ## [04:00] Supper with Jens Saltboiler Odile counts the carts until dawn.",
			names: []string{"Odile Brandt", "Jens Olsen"},
			whole: "## [04:00] Supper with Jens Saltboiler Odile counts the carts until dawn.",
		},
		"body on a number": {
			line:  "Odile walks the salt road. ## [00:00] Meeting Jens 40 carts left the gate that night. ## [04:00] The toll houses Merchants paid at every bridge.",
			names: []string{"Odile Brandt", "Jens Olsen"},
			whole: "## [00:00] Meeting Jens 40 carts left the gate that night.",
		},
		"exclamation": {
			line:  "Odile walks the salt road. ## [00:00] Long live Lüneburg Salt! Odile raises a cup to the works. ## [04:00] The toll houses Merchants paid at every bridge.",
			names: []string{"Odile Brandt", "Lüneburg Salt"},
			whole: "## [00:00] Long live Lüneburg Salt! Odile raises a cup to the works.",
		},
		"leaked title cut off": {
			line:  `Odile walks the salt road. ## [00:00] Setting out Odile leaves at dawn. > *] }, {* > *title": "The toll* > *{'start': 240.0, 'summary': 'Every bridge had a price.'}* ## [04:00] The toll houses along the river Merchants paid at every bridge.`,
			names: []string{"Odile Brandt"},
			whole: "", // cut by the heuristics, not at the leaked "The toll"
		},
	} {
		r := Lines(tc.line, tc.names)
		if tc.whole != "" && !strings.Contains(r.Text, tc.whole+"\n") && !strings.HasSuffix(r.Text, tc.whole) {
			t.Errorf("%s: %q is not kept whole:\n%s", name, tc.whole, r.Text)
		}
		if tc.whole != "" && !slices.ContainsFunc(r.Uncertain, func(sp Split) bool { return strings.HasSuffix(tc.whole, sp.Heading) }) {
			t.Errorf("%s: no best guess reported for %q", name, tc.whole)
		}
		if strings.Contains(r.Text, "## [04:00] The toll\n") {
			t.Errorf("%s: cut at a leaked title that was cut off:\n%s", name, r.Text)
		}
	}
}
