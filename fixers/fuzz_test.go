package fixers

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// FuzzFix runs the whole fix pipeline on arbitrary pages and checks the
// properties users rely on to run fix --write over a corpus:
//
//  1. nothing panics, and no fixer misbehaves (invalid edits, loops, words
//     lost: Run returns a FixerError for those);
//  2. fixing the result again changes nothing;
//  3. the loop converges within MaxPasses;
//  4. after fixing, no remaining finding has a safe fix;
//  5. the printed diff, applied to the input, gives the output;
//  6. what each rule states about its findings' fixes is what the fixers
//     do (see TestFixAvailability).
func FuzzFix(f *testing.F) {
	for _, pattern := range []string{"../testdata/fixers/*/*", "../testdata/rules/*/*", "../testdata/demo/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			switch filepath.Ext(p) {
			case ".md", ".json":
				if src, err := os.ReadFile(p); err == nil {
					f.Add(filepath.Ext(p) == ".json", src)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, isJSON bool, src []byte) {
		name := "page.md"
		if isJSON {
			name = "episode.json"
		}
		// 6. every finding's stated fix is the one the fixers build.
		checkAvailability(t, name, src, rules.DefaultConfig(), nil)
		cfg := rules.DefaultConfig()
		out, err := Run(name, src, Options{Config: cfg})
		if err != nil {
			t.Fatalf("%v\ninput: %q", err, src)
		}
		if out.Passes == MaxPasses {
			t.Fatalf("no convergence in %d passes\ninput: %q", MaxPasses, src)
		}
		turnedDown := map[string]bool{}
		for _, r := range out.Rejected {
			turnedDown[r.Fixer] = true
		}
		for _, d := range out.Remaining {
			if fix := Suggest(out.Doc, cfg, d); fix != nil && fix.Safety == Safe && !turnedDown[fix.Fixer.Name] {
				t.Fatalf("after fixing, %s %q still has a safe fix (%s)\ninput: %q", d.Rule, d.Message, fix.Fixer.Name, src)
			}
		}
		again, err := Run(name, out.Src, Options{Config: cfg})
		if err != nil {
			t.Fatalf("second run: %v", err)
		}
		if again.Changed() {
			t.Fatalf("not idempotent:\n%s", Unified(name, out.Src, again.Src))
		}
		if diff := Unified(name, src, out.Src); diff != "" {
			applied, err := applyUnified(src, diff)
			if err != nil || !bytes.Equal(applied, out.Src) {
				t.Fatalf("the diff does not give the output (%v):\n%s", err, diff)
			}
		}
	})
}

