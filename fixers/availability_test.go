package fixers

import (
	"github.com/podlint/podlint/internal/racetest"
	"io/fs"
	"math/rand"
	randv2 "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// availabilityTally counts findings by what their rule stated, and the
// leaked-json findings without a safe fix by where they say why: in a
// note, or in the message itself.
type availabilityTally struct {
	stated           map[rules.Fix]int
	noted, described int
}

// checkAvailability reads src as the file name and holds each finding's
// stated fix (rules.Diagnostic.Fix) to the fix the fixers build for it:
// a rule that says "safe" must get a safe fix, "none" no fix at all. A
// fixer's Assess must give the safety its Make gives.
func checkAvailability(t *testing.T, name string, src []byte, cfg *rules.Config, tally *availabilityTally) {
	t.Helper()
	doc := schema.Read(name, src)
	for _, d := range rules.Run(doc, cfg) {
		if tally != nil {
			tally.stated[d.Fix]++
		}
		built := availabilityOf(Suggest(doc, cfg, d))
		if assessed := availabilityOf(suggest(doc, cfg, d, true)); assessed != built {
			t.Errorf("%s: %s %q at %d-%d: assessed as %s, built as %s",
				name, d.Rule, d.Message, d.Span.Start, d.Span.End, fixName(assessed), fixName(built))
		}
		if d.Fix == rules.FixerDecides {
			checkNote(t, name, doc, cfg, d, built, tally)
			continue
		}
		if got := built; got != d.Fix {
			t.Errorf("%s: %s %q at %d-%d: the rule states %s, the fixers give %s",
				name, d.Rule, d.Message, d.Span.Start, d.Span.End, fixName(d.Fix), fixName(got))
		}
	}
}

// checkNote holds a finding whose fix its fixer decides to say the same
// note whether its fix is assessed or built, and a leaked-json finding
// without a safe fix to say why: in its note, or in what its message
// says the blob lacks.
func checkNote(t *testing.T, name string, doc *schema.Document, cfg *rules.Config, d rules.Diagnostic, built rules.Fix, tally *availabilityTally) {
	t.Helper()
	note := Note(doc, cfg, d, Suggest(doc, cfg, d))
	if _, assessed := Verdict(doc, cfg, d); assessed != note {
		t.Errorf("%s: %s %q: assessed with the note %q, built with %q", name, d.Rule, d.Message, assessed, note)
	}
	if d.Rule != "leaked-json" || built == rules.SafeFix {
		return
	}
	said := []string{"read as syntax", "fits no record", "fit no record", "out of the pipeline's order", "have no start",
		"match no orphan or empty heading", "start where a chapter already starts"}
	switch {
	case note != "":
		if tally != nil {
			tally.noted++
		}
		return
	case !strings.Contains(d.Message, ", carrying ") || slices.ContainsFunc(said, func(s string) bool { return strings.Contains(d.Message, s) }):
		if tally != nil {
			tally.described++
		}
		return
	}
	t.Errorf("%s: leaked-json %q has %s and does not say why", name, d.Message, fixName(built))
}

func fixName(f rules.Fix) string {
	return [...]string{"no fix", "a safe fix", "an unsafe fix", "the fixer decides"}[f]
}

// TestFixAvailability holds what every rule states about its findings'
// repair to what the fixers do, on every page the project has: the
// fixtures and demo pages, their flattened forms, a generated corpus,
// random leaked blobs and quote shapes, the shared pages when they are
// there, and each of those pages once fixed. check labels findings fixable
// from the statements alone, so a rule that drifts from its fixer fails
// here.
func TestFixAvailability(t *testing.T) {
	racetest.Skip(t)
	type page struct {
		name string
		src  []byte
	}
	var pages []page
	walk := func(root string) {
		_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			name := p
			for _, suffix := range []string{".fixed", ".to-md", ".to-json"} {
				name = strings.TrimSuffix(name, suffix)
			}
			if ext := filepath.Ext(name); ext != ".md" && ext != ".json" {
				return nil
			}
			if src, err := os.ReadFile(p); err == nil {
				pages = append(pages, page{name, src})
			}
			return nil
		})
	}
	// Pages on the edges where a fixer declines what looks fixable.
	for i, src := range []string{
		// One space for the run would make a heading marker mid-line.
		"# Atlas ##  [00:10] notes\n\nAda talks maps.\n\n## [00:00] Cold open\n\nAda opens.\n",
		// A list between the quote and its time pair.
		"# Atlas\n\nAda talks maps.\n\n## [00:00] Cold open\n\nAda opens.\n\n> *\"Every map argues.\"*\n\n- a list\n\n> *[0, 9]*\n",
		// A quote with no words before the pair.
		"# Atlas\n\nAda talks maps.\n\n## [00:00] Cold open\n\nAda opens.\n\n> **\n> *[0, 9]*\n",
	} {
		pages = append(pages, page{"edge-" + strconv.Itoa(i) + ".md", []byte(src)})
	}
	walk("../testdata")
	walk(sharedtest.Path("samples"))
	walk(sharedtest.Path("examples"))
	generated, err := podgenPages(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range generated {
		pages = append(pages, page{g.name, []byte(g.text)})
	}
	for _, p := range pages {
		if flat, ok := flatten(string(p.src)); ok && filepath.Ext(p.name) == ".md" {
			pages = append(pages, page{"flattened/" + p.name, []byte(flat)})
		}
	}
	for seed := range 300 {
		rng := randv2.New(randv2.NewPCG(uint64(seed), 12))
		pages = append(pages, page{"random-blob.md", []byte(randomGenPage(rng).markdown(rng))})
	}
	r := rand.New(rand.NewSource(3))
	for range 1000 {
		src, _ := randomQuoteShape(r).page()
		pages = append(pages, page{"quote-shape.md", []byte(src)})
	}

	tally := &availabilityTally{stated: map[rules.Fix]int{}}
	for _, p := range pages {
		cfg := availabilityConfig(t, p.name)
		checkAvailability(t, p.name, p.src, cfg, tally)
		out, err := Run(p.name, p.src, Options{Config: cfg, Unsafe: true})
		if err == nil {
			checkAvailability(t, "fixed/"+p.name, out.Src, cfg, tally)
		}
	}
	t.Logf("%d pages: findings stating no fix %d, a safe fix %d, an unsafe fix %d, left to the fixer %d",
		len(pages), tally.stated[rules.NoFix], tally.stated[rules.SafeFix], tally.stated[rules.UnsafeFix], tally.stated[rules.FixerDecides])
	t.Logf("leaked-json findings without a safe fix: %d say why in a note, %d in the message itself", tally.noted, tally.described)
	if tally.noted == 0 || tally.described == 0 {
		t.Errorf("the pages cover too little: no leaked-json finding says why in a note, or none in its message")
	}
	for f := range rules.FixerDecides + 1 {
		if tally.stated[f] == 0 {
			t.Errorf("no finding states %s: the pages cover too little", fixName(f))
		}
	}
}
