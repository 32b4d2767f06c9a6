package rules

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/schema"
)

// metaExamples holds, for every built-in phrase, a paragraph it must
// report (matched by that phrase and no other) and one of content that
// looks like it and must pass.
var metaExamples = map[string]struct{ note, content string }{
	"[insert …]":                       {"Ada joins us. [insert guest bio]", "Ada reads [the letter] aloud."},
	"{{…}}":                            {"Welcome back to {{ show.name }}.", "Ada sets `{{ .Title }}` in her templates."},
	"{field_name}":                     {"Our guest {guest_name} joins.", "Ada writes {a, b} sets on the board."},
	"<placeholder>":                    {"Guest: <guest name>.", "Ada compares a < b and b > c."},
	"TODO":                             {"TODO: add the links.", "Ada keeps TODO comments in her scripts."},
	"TBD":                              {"The release is (TBD).", "The release date is still TBD."},
	"FIXME":                            {"FIXME: the date is wrong.", "Ada greps for FIXME markers in old code."},
	"lorem ipsum":                      {"Lorem ipsum dolor sit amet.", "Ada explains why typesetters used filler."},
	"as an AI language model":          {"As an AI language model, I cannot say.", "It works as a language model and nothing more."},
	"as an AI, I":                      {"As an AI, I do not have opinions.", "As an AI researcher, Ada tests assistants."},
	"I am an AI":                       {"I am an AI, so I cannot listen.", "Ada says she is an AI skeptic."},
	"my knowledge cutoff":              {"After my knowledge cutoff, things changed.", "Ada cut off the tape at noon."},
	"I don't have access to the audio": {"I don't have access to the audio of this part.", "Ada had no access to the archive's audio."},
	"here is the summary":              {"Here is the summary of the episode: maps lie.", "Here is the thing about maps: they lie."},
	"sure, here is":                    {"Sure, here is the rest of the chapter.", "Ada is sure that here is where maps began."},
	"I hope this helps":                {"I hope this helps with the show notes.", "Ada hopes the atlas helps teachers."},
	"let me know if you'd like":        {"Let me know if you'd like me to shorten it.", "Ada lets listeners know the atlas is free."},
	"would you like me to":             {"Would you like me to add timestamps?", "Ada asks what listeners would like to hear."},
	"the transcript is unclear":        {"The transcript is unclear here, but she agrees.", "The transcript is unclear about who spoke first."},
	"the audio cuts out":               {"The audio cuts out for a minute.", "Ada cut out the audio of the jingle herself."},
	"the transcript does not say":      {"The transcript does not say which atlas.", "The trial transcript is silent on it."},
	"in this transcript":               {"In this transcript, the host speaks first.", "In this transcript of the 1911 trial, a clerk speaks."},
	"not stated in the transcript":     {"Her age is not stated in the transcript.", "Her age is not stated anywhere in the records."},
	"this section stands in for":       {"This section stands in for the sponsor read.", "This section of the atlas covers the coast."},
	"this summary is based on":         {"This summary is based on the first half.", "Ada says this summary of the law is wrong."},
	"[inaudible]":                      {"Every map is [inaudible] an argument.", "Every map is [she laughs] an argument."},
	"Speaker 1":                        {"Speaker 1 argues that maps lie.", "The Speaker of the house argued otherwise."},
}

// TestMetaPhrases holds every built-in phrase to an example it reports and
// a look-alike it passes, in a chapter's paragraph.
func TestMetaPhrases(t *testing.T) {
	for _, ph := range metaPhrases {
		ex, ok := metaExamples[ph.Name]
		if !ok {
			t.Errorf("phrase %q has no example", ph.Name)
			continue
		}
		for _, tc := range []struct {
			text string
			want bool
		}{{ex.note, true}, {ex.content, false}} {
			page := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\n" + tc.text + "\n"
			var found []string
			for _, d := range Run(schema.Read("meta.md", []byte(page)), DefaultConfig()) {
				if d.Rule == metaCommentary.Name {
					found = append(found, d.Message)
				}
			}
			if got := len(found) == 1 && strings.Contains(found[0], ph.Kind); got != tc.want || (!tc.want && len(found) > 0) {
				t.Errorf("%s: %q: findings %q, want one: %v", ph.Name, tc.text, found, tc.want)
			}
		}
		// Turned off, the phrase reports nothing.
		cfg := DefaultConfig()
		cfg.Options = OptionValues{metaRemove: []string{ph.Name}}
		page := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\n" + ex.note + "\n"
		for _, d := range Run(schema.Read("meta.md", []byte(page)), cfg) {
			if d.Rule == metaCommentary.Name {
				t.Errorf("%s removed: still finds %s", ph.Name, d.Message)
			}
		}
	}
}

