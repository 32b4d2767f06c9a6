package rules

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// asScanned is s as the scanner reads it, byte by byte (anchorByte).
func asScanned(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = anchorByte(c)
	}
	return string(b)
}

// anchorsIn is what anchorScanner.scan answers, by its definition: the
// phrases (bit p for phrase p, the first 64) with an anchor that the text,
// read as the scanner reads it, holds, and those without anchors. It is
// the reference the scanner is held to, an automaton's work done by a
// search for each anchor.
func anchorsIn(needs [][]string, text string) uint64 {
	text = asScanned(text)
	var found uint64
	for p, anchors := range needs[:min(len(needs), 64)] {
		if len(anchors) == 0 {
			found |= 1 << p
		}
		for _, anchor := range anchors {
			if strings.Contains(text, asScanned(anchor)) {
				found |= 1 << p
			}
		}
	}
	return found
}

// anchorEnds is what anchorScanner.hits answers, by its definition: each
// offset where an anchor of the first 64 phrases ends in src, read as the
// scanner reads it, with the phrases of the anchors that end there, in
// order of offset.
func anchorEnds(needs [][]string, src string) []anchorHit {
	src = asScanned(src)
	ends := map[int]uint64{}
	for p, anchors := range needs[:min(len(needs), 64)] {
		for _, anchor := range anchors {
			anchor = asScanned(anchor)
			for from := 0; ; {
				i := strings.Index(src[from:], anchor)
				if i < 0 {
					break
				}
				ends[from+i+len(anchor)-1] |= 1 << p
				from += i + 1
			}
		}
	}
	var out []anchorHit
	for _, at := range slices.Sorted(maps.Keys(ends)) {
		out = append(out, anchorHit{at, ends[at]})
	}
	return out
}

// sameHits tells whether a scanner's hits on text, read as a string and
// as bytes, are anchorEnds'.
func sameHits(t *testing.T, scanner *anchorScanner, needs [][]string, text string) {
	t.Helper()
	want := anchorEnds(needs, text)
	if got := anchorHits(scanner, text, nil); !slices.Equal(got, want) {
		t.Fatalf("anchorHits(%q) = %v, a search for each anchor finds %v", text, got, want)
	}
	if got := anchorHits(scanner, []byte(text), nil); !slices.Equal(got, want) {
		t.Fatalf("anchorHits([]byte(%q)) = %v, a search for each anchor finds %v", text, got, want)
	}
}

// anchorSets are the anchor lists the scanners are compared on: the
// built-in phrases' anchors and finer anchors (within), and theirs with
// phrases of a config's own (one opens with a mark, one is a single
// letter, one a word outside ASCII).
func anchorSets() [][][]string {
	own := DefaultConfig()
	own.Options = OptionValues{metaAdd: []string{"[citation", "I", "ünïcode words", "per   the brief"}}
	var sets [][][]string
	for _, cfg := range []*Config{DefaultConfig(), own} {
		set := phrasesOf(cfg)
		needs, within := make([][]string, len(set.phrases)), make([][]string, len(set.phrases))
		for i, ph := range set.phrases {
			needs[i], within[i] = ph.needs, ph.within
		}
		sets = append(sets, needs, within)
	}
	return sets
}

