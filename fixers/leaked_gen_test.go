package fixers

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// This file builds leaked pages from random records, in the shapes the
// pipeline's misread produces (FORMAT.md §4) and in shapes it could: names
// without types, numbers split off text, escaped emoji, quotes with inner
// quote marks, metadata that disagrees with the front matter. The records
// are the truth a recovery is measured against.

type genQuote struct {
	text string
	m, s int
}

type genChapter struct {
	start   int
	title   string
	summary string
	quotes  []genQuote
}

type genEntity struct{ name, typ, description string }

type genPage struct {
	chapters []genChapter // chapters[0] is the intact chapter holding the blob
	entities []genEntity  // carried by the blob only
	listed   []genEntity  // already in the page's Entities section
	seoDesc  string       // in the blob; "" when absent
	fmDesc   string       // in front matter; "" when absent
}

var genWords = strings.Fields(`atlas river coast harbour survey lantern volunteer archive
	mapmaker ledger compass meridian tide orchard signal bridge granary beacon quarry
	delta summit valley canal ferry glacier mosaic satellite projection border`)

var genNames = []string{"Ada Pemberton", "Zorblax Atlas Society", "Mara Quill", "swyx",
	"OpenStreetMap", "Lisbon Guild", "Jun Okafor", "Théo Brandão", "Ilse Å. Berg"}

var genOddities = []string{"🎉", "🌍", "café", "naïve", "Zürich", "12,500", "3,040", "1,000,000", "12,005",
	"7 p.m.", "2026", "42%", "A/B", "don't", "e.g."}