// TestMetaAdd: a phrase of the config's is found whatever it opens with: a
// word, a mark, or a character that is neither.
func TestMetaAdd(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Options = OptionValues{metaAdd: []string{"as per the brief", "(placeholder text)", "«draft»"}}
	page := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps, as per  the Brief.\n\n## [00:00] Cold open\n\nAda opens. (Placeholder text) «draft»\n"
	var found []string
	for _, d := range Run(schema.Read("meta.md", []byte(page)), cfg) {
		if d.Rule == metaCommentary.Name {
			found = append(found, d.Message)
		}
	}
	if len(found) != 3 {
		t.Errorf("findings %q, want the 3 phrases", found)
	}
}

// metaFindings are the messages of meta-commentary on page under cfg.
func metaFindings(name, page string, cfg *Config) []string {
	var found []string
	for _, d := range Run(schema.Read(name, []byte(page)), cfg) {
		if d.Rule == metaCommentary.Name {
			found = append(found, d.Message)
		}
	}
	return found
}

// TestMetaAddOutsideASCII: a phrase of the config's whose first word is
// not ASCII is found wherever it stands. The anchor scan reads a byte
// outside ASCII as any such byte, and Ⱥ takes two bytes where its lower
// case ⱥ takes three: an anchor made of the lower-case word missed the
// phrase unless three such bytes happened to stand before its letters (a
// curly quote before it), in Markdown and in JSON.
func TestMetaAddOutsideASCII(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Options = OptionValues{metaAdd: []string{"Ⱥlpha rises"}}
	for name, page := range map[string]string{
		"bare.md":   "# Hives — Mara Quill\n\nMara on hives.\n\n## [00:00] Cold open\n\nThe day began. Ⱥlpha rises over the hive.\n",
		"quoted.md": "# Hives — Mara Quill\n\nMara on hives.\n\n## [00:00] Cold open\n\n> *“Ⱥlpha rises over the hive.”* [00:12]\n",
		"page.json": `{"title": "Hives — Mara Quill", "summary": "Mara on hives.", "chapters": [{"start": 0, "title": "Cold open", "summary": "ⱥlpha RISES over the hive."}]}`,
	} {
		if found := metaFindings(name, page, cfg); len(found) != 1 {
			t.Errorf("%s: findings %q, want the phrase once", name, found)
		}
	}
}

// TestMetaPhrasesPast64: a config may make more phrases than the scan
// has bits for; those past the 64th are tried in every text, also in a
// text where no anchor of the others stands.
func TestMetaPhrasesPast64(t *testing.T) {
	cfg := DefaultConfig()
	var added []string
	for i := range 64 {
		added = append(added, fmt.Sprintf("w%02d", i))
	}
	cfg.Options = OptionValues{metaAdd: append(added, "zebra crossing")}
	page := "# Hives — Mara Quill\n\nMara on hives.\n\n## [00:00] Cold open\n\nA zebra crossing by the hive.\n"
	if found := metaFindings("page.md", page, cfg); len(found) != 1 || !strings.Contains(found[0], "zebra crossing") {
		t.Errorf("findings %q, want the last phrase once", found)
	}
}