// applyUnified applies a one-file unified diff as patch would, so the fuzz
// target can check the printed diff without running git.
func applyUnified(src []byte, diff string) ([]byte, error) {
	old := splitKeep(string(src))
	var out []string
	at := 0 // next line of old to copy
	lines := strings.SplitAfter(diff, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.HasPrefix(l, "@@ -") {
			continue
		}
		startText := strings.TrimPrefix(l, "@@ -")
		startText = startText[:strings.IndexAny(startText, ", ")]
		start, err := strconv.Atoi(startText)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(l[len("@@ -"+startText):], ",0 ") {
			start++ // an empty old range names the line before it
		}
		for ; at < start-1; at++ {
			out = append(out, old[at])
		}
		for i+1 < len(lines) && lines[i+1] != "" && !strings.HasPrefix(lines[i+1], "@@ ") {
			i++
			body := lines[i]
			noEOL := i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`)
			text := body[1:]
			if noEOL {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch body[0] {
			case ' ':
				out = append(out, old[at])
				at++
			case '-':
				at++
			case '+':
				out = append(out, text)
			}
		}
	}
	out = append(out, old[at:]...)
	return []byte(strings.Join(out, "")), nil
}

// splitKeep splits s into lines that keep their line endings.
func splitKeep(s string) []string {
	parts := strings.SplitAfter(s, "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// FuzzLosesWords holds the guard's fast count, over the edited stretches
// only, to the word-by-word count over the whole text before and after:
// both must see the same loss, or the same absence of one.
func FuzzLosesWords(f *testing.F) {
	f.Add("Ada opens the map.", uint16(15), uint16(18), "!", uint16(0), uint16(0), "", "")
	f.Add("Ada opens the map.", uint16(9), uint16(13), "", uint16(0), uint16(0), "", "")
	f.Add("Ada opens the map.", uint16(9), uint16(13), "", uint16(0), uint16(0), "", "the")
	f.Add("foo bar", uint16(3), uint16(4), "", uint16(0), uint16(0), "", "")
	f.Add("Ünïcode WORDS and words", uint16(1), uint16(3), "n", uint16(15), uint16(19), "", "and")
	f.Add("mapmaker maps", uint16(3), uint16(3), " ", uint16(9), uint16(9), "x", "")
	f.Add("a\xffb c", uint16(1), uint16(2), " ", uint16(3), uint16(3), "", "")
	f.Fuzz(func(t *testing.T, before string, s1, e1 uint16, new1 string, s2, e2 uint16, new2, removed string) {
		n := uint16(len(before))
		s1, e1, s2, e2 = min(s1, n), min(e1, n), min(s2, n), min(e2, n)
		if s1 > e1 {
			s1, e1 = e1, s1
		}
		if s2 > e2 {
			s2, e2 = e2, s2
		}
		edits := []Edit{{Start: int(s1), End: int(e1), New: new1}}
		if e2 <= s1 || s2 >= e1 && (s2 != s1 || e2 != e1) {
			edits = append(edits, Edit{Start: int(s2), End: int(e2), New: new2})
		}
		fixes := []*Fix{{Edits: edits, Removed: []string{removed}}}
		src := []byte(before)
		fast := losesWords(src, "", "", fixes)
		if read := losesWords(src, before, "", fixes); read != fast {
			t.Fatalf("%q with %v: lost=%v from its bytes, %v from its text", before, edits, fast, read)
		}
		if read := losesWords(src, before, string(applyFixes(src, fixes)), fixes); read != fast {
			t.Fatalf("%q with %v: lost=%v from the edits, %v from the fixed text", before, edits, fast, read)
		}
		slow := lostWords(src, applyFixes(src, fixes), fixes)
		if fast != (len(slow) > 0) {
			t.Fatalf("%q with %v, removed %q: stretch count says lost=%v, whole count lost %q", before, edits, removed, fast, slow)
		}
		// The same words declared as counts (a blob's syntax) answer alike.
		syntax := newWordTally(0)
		syntax.addWords(removed)
		counted := []*Fix{{Edits: edits, syntax: syntax}}
		if got := losesWords(src, before, "", counted); got != fast {
			t.Fatalf("%q with %v: lost=%v with %q removed as text, %v as counts", before, edits, fast, removed, got)
		}
		if got := lostWords(src, applyFixes(src, counted), counted); !slices.Equal(got, slow) {
			t.Fatalf("%q with %v: lost %q with %q removed as text, %q as counts", before, edits, slow, removed, got)
		}
	})
}

// FuzzAccount holds the count of a blob's syntax (recovery.account) to the
// words of its source less the words of its texts, each counted as
// countWords counts them, none below zero, whether the texts stand whole
// in the source or not.
func FuzzAccount(f *testing.F) {
	f.Add(`{"title": "Ada Opens", "quotes": [["The map argues.", [0, 9]]]}`, "Ada Opens", "The map argues.")
	f.Add(`['summary': 'A party \ud83c\udf89 for the atlas.']`, "A party 🎉 for the atlas.", "")
	f.Add("ÉCOLE école Ecole", "école école école", "ÉCOLE")
	f.Add(`{'summary': 'We counted 12', 500, 'maps.', 'quotes': ['Maps lie.']}`, "We counted 12,500 maps.", "Maps lie.")
	f.Fuzz(func(t *testing.T, source, text1, text2 string) {
		r := &recovery{fix: &Fix{}}
		r.account(source, &leak.Blob{Texts: []string{text1, text2}})
		want := countWords(source)
		for w, n := range countWords(text1 + " " + text2) {
			if _, ok := want[w]; ok {
				want[w] = max(0, want[w]-n)
			}
		}
		maps.DeleteFunc(want, func(_ string, n int) bool { return n == 0 })
		got := map[string]int{}
		for i, w := range r.fix.syntax.words {
			if n := int(r.fix.syntax.counts[i]); n > 0 {
				got[w] += n
			}
		}
		if !maps.Equal(got, want) {
			t.Fatalf("account(%q, %q, %q) counts %v, the words count %v", source, text1, text2, got, want)
		}
	})
}

// FuzzAddChange: the count addChange makes of a stretch before and after
// its edit is the whole count of the words of each (addWords), whichever
// words it pairs up and skips.
func FuzzAddChange(f *testing.F) {
	f.Add(`"Kemal maps the library.", [5, 49]`, `{"text": "Kemal maps the library.", "at": 349}`)
	f.Add("The map the Map", "the map The map")
	f.Add("a b c d", "b c d a")
	f.Add("Ünï x Ünï", "ünï x")
	f.Add("a\xffb c", "c a")
	f.Add("# T\n\n## [00:00] Hook Body words. > *\"Q\"*", "# T\n\n## [00:00] Hook\n\nBody words.\n\n> *\"Q\"*\n")
	f.Add("\xe2 \x80 x", "\xe2\n\x80 x")
	f.Add("a b", " a b")
	f.Add("ab", "a b")
	f.Add("0 00", "0 0") // the bytes after a shared word go on the same into a word one text makes longer
	f.Fuzz(func(t *testing.T, old, new string) {
		got, want := map[uint64]int32{}, map[uint64]int32{}
		addChange(got, old, new, nil, nil)
		addWords(want, old, 1, nil)
		addWords(want, new, -1, nil)
		for _, m := range []map[uint64]int32{got, want} {
			maps.DeleteFunc(m, func(_ uint64, n int32) bool { return n == 0 })
		}
		if !maps.Equal(got, want) {
			t.Fatalf("addChange(%q, %q) counts %v, the words count %v", old, new, got, want)
		}
	})
}

// TestSameBesideSpace: texts apart only in where a run of white space
// stands for another have the same words; any other difference, even one
// that keeps the words, goes to the word count.
func TestSameBesideSpace(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"## [00:00] Hook Body words.", "## [00:00] Hook\n\nBody words.\n", true},
		{"a  b\tc", "a\nb\r\nc", true},
		{"a b", "a b  ", true},
		{"", " \n", true},
		{"ab", "a b", false},       // a space that splits a word
		{"a b", "ab", false},       // and one that joins two
		{"a b", " a b", false},     // white space before one only: no run stands for it
		{"a,b", "a, b", false},     // the same words, another difference
		{"a b", "a\fb", false},     // a form feed is no ASCII space here
		{"a b", "a\u00a0b", false}, // nor a no-break space
	} {
		if got := sameBesideSpace(tc.a, tc.b); got != tc.want {
			t.Errorf("sameBesideSpace(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzSameBesideSpace holds sameBesideSpace to a comparison of the two
// texts with each run of ASCII white space written as one space, and none
// at their end.
func FuzzSameBesideSpace(f *testing.F) {
	for _, s := range [][2]string{
		{"## [00:00] Hook Body words.", "## [00:00] Hook\n\nBody words.\n"}, {"a b", " a b"}, {"ab", "a b"},
		{"twelve bytes and a space", "twelve bytes and  a space"}, {"0123456789abcdef ghij", "0123456789abcdef\tghij "},
	} {
		f.Add(s[0], s[1])
	}
	oneSpaced := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); {
			if !schema.IsSpaceByte(s[i]) {
				b.WriteByte(s[i])
				i++
				continue
			}
			for i < len(s) && schema.IsSpaceByte(s[i]) {
				i++
			}
			if i < len(s) {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := sameBesideSpace(a, b), oneSpaced(a) == oneSpaced(b); got != want {
			t.Fatalf("sameBesideSpace(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// FuzzRunsIn holds runsIn, which walks a page's words once for all the
// runs it looks for, to a search for each run between two spaces, on
// pages and runs written as keptWhole writes them (normalized words) from
// any strings.
func FuzzRunsIn(f *testing.F) {
	long := strings.Repeat("word ", 20) + "end"
	for _, seed := range []struct{ page, a, b string }{
		{"a b c", "b", "a b"},
		{"ab b", "b", "ab c"},
		{"b", "b", "bb"},
		{long, long, "word word"},
		{long + "s", long, "ends"},
		{"", "a", "b"},
		{"Zoë zoe ZOË", "zoë zoë", "zoe"},
		{"x-ray; X RAY", "x ray x", "ray x ray"},
	} {
		f.Add(seed.page, seed.a, seed.b)
	}
	f.Fuzz(func(t *testing.T, text, a, b string) {
		page := " " + normalizeWords(text) + " "
		var runs []string
		// A run of the page's own words too, which it mostly has.
		from := min(len(a), len(text))
		piece := text[from : from+min(len(b), len(text)-from)]
		for _, r := range []string{a, b, piece} {
			if w := normalizeWords(r); w != "" {
				runs = append(runs, w)
			}
		}
		found := runsIn(page, runs)
		for i, r := range runs {
			if want := strings.Contains(page, " "+r+" "); found[i] != want {
				t.Fatalf("runsIn(%q) finds %q: %v, the search between spaces says %v", page, r, found[i], want)
			}
		}
	})
}