func genSentence(rng *rand.Rand, min, max int) string {
	n := min + rng.IntN(max-min+1)
	words := make([]string, n)
	for i := range words {
		switch rng.IntN(10) {
		case 0:
			words[i] = genOddities[rng.IntN(len(genOddities))]
		case 1:
			words[i] = genNames[rng.IntN(len(genNames))]
		default:
			words[i] = genWords[rng.IntN(len(genWords))]
		}
	}
	s := strings.Join(words, " ")
	if rng.IntN(3) == 0 && n > 3 {
		// A comma splits the text into items, as the lenient parser does.
		k := 1 + rng.IntN(n-2)
		s = strings.Join(words[:k], " ") + ", " + strings.Join(words[k:], " ")
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

func randomGenPage(rng *rand.Rand) genPage {
	var p genPage
	n := 2 + rng.IntN(4)
	start := 0
	for i := range n {
		c := genChapter{start: start, title: strings.TrimSuffix(genSentence(rng, 2, 6), ".")}
		if i > 0 || rng.IntN(2) == 0 {
			c.summary = genSentence(rng, 5, 25)
		}
		if i == 0 {
			c.summary = genSentence(rng, 5, 12)
		}
		for range rng.IntN(4) {
			at := c.start + 5 + rng.IntN(50)
			text := genSentence(rng, 3, 12)
			if rng.IntN(8) == 0 {
				text = `"` + strings.Fields(text)[0] + `" he said, ` + strings.ToLower(text[:1]) + text[1:]
			}
			c.quotes = append(c.quotes, genQuote{text: text, m: at / 60, s: at % 60})
		}
		p.chapters = append(p.chapters, c)
		start += 60 + rng.IntN(900)
	}
	names := rng.Perm(len(genNames))
	for i := range rng.IntN(4) {
		name := genNames[names[i]]
		if i > 0 && rng.IntN(8) == 0 {
			name = p.entities[0].name // the same name twice, described otherwise
		}
		e := genEntity{name: name, description: genSentence(rng, 3, 10)}
		if rng.IntN(4) != 0 {
			e.typ = []string{"Person", "Organization", "Concept", "Place"}[rng.IntN(4)]
		}
		if rng.IntN(6) == 0 {
			e.description = ""
		}
		p.entities = append(p.entities, e)
	}
	if rng.IntN(3) == 0 {
		e := genEntity{name: "Mercator projection", typ: "Concept", description: genSentence(rng, 3, 8)}
		p.listed = append(p.listed, e)
		if rng.IntN(2) == 0 {
			p.entities = append(p.entities, e) // the same entity in the blob
		}
	}
	if rng.IntN(3) == 0 {
		p.seoDesc = genSentence(rng, 4, 10)
	}
	if rng.IntN(3) == 0 {
		p.fmDesc = p.seoDesc
		if p.fmDesc == "" || rng.IntN(2) == 0 {
			p.fmDesc = genSentence(rng, 4, 10)
		}
	}
	return p
}

// thousandsRe finds a number with thousands separators: the lenient
// parser splits it into a text ending in its first digits and one integer
// per group, and drops the space after it.
var thousandsRe = regexp.MustCompile(`(\d)((?:,\d{3})+)(?: |$)`)

// pyItems renders a text as the lenient parser leaves it: split at ", "
// and at thousands separators, each piece a Python literal.
func pyItems(rng *rand.Rand, text string) string {
	var items []string
	for _, part := range strings.Split(text, ", ") {
		for {
			m := thousandsRe.FindStringSubmatchIndex(part)
			if m == nil {
				break
			}
			items = append(items, pyString(rng, part[:m[3]]))
			for _, g := range strings.Split(part[m[4]+1:m[5]], ",") {
				n, _ := strconv.Atoi(g)
				items = append(items, strconv.Itoa(n))
			}
			part = part[m[1]:]
		}
		if part != "" {
			items = append(items, pyString(rng, part))
		}
	}
	return strings.Join(items, ", ")
}

// pyString writes s as Python's repr would, sometimes with non-ASCII
// characters escaped the way json.dumps (\uXXXX, surrogate pairs) or
// ascii() (\UXXXXXXXX) writes them.
func pyString(rng *rand.Rand, s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	escape := rng.IntN(3)
	var b strings.Builder
	b.WriteString(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == q:
			b.WriteString(`\` + q)
		case r > 0x7f && escape == 1:
			if r > 0xffff {
				hi, lo := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		case r > 0xffff && escape == 2:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(q)
	return b.String()
}

func ts(sec int) string {
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec%3600/60, sec%60)
	}
	return fmt.Sprintf("%02d:%02d", sec/60, sec%60)
}

// markdown renders the page with the blob leaked into chapters[0]'s quotes.
func (p genPage) markdown(rng *rand.Rand) string {
	var b strings.Builder
	if p.fmDesc != "" {
		fmt.Fprintf(&b, "---\nseo_description: %q\n---\n", p.fmDesc)
	}
	b.WriteString("# A generated episode about maps\n\nThe summary of the generated episode, in one paragraph.\n\n")
	first := p.chapters[0]
	fmt.Fprintf(&b, "## [%s] %s\n\n%s\n\n", ts(first.start), first.title, first.summary)
	for _, q := range first.quotes {
		fmt.Fprintf(&b, "> *\"%s\"* [%s]\n", q.text, ts(q.m*60+q.s))
	}
	// The blob: the rest of the episode swallowed into one quote line.
	var blob strings.Builder
	blob.WriteString("'\\n ]\\n },\\n {\\n ', ")
	for i, c := range p.chapters[1:] {
		if i > 0 {
			blob.WriteString(", '\\n ]\\n },\\n {\\n ', ")
		}
		fmt.Fprintf(&blob, "'title\": \"%s', {'start': %d.0", strings.ReplaceAll(c.title, "'", `\'`), c.start)
		if c.summary != "" {
			fmt.Fprintf(&blob, ", 'summary': %s", pyItems(rng, c.summary))
		}
		blob.WriteString(", 'quotes': [")
		for j, q := range c.quotes {
			if j > 0 {
				blob.WriteString(", ")
			}
			fmt.Fprintf(&blob, "%s, [%d, %d]", pyItems(rng, q.text), q.m, q.s)
		}
		blob.WriteString("]")
	}
	if len(p.entities) > 0 {
		blob.WriteString(", '\\n ]\\n }\\n ],\\n ', 'entities\": [', ")
		for i, e := range p.entities {
			if i > 0 {
				blob.WriteString(", ")
			}
			fmt.Fprintf(&blob, "{'name': %s", pyString(rng, e.name))
			if e.typ != "" {
				fmt.Fprintf(&blob, ", 'type': %s", pyString(rng, e.typ))
			}
			if e.description != "" {
				fmt.Fprintf(&blob, ", 'description': %s", pyItems(rng, e.description))
			}
			blob.WriteString("}")
		}
		blob.WriteString("]")
	}
	if p.seoDesc != "" {
		fmt.Fprintf(&blob, ", 'seo_description': %s", pyItems(rng, p.seoDesc))
	}
	blob.WriteString(strings.Repeat("}]", len(p.chapters)-1) + "}")
	fmt.Fprintf(&b, "> *%s*\n\n", blob.String())
	for _, c := range p.chapters[1:] {
		fmt.Fprintf(&b, "## [%s] %s\n\n", ts(c.start), c.title)
	}
	if len(p.listed) > 0 {
		b.WriteString("## Entities\n\n")
		for _, e := range p.listed {
			fmt.Fprintf(&b, "- **%s** (%s): %s\n", e.name, e.typ, e.description)
		}
	}
	return b.String()
}

// values lists every text the blob carries: what a recovery must keep.
func (p genPage) values() []string {
	var out []string
	for _, c := range p.chapters[1:] {
		out = append(out, c.title, c.summary)
		for _, q := range c.quotes {
			out = append(out, q.text)
		}
	}
	for _, e := range p.entities {
		out = append(out, e.name, e.typ, e.description)
	}
	return append(out, p.seoDesc)
}

// recoverable tells whether the blob can be recovered without losing a
// word, and if not, why: a safe fix must recover exactly these pages and
// leave the others for a person.
func (p genPage) recoverable() (bool, string) {
	listed := map[string]genEntity{}
	for _, e := range p.listed {
		listed[e.name] = e
	}
	for _, e := range p.entities {
		if l, ok := listed[e.name]; ok {
			// A field the blob repeats must agree with the list's; a field
			// it lacks loses nothing.
			if e.typ != "" && l.typ != e.typ || e.description != "" && l.description != e.description {
				return false, "an entity described otherwise than the page lists it"
			}
			continue
		}
		if e.typ == "" || e.description == "" {
			return false, "an entity that cannot be written as a bullet"
		}
		listed[e.name] = e // written: a later entry of the name is held to it
	}
	if p.seoDesc != "" && p.fmDesc != "" && p.seoDesc != p.fmDesc {
		return false, "seo_description differs from the front matter's"
	}
	for _, c := range p.chapters[1:] {
		for _, q := range c.quotes {
			if strings.ContainsAny(q.text, `"*_`) {
				return false, "a quote with marks the canonical form cannot hold"
			}
		}
	}
	return true, ""
}

// leakedOutcome is how a safe fix treated a generated page.
type leakedOutcome int

const (
	recoveredExactly leakedOutcome = iota
	leftAlone                      // the blob is still there, reported
	recoveredWrongly               // a value is not on the page, or not where it belongs
)

// judgeRecovery fixes a generated page with safe fixes and judges it.
func judgeRecovery(t *testing.T, p genPage, src string) (leakedOutcome, string) {
	t.Helper()
	cfg := rules.DefaultConfig()
	out, err := Run("page.md", []byte(src), Options{Config: cfg})
	if err != nil {
		return recoveredWrongly, err.Error()
	}
	fixed := string(out.Src)
	for _, d := range out.Remaining {
		if d.Rule == "leaked-json" {
			// Left for a person: the blob must be there as it was.
			if !strings.Contains(fixed, blobLine(src)) {
				return recoveredWrongly, "the blob was changed but not recovered"
			}
			return leftAlone, d.Message
		}
	}
	page := " " + normalizeWords(fixed) + " "
	for _, v := range p.values() {
		if n := normalizeWords(v); n != "" && !strings.Contains(page, " "+n+" ") {
			return recoveredWrongly, fmt.Sprintf("value %q is not on the fixed page", v)
		}
	}
	doc := schema.Read("page.md", out.Src)
	for _, c := range p.chapters[1:] {
		var got *schema.Chapter
		for _, ch := range doc.Episode.Chapters {
			if ch.Start.Valid && ch.Start.Seconds == c.start {
				got = ch
			}
		}
		if got == nil {
			return recoveredWrongly, fmt.Sprintf("chapter at %d is gone", c.start)
		}
		var body strings.Builder
		for _, b := range got.Blocks {
			body.WriteString(string(out.Src[b.Span.Start:b.Span.End]) + "\n")
		}
		inBody := " " + normalizeWords(body.String()) + " "
		for _, v := range append([]string{c.summary}, genQuoteTexts(c.quotes)...) {
			if n := normalizeWords(v); n != "" && !strings.Contains(inBody, " "+n+" ") {
				return recoveredWrongly, fmt.Sprintf("%q is not under its chapter at %d", v, c.start)
			}
		}
		if normalizeWords(got.Title.Value) != normalizeWords(c.title) {
			return recoveredWrongly, fmt.Sprintf("chapter at %d has title %q", c.start, got.Title.Value)
		}
	}
	return recoveredExactly, ""
}

// blobLine is the generated page's blob line.
func blobLine(src string) string {
	i := strings.Index(src, "> *'\\n ]")
	return src[i : i+strings.IndexByte(src[i:], '\n')]
}

func genQuoteTexts(qs []genQuote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.text)
	}
	return out
}

// TestRecoverRandomBlobs recovers leaked blobs built from random records
// with safe fixes only: a recovery puts every value back under its chapter
// or leaves the blob for a person; it never loses or misplaces a word.
func TestRecoverRandomBlobs(t *testing.T) {
	const pages = 600
	var counts [3]int
	for seed := range pages {
		rng := rand.New(rand.NewPCG(uint64(seed), 12))
		p := randomGenPage(rng)
		src := p.markdown(rng)
		got, why := judgeRecovery(t, p, src)
		counts[got]++
		ok, unrecoverable := p.recoverable()
		switch {
		case got == recoveredWrongly:
			t.Errorf("seed %d: %s\npage:\n%s", seed, why, src)
		case got == leftAlone && ok:
			// Giving up on everything would pass the case above.
			t.Errorf("seed %d: a recoverable blob was left alone: %s\npage:\n%s", seed, why, src)
		case got == recoveredExactly && !ok:
			t.Errorf("seed %d: recovered although %s\npage:\n%s", seed, unrecoverable, src)
		}
	}
	t.Logf("%d random leaked pages: %d recovered exactly, %d left alone, %d wrong", pages, counts[0], counts[1], counts[2])
	// The README gives these figures ("Recovering leaked JSON"): a change
	// that moves them updates it and this line together.
	if want := [3]int{182, 418, 0}; counts != want {
		t.Errorf("recovered exactly, left alone, wrong: %v, the README says %v", counts, want)
	}
}

// FuzzRecoverLeaked builds a leaked page from random records (the seed)
// with fuzzed text in one quote and one entity description, fixes it with
// safe fixes, and checks that every text value of the blob is on the fixed
// page, under its chapter when the blob was recovered.
func FuzzRecoverLeaked(f *testing.F) {
	f.Add(uint64(1), "plain words")
	f.Add(uint64(2), `"Quoted" he said`)
	f.Add(uint64(3), `with 12,500 members, 🎉 and \U0001F30D`)
	f.Fuzz(func(t *testing.T, seed uint64, text string) {
		rng := rand.New(rand.NewPCG(seed, 7))
		p := randomGenPage(rng)
		text = strings.Join(strings.Fields(text), " ")
		if len(p.chapters) > 1 && len(p.chapters[1].quotes) > 0 {
			p.chapters[1].quotes[0].text = text
		}
		if len(p.entities) > 0 {
			p.entities[0].description = text
		}
		src := p.markdown(rng)
		if got, why := judgeRecovery(t, p, src); got == recoveredWrongly {
			t.Fatalf("%s\npage:\n%s", why, src)
		}
	})
}