// TestMetaNoPhrases: a config that removes every phrase checks a page of
// any length and finds nothing (the scan has no anchors to look for).
func TestMetaNoPhrases(t *testing.T) {
	cfg := DefaultConfig()
	var names []string
	for _, ph := range metaPhrases {
		names = append(names, ph.Name)
	}
	cfg.Options = OptionValues{metaRemove: names}
	long := "# Hives — Mara Quill\n\nMara on hives. As an AI language model, I [insert guest bio].\n\n## [00:00] Cold open\n\n" +
		strings.Repeat("Mara opens with a claim about the hive, TODO. ", 40) + "\n"
	for name, page := range map[string]string{"long.md": long, "short.md": long[:60] + "\n"} {
		if found := metaFindings(name, page, cfg); len(found) != 0 {
			t.Errorf("%s: every phrase removed, findings %q", name, found)
		}
	}
}

// TestMetaAnchors: a text a phrase matches holds one of its anchors, so
// that the scan that passes texts over never passes a note over. The texts
// are the examples above, the rule's fixtures and variants of both.
func TestMetaAnchors(t *testing.T) {
	set := phrasesOf(DefaultConfig())
	var texts []string
	for _, ex := range metaExamples {
		texts = append(texts, ex.note, ex.content)
	}
	fixtures, _ := filepath.Glob("../testdata/rules/meta-commentary/*")
	for _, f := range fixtures {
		src, _ := os.ReadFile(f)
		texts = append(texts, strings.Split(string(src), "\n")...)
	}
	for _, text := range slices.Clone(texts) {
		texts = append(texts, strings.ToUpper(text), strings.ReplaceAll(text, " ", "\n"), strings.ReplaceAll(text, "'", "’"))
	}
	for _, text := range texts {
		found := set.candidates(text)
		for i, ph := range set.phrases {
			if ph.re.Get().MatchString(text) && found&(1<<i) == 0 {
				t.Errorf("%s matches %q, but the scan finds none of its anchors", ph.Name, text)
			}
		}
	}
}

// TestMetaAnchorsOnMatches: on texts made to match each phrase, its
// pattern walked at random (every case of its letters, ſ and the Kelvin
// sign among them, and as many spaces as it allows), the scan lets the
// phrase through; and its finer anchors (within) let through whatever
// its anchors do, so that they change no finding.
func TestMetaAnchorsOnMatches(t *testing.T) {
	set := phrasesOf(DefaultConfig())
	rng := rand.New(rand.NewPCG(5, 6))
	around := []string{"", " ", "Ada said: ", "\n", "“", " and so on.", "Here is the map. "}
	for i, ph := range set.phrases {
		tree, err := syntax.Parse(ph.re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for range 400 {
			text := around[rng.IntN(len(around))] + sampleMatch(rng, tree) + around[rng.IntN(len(around))]
			if !ph.re.Get().MatchString(text) {
				continue // a word boundary or line start the walk did not keep
			}
			matched++
			found, anchors := set.candidates(text), set.anchors.scan(text)
			if found&(1<<i) != anchors&(1<<i) && !foldsBeyondASCII(text) {
				t.Errorf("%s matches %q: its anchors let it through, its finer anchors do not", ph.Name, text)
			}
			if found&(1<<i) == 0 {
				t.Errorf("%s matches %q, but the scan finds none of its anchors", ph.Name, text)
			}
			if !foldsBeyondASCII(text) && !lazyre.HoldsNeeds(asciiLowered(text), ph.re.Needs()) {
				t.Errorf("%s matches %q, which holds none of a set of what its pattern needs: %q", ph.Name, text, ph.re.Needs())
			}
		}
		if matched < 100 {
			t.Errorf("%s: %d texts of 400 made to match it do", ph.Name, matched)
		}
	}
}

// sampleMatch is a text re may match, by a random walk of it: a branch
// of each alternation, a count of each repeat, a rune of each class, a
// case of each letter (ſ and the Kelvin sign among them); the assertions
// (word boundaries, line starts) are left for the caller to check.
func sampleMatch(rng *rand.Rand, re *syntax.Regexp) string {
	var b strings.Builder
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				if re.Flags&syntax.FoldCase != 0 {
					for range rng.IntN(4) {
						r = unicode.SimpleFold(r)
					}
				}
				b.WriteRune(r)
			}
		case syntax.OpCharClass:
			pair := rng.IntN(len(re.Rune) / 2)
			lo, hi := re.Rune[2*pair], re.Rune[2*pair+1]
			b.WriteRune(lo + rune(rng.IntN(int(min(hi-lo, 200))+1)))
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteRune(rune("ab ,é"[rng.IntN(4)]))
		case syntax.OpCapture:
			walk(re.Sub[0])
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				walk(sub)
			}
		case syntax.OpAlternate:
			walk(re.Sub[rng.IntN(len(re.Sub))])
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			least, most := re.Min, re.Max
			switch re.Op {
			case syntax.OpStar:
				least, most = 0, 3
			case syntax.OpPlus:
				least, most = 1, 3
			case syntax.OpQuest:
				least, most = 0, 1
			}
			if most < 0 {
				most = least + 3
			}
			for range least + rng.IntN(min(most-least, 3)+1) {
				walk(re.Sub[0])
			}
		}
	}
	walk(re)
	return b.String()
}