// anchorTexts are texts built to hold anchors: each anchor alone, in
// capitals, across a line break, and planted at every offset around the
// places scan splits a text (the middle of a long one, the quarters of a
// longer one), then random mixes of anchors, words and bytes.
func anchorTexts(needs [][]string) []string {
	var anchors []string
	for _, as := range needs {
		anchors = append(anchors, as...)
	}
	texts := []string{""}
	for _, ex := range metaExamples {
		texts = append(texts, ex.note, ex.content)
	}
	fill := strings.Repeat("Ada maps the coast, ", 8)
	long := strings.Repeat(fill, 4)
	for _, anchor := range anchors {
		variants := []string{anchor, strings.ToUpper(anchor), strings.ReplaceAll(anchor, " ", "\n"), strings.ReplaceAll(anchor, "'", "’"), anchor[:len(anchor)-1]}
		texts = append(texts, variants...)
		for _, v := range variants[:2] {
			for at := -2; at <= len(v)+2; at++ {
				// The text's middle falls at v's byte at (fill is long
				// enough for both sides).
				const before = 100
				texts = append(texts, fill[:before]+v+fill[:before+2*at-len(v)])
				// In a text read as four quarters of quarter bytes, each
				// place a quarter starts falls at v's byte at.
				const quarter = 150
				for k := 1; k <= 3; k++ {
					head := k*quarter - at
					texts = append(texts, long[:head]+v+long[:4*quarter-head-len(v)])
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := append(slices.Clone(anchors), " ", "\t", "\n", "’", "é", "the", "Ada", "{", "[", "<", "an", "ai", "i", "here")
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(200) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(rng.IntN(256)))
				continue
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestAnchorScan holds anchorScanner to what it stands for: the same
// phrases as a search for each anchor, on every text.
func TestAnchorScan(t *testing.T) {
	for _, needs := range anchorSets() {
		scanner := newAnchorScanner(needs)
		for _, text := range anchorTexts(needs) {
			if got, want := scanner.scan(text), anchorsIn(needs, text); got != want {
				t.Fatalf("scan(%q) = %b, a search for each anchor finds %b", text, got, want)
			}
			sameHits(t, scanner, needs, text)
		}
	}
}

// FuzzAnchorScan holds anchorScanner to a search for each anchor on any
// text, alone and in the middle of a text long enough to be read in two
// halves.
func FuzzAnchorScan(f *testing.F) {
	for _, ex := range metaExamples {
		f.Add(ex.note)
		f.Add(ex.content)
	}
	sets := anchorSets()
	var scanners []*anchorScanner
	for _, needs := range sets {
		scanners = append(scanners, newAnchorScanner(needs))
	}
	fill := strings.Repeat("Ada maps the coast, ", 8)
	f.Fuzz(func(t *testing.T, text string) {
		for i, scanner := range scanners {
			for _, s := range []string{text, fill + text + fill} {
				if got, want := scanner.scan(s), anchorsIn(sets[i], s); got != want {
					t.Fatalf("scan(%q) = %b, a search for each anchor finds %b", s, got, want)
				}
				sameHits(t, scanner, sets[i], s)
			}
		}
	})
}

// TestScanEach: reading texts four at once answers what reading each
// alone does, whatever their number, order and lengths (empty texts,
// one-byte ones, texts much longer than the others).
func TestScanEach(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, needs := range anchorSets() {
		scanner := newAnchorScanner(needs)
		pool := append(anchorTexts(needs), "", "a", strings.Repeat("so, as an AI model, ", 40))
		// Anchors cut in two, a text each: a lane that went on from one
		// text into the next in the state it ended in would find them.
		var halves []string
		for _, need := range needs {
			for _, anchor := range need {
				for cut := 1; cut < len(anchor); cut++ {
					halves = append(halves, anchor[:cut], anchor[cut:])
				}
			}
		}
		sameAsScan(t, scanner, halves)
		pool = append(pool, halves...)
		for round := range 300 {
			texts := make([]string, round%11)
			for i := range texts {
				texts[i] = pool[rng.IntN(len(pool))]
			}
			sameAsScan(t, scanner, texts)
		}
	}
}

// FuzzScanEach holds scanEach to scan on any texts: the input cut at each
// '|'.
func FuzzScanEach(f *testing.F) {
	f.Add("as an AI|TODO|||{guest_name} joins|x|In this episode, we")
	f.Add("a|b|c|d|e")
	f.Add("as an|AI|as an| AI|as| an AI|a|s an AI")
	for _, ex := range metaExamples {
		f.Add(ex.note + "|" + ex.content + "|" + ex.note)
	}
	var scanners []*anchorScanner
	for _, needs := range anchorSets() {
		scanners = append(scanners, newAnchorScanner(needs))
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, scanner := range scanners {
			sameAsScan(t, scanner, strings.Split(in, "|"))
		}
	})
}

func sameAsScan(t *testing.T, scanner *anchorScanner, texts []string) {
	t.Helper()
	found := make([]uint64, len(texts))
	scanner.scanEach(texts, found)
	for i, text := range texts {
		if want := scanner.scan(text); found[i] != want {
			t.Fatalf("scanEach of %q: text %d %q: %b, scan %b", texts, i, text, found[i], want)
		}
	}
}

// TestPageHitsAreAFilter: the hits metaHitsOf answers for each text (from
// one read of the page, where the text is the page's bytes) name every
// phrase the text's own scan names, and the findings they lead to are
// those of trying every phrase in every text: the demo pages, the shared
// samples and examples when they are there, and Markdown and JSON pages of
// the phrases' examples and anchors.
func TestPageHitsAreAFilter(t *testing.T) {
	passes := readPages(t, "../testdata/demo/*", "../../shared/samples/*.md", "../../shared/samples/collapsed/*.md", "../../shared/examples/*")
	var notes []string
	for _, ex := range metaExamples {
		notes = append(notes, ex.note, ex.content)
	}
	// Anchors at a text's edges: a text's first byte or last may end one.
	for _, ph := range phrasesOf(DefaultConfig()).phrases {
		for _, anchor := range ph.needs {
			notes = append(notes, anchor, anchor+" and so on", "So on, "+anchor)
		}
	}
	slices.Sort(notes)
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 200 {
		pick := func() string { return notes[rng.IntN(len(notes))] }
		md := "# Maps and Their Makers — Ada Quill\n\n" + pick() + "\n\n"
		js := `{"title": "Maps and Their Makers — Ada Quill", "summary": ` + jsonText(pick()) + `, "chapters": [`
		for c := range 1 + rng.IntN(5) {
			md += "## [" + schema.FormatTimestamp(60*c) + "] Chapter " + itoa(c) + "\n\n"
			if c > 0 {
				js += ", "
			}
			js += `{"start": ` + itoa(60*c) + `, "title": "Chapter ` + itoa(c) + `", "summary": `
			for k := range 1 + rng.IntN(3) {
				note := pick()
				md += note + "\n\n"
				if k == 0 {
					js += jsonText(note) + `, "quotes": [`
				} else {
					js += ` {"text": ` + jsonText(note) + `, "at": ` + itoa(60*c+k) + `},`
				}
			}
			js = strings.TrimSuffix(js, ",") + "]}"
		}
		js += "]}"
		for _, page := range []struct{ name, src string }{{"page.md", md}, {"page.json", js}} {
			doc := schema.Read(itoa(n)+page.name, []byte(page.src))
			if doc.Broken {
				t.Fatalf("%s does not read:\n%s", page.name, page.src)
			}
			passes = append(passes, &Pass{Doc: doc, Episode: doc.Episode, Config: DefaultConfig(), shared: &shared{}})
		}
	}
	set := phrasesOf(DefaultConfig())
	inPage, alone := 0, 0
	for _, p := range passes {
		texts := pageTexts(p)
		hits := metaHitsOf(p, set, texts)
		for i, text := range texts {
			if own := set.candidates(text.Text); own&^hits[i] != 0 {
				t.Fatalf("%s: text %q: hits %b lack %b of its own scan", p.Doc.Path, text.Text, hits[i], own&^hits[i])
			}
			if inSource(p.Doc, text) {
				inPage++
			} else {
				alone++
			}
		}
		every := make([]uint64, len(texts))
		for i := range every {
			every[i] = ^uint64(0)
		}
		var filtered, tried []Diagnostic
		reportMeta(&Pass{Doc: p.Doc, Episode: p.Episode, Config: p.Config, rule: metaCommentary, out: &filtered}, set, texts, hits)
		reportMeta(&Pass{Doc: p.Doc, Episode: p.Episode, Config: p.Config, rule: metaCommentary, out: &tried}, set, texts, every)
		if !slices.EqualFunc(filtered, tried, sameDiagnostic) {
			t.Fatalf("%s: with the hits\n%v\ntrying every phrase\n%v", p.Doc.Path, filtered, tried)
		}
	}
	if inPage < 1000 || alone < 200 {
		t.Errorf("%d texts read in their page, %d alone: both paths must be tried", inPage, alone)
	}
}

// jsonText is s as a JSON string, with HTML's marks as they are (only
// quotes, backslashes and control characters escaped).
func jsonText(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// BenchmarkNewAnchorScanner builds the automaton of the built-in phrases'
// anchors, as a run does once before its first page.
func BenchmarkNewAnchorScanner(b *testing.B) {
	set := phrasesOf(DefaultConfig())
	needs := make([][]string, len(set.phrases))
	for i, ph := range set.phrases {
		needs[i] = ph.needs
	}
	b.ReportAllocs()
	for b.Loop() {
		newAnchorScanner(needs)
	}
}