// FuzzMetaAnchors holds the anchor scan to the patterns it stands in
// front of: whatever a phrase matches, the scan lets through.
func FuzzMetaAnchors(f *testing.F) {
	for _, ex := range metaExamples {
		f.Add(ex.note)
		f.Add(ex.content)
	}
	set := phrasesOf(DefaultConfig())
	f.Fuzz(func(t *testing.T, text string) {
		found, anchors := set.candidates(text), set.anchors.scan(text)
		for i, ph := range set.phrases {
			if found&(1<<i) != anchors&(1<<i) && ph.re.Get().MatchString(text) {
				t.Errorf("%s matches %q: its anchors let it through, its finer anchors do not", ph.Name, text)
			}
			if found&(1<<i) == 0 && !foldsBeyondASCII(text) && ph.re.Get().MatchString(text) {
				t.Errorf("%s matches %q, but the scan finds none of its anchors", ph.Name, text)
			}
			if !foldsBeyondASCII(text) && !lazyre.HoldsNeeds(asciiLowered(text), ph.re.Needs()) && ph.re.Get().MatchString(text) {
				t.Errorf("%s matches %q, which holds none of a set of what its pattern needs", ph.Name, text)
			}
		}
	})
}

// readPages reads the pages the patterns name, each with a pass of the
// default config; pages JSON cannot make an episode of are left out.
func readPages(tb testing.TB, patterns ...string) []*Pass {
	var passes []*Pass
	for _, pattern := range patterns {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			if doc := schema.Read(f, src); !doc.Broken {
				passes = append(passes, &Pass{Doc: doc, Episode: doc.Episode, Config: DefaultConfig(), shared: &shared{}})
			}
		}
	}
	return passes
}

// benchPages are the pages the content rules' benchmarks read: the demo
// pages, and the shared real samples when they are there.
func benchPages(b *testing.B) []*Pass {
	return readPages(b, "../testdata/demo/*.md", "../../shared/samples/*.md")
}

// BenchmarkAnchorScan scans every text of the pages for the built-in
// phrases' anchors, text by text, four texts at a time (scanEach) and a
// page at a time (MB/s of text, and of page).
func BenchmarkAnchorScan(b *testing.B) {
	set := phrasesOf(DefaultConfig())
	pages := benchPages(b)
	var texts []string
	size := 0
	for _, p := range pages {
		for _, t := range pageTexts(p) {
			texts = append(texts, t.Text)
			size += len(t.Text)
		}
	}
	b.Run("texts", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, text := range texts {
				set.anchors.scan(text)
			}
		}
	})
	b.Run("texts-four-at-a-time", func(b *testing.B) {
		b.SetBytes(int64(size))
		found := make([]uint64, len(texts))
		for b.Loop() {
			set.anchors.scanEach(texts, found)
		}
	})
	b.Run("pages", func(b *testing.B) {
		size := 0
		for _, p := range pages {
			size += len(p.Doc.Src)
		}
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, p := range pages {
				anchorsOfPage(set, p.Doc.Src)
			}
		}
	})
}

// TestMetaFoldsAsThePatterns: a note written with a form feed for a space,
// or with ſ or the Kelvin sign for s and k (letters (?i) folds into ASCII),
// is reported as its pattern reads it; the scan once let them pass.
func TestMetaFoldsAsThePatterns(t *testing.T) {
	for _, note := range []string{
		"Ada joins us. [\finsert guest bio]",
		"Every map is [\finaudible] an argument.",
		"After my \u212anowledge cutoff, things changed.",
		"Lorem ipſum dolor sit amet.",
	} {
		md := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\n" + note + "\n"
		// In episode JSON the letter may be written as it is or escaped.
		js := `{"title": "Maps That Lie — Ada Pemberton", "summary": "Ada Pemberton on maps.", ` +
			`"chapters": [{"start": 0, "title": "Cold open", "summary": ` + jsonText(note) + `}]}`
		escaped := strings.NewReplacer("ſ", `\u017f`, "\u212a", `\u212A`, "—", `\u2014`).Replace(js)
		for _, page := range []struct{ name, src string }{{"meta.md", md}, {"meta.json", js}, {"escaped.json", escaped}} {
			n := 0
			for _, d := range Run(schema.Read(page.name, []byte(page.src)), DefaultConfig()) {
				if d.Rule == metaCommentary.Name {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %q: %d meta-commentary findings, want 1", page.name, note, n)
			}
		}
	}
}

// TestFoldsBeyondASCII: the eight-byte skip finds ſ and the Kelvin sign
// wherever they stand, as a plain search of the whole text does.
func TestFoldsBeyondASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	pieces := []string{"a", "K", "s", " ", "ſ", "\u212a", "é", "—", "“", "\xc5", "\xe2\x84", "\xbf", "abcdefgh"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := strings.Contains(text, "ſ") || strings.Contains(text, "\u212a")
		if got := foldsBeyondASCII(text); got != want {
			t.Fatalf("foldsBeyondASCII(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestMetaHitsCarried: checking a page made from another by a fix pass
// (Doc.Earlier set), meta-commentary reports what a fresh check reports,
// whatever paragraphs the pass changed, added, dropped or moved; and it
// does take the earlier page's answers for the texts left as they were.
func TestMetaHitsCarried(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	var paragraphs []string
	for _, ex := range metaExamples {
		paragraphs = append(paragraphs, ex.note, ex.content)
	}
	slices.Sort(paragraphs)
	page := func(chapters [][]string) []byte {
		var b strings.Builder
		b.WriteString("# Maps and Their Makers — Ada Quill\n\nA summary of the episode about maps.\n\n")
		for i, ps := range chapters {
			b.WriteString("## [" + schema.FormatTimestamp(60*i) + "] Chapter " + itoa(i) + "\n\n")
			for _, p := range ps {
				b.WriteString(p + "\n\n")
			}
		}
		return []byte(b.String())
	}
	cfg := DefaultConfig()
	taken := 0
	for range 300 {
		chapters := make([][]string, 1+rng.IntN(6))
		for i := range chapters {
			for range 1 + rng.IntN(4) {
				chapters[i] = append(chapters[i], paragraphs[rng.IntN(len(paragraphs))])
			}
		}
		earlier := schema.Read("page.md", page(chapters))
		Run(earlier, cfg)
		// The pass: a few paragraphs changed, added, dropped or moved.
		for range 1 + rng.IntN(3) {
			ci := rng.IntN(len(chapters))
			c := chapters[ci]
			i := rng.IntN(len(c) + 1)
			op := rng.IntN(4)
			if i == len(c) {
				op = 1 // after the last paragraph: one is added
			}
			switch op {
			case 1:
				c = slices.Insert(c, i, paragraphs[rng.IntN(len(paragraphs))])
			case 0:
				c[i] = paragraphs[rng.IntN(len(paragraphs))]
			case 2:
				c = slices.Delete(c, i, i+1)
			default:
				j := rng.IntN(len(c))
				c[i], c[j] = c[j], c[i]
			}
			chapters[ci] = c
		}
		src := page(chapters)
		fresh := Run(schema.Read("page.md", src), cfg)
		carried := schema.Read("page.md", src)
		carried.Earlier = earlier
		if got := Run(carried, cfg); !slices.EqualFunc(got, fresh, sameDiagnostic) {
			t.Fatalf("page %q: with the earlier page's answers\n%v\nwant\n%v", src, got, fresh)
		}
		// Answers the earlier page did not give are taken where the texts
		// are the same: a wrong answer planted there shows up.
		m, _ := earlier.Memoized(metaHitsKey{})
		for i := range m.(*metaHits).hits {
			m.(*metaHits).hits[i] = 1 << 63
		}
		planted := schema.Read("page.md", src)
		planted.Earlier = earlier
		p := &Pass{Doc: planted, Episode: planted.Episode, Config: cfg, shared: &shared{}}
		for _, h := range metaHitsOf(p, phrasesOf(cfg), pageTexts(p)) {
			if h == 1<<63 {
				taken++
			}
		}
	}
	if taken < 1000 {
		t.Errorf("%d texts took the earlier page's answer: the carried path is not tested", taken)
	}
}

func sameDiagnostic(a, b Diagnostic) bool {
	return a.Span == b.Span && a.Rule == b.Rule && a.Message == b.Message && a.Severity == b.Severity
}

// TestFoldingLettersAreAll: ſ and the Kelvin sign are the only letters
// outside ASCII that (?i) reads as ASCII ones, so a text without them
// matches a pattern only where its ASCII, read in lower case, holds what
// the pattern needs (lazyre.Regexp.Needs).
func TestFoldingLettersAreAll(t *testing.T) {
	var found []string
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < utf8.RuneSelf {
				found = append(found, string(r))
				break
			}
		}
	}
	if !slices.Equal(found, foldingLetters[:]) {
		t.Fatalf("letters outside ASCII that fold into it: %q, foldingLetters %q", found, foldingLetters)
	}
}

// TestASCIILowered: ASCII capitals in lower case, every other byte as it
// is (É, ſ and bytes that are no UTF-8 among them).
func TestASCIILowered(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"here":                 "here",
		"Here's A Summary":     "here's a summary",
		"ÉTÉ Ünd ſ \u212a":     "ÉtÉ Ünd ſ \u212a",
		"AB\xffCD":             "ab\xffcd",
		"[INAUDIBLE] at 00:12": "[inaudible] at 00:12",
	} {
		if got := asciiLowered(in); got != want {
			t.Errorf("asciiLowered(%q) = %q, want %q", in, got, want)
		}
	}
}

// nearMissPage is a page whose prose and quotes say "here is", "here's"
// and "the recording is" (anchors of phrases, and of their finer
// anchors) without what the phrases go on to say: no finding, and every
// such text one the patterns would be tried on.
const nearMissPage = `---
title: "Rooftop frames"
---
# Rooftop frames — Mara Quill

Mara walks through a season of rooftop hives.

## [00:00] Cold open

Here is a thing most visitors miss: the frames on the north side fill last, because the wind off the river keeps the foragers home until noon.

> *"Here's a hive that swarmed twice in one June, and we still got honey from it by August."* — Mara Quill [00:40]

## [06:10] The second season

The recording is from a windy morning on the roof, and here are a few of the numbers she keeps in a notebook beside the smoker.

> *"Here is where the frames go when the super is full, and here are the ones we leave for winter."* [06:55]
`

// BenchmarkMetaNearMiss runs meta-commentary on nearMissPage: the cost
// of texts that hold a phrase's anchors and none of its matches.
func BenchmarkMetaNearMiss(b *testing.B) {
	doc := schema.Read("near-miss.md", []byte(nearMissPage))
	cfg := DefaultConfig()
	b.SetBytes(int64(len(nearMissPage)))
	for b.Loop() {
		var out []Diagnostic
		metaCommentary.Run(&Pass{Doc: doc, Episode: doc.Episode, Config: cfg, rule: metaCommentary, out: &out, shared: &shared{}})
		if len(out) != 0 {
			b.Fatalf("near misses reported: %v", out)
		}
	}
}
