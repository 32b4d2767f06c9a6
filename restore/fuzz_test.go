package restore

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// searchLowerWord is the reference for lowerWords.has: a search of the
// whole text, occurrence after occurrence.
func searchLowerWord(line, word string) bool {
	if word == "" || !isLowerWord(word) {
		return false
	}
	for from := 0; ; {
		i := strings.Index(line[from:], word)
		if i < 0 {
			return false
		}
		at := from + i
		if schema.WholeWordAt(line, at, at+len(word)) {
			return true
		}
		from = at + len(word)
	}
}

// FuzzLowerWords: looking first near the heading being split answers as
// the search of the whole text does, wherever the heading lies.
func FuzzLowerWords(f *testing.F) {
	f.Add("Growth ## [01:00] Growth Story The growth chart", "growth", 6, 40)
	f.Add("xa-a-a ## [00:00] A-A a-a.", "a-a", 7, 26)
	f.Add("xa-a-a ", "a-a", 2, 7)
	f.Add("the ai, said Ai", "ai", 0, 15)
	f.Add("é\xe2ai\x80 ai", "ai", 1, 5)
	f.Fuzz(func(t *testing.T, line, word string, from, to int) {
		from, to = min(max(from, 0), len(line)), min(max(to, 0), len(line))
		if from > to {
			from, to = to, from
		}
		l := &lowerWords{line: line, near: line[from:to]}
		if got, want := l.has(word), searchLowerWord(line, word); got != want {
			t.Fatalf("has(%q) near %q in %q = %v, want %v", word, line[from:to], line, got, want)
		}
	})
}

// FuzzIndexRare: looking for a word by its rarest byte finds what
// strings.Index finds.
func FuzzIndexRare(f *testing.F) {
	f.Add("the growth of the thing", "thing")
	f.Add("aaaa", "aa")
	f.Add("xyz", "")
	f.Add("zz-top zz", "z-t")
	f.Add("é\xe2ai\x80 ai", "ai")
	f.Add("карта и картограф", "картограф") // looked for by a byte after a lead byte
	f.Fuzz(func(t *testing.T, s, w string) {
		if got, want := indexRare(s, w), strings.Index(s, w); got != want {
			t.Fatalf("indexRare(%q, %q) = %d, want %d", s, w, got, want)
		}
	})
}

// openersWordByWord is the reference for appendOpeners: every word read,
// each opening a sentence when it is the first or the word before it ends
// one.
func openersWordByWord(text string) []string {
	var out []string
	prev := ""
	for w, next := nextField(text, 0); w != ""; w, next = nextField(text, next) {
		opens := prev == "" || endsSentence(prev) != "" && !abbreviations[prev]
		prev = w
		if opens {
			out = appendOpener(out, w)
		}
	}
	return out
}

// FuzzOpeners: skipping to the sentence marks finds the openers that
// reading every word finds, in the same order.
func FuzzOpeners(f *testing.F) {
	for _, seed := range []string{
		"", " ", "swyx said so. then he left! why? because… ok",
		"Dr. smith met e.g. jane. «quoted.» next “one.” after",
		"a.b.c. d ... e", "end.", "  two  spaces.  here", "yes.\u00a0no", "x…y… z", "\xe2\x80 \xe2. a",
		"он сказал. потом ушёл", "(see it.) then? (maybe)! now",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := appendOpeners(nil, text), openersWordByWord(text); !slices.Equal(got, want) {
			t.Fatalf("appendOpeners(%q) = %q, word by word %q", text, got, want)
		}
	})
}

// nextMarkerBySpaces is the reference for nextMarker: every space from
// from on, asked whether a marker follows it.
func nextMarkerBySpaces(s string, from int, inEntities bool) int {
	for i := from; i < len(s); {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			break
		}
		at := i + j
		rest := s[at:]
		if strings.HasPrefix(rest, " ## [") || strings.HasPrefix(rest, " ## Entities") || strings.HasPrefix(rest, " > *") ||
			inEntities && strings.HasPrefix(rest, " - **") {
			return at
		}
		i = at + 1
	}
	return len(s)
}

// FuzzNextMarker: looking for each marker's second byte finds the marker
// that reading space after space finds.
func FuzzNextMarker(f *testing.F) {
	for _, seed := range []string{
		"", " ", "## [00:00] Intro text > *quote* - **Name** (Person): x ## Entities - **B**",
		"a-b #tag >x > * ## [", " ## [", "x ## Entities", "#>- ##> - ** > *", "  > *  ## [01:02] t",
	} {
		f.Add(seed, 0, true)
		f.Add(seed, 1, false)
	}
	f.Fuzz(func(t *testing.T, s string, from int, inEntities bool) {
		from = min(max(from, 0), len(s))
		if got, want := nextMarker(s, from, inEntities), nextMarkerBySpaces(s, from, inEntities); got != want {
			t.Fatalf("nextMarker(%q, %d, %v) = %d, space by space %d", s, from, inEntities, got, want)
		}
	})
}

// FuzzAppendLower: lowering into a buffer is strings.ToLower, and tells
// ASCII.
func FuzzAppendLower(f *testing.F) {
	f.Add("pre", "Hello WORLD")
	f.Add("", "Ça VA, Émile?")
	f.Add("x", "İSTANBUL \u212a")
	f.Add("", "a\xffB\xe2\x82Z")
	f.Fuzz(func(t *testing.T, pre, s string) {
		got, ascii := appendLower([]byte(pre), s)
		if want := pre + strings.ToLower(s); string(got) != want {
			t.Fatalf("appendLower(%q, %q) = %q, want %q", pre, s, got, want)
		}
		if want := !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }); ascii != want {
			t.Fatalf("appendLower(%q) tells ASCII %v, want %v", s, ascii, want)
		}
	})
}

// FuzzLowerHeadingWords: the words a split reads, lowered from one copy of
// their text, are each word lowered on its own, whatever the text holds
// and whatever the heading before it left in the buffers.
func FuzzLowerHeadingWords(f *testing.F) {
	f.Add("Before", "The Hook Kyle opens.")
	f.Add("ÉTÉ à Paris", "Ça VA \u212aelvin  two  spaces")
	f.Add("", "a\xffB \xe2\x82Z İx")
	f.Fuzz(func(t *testing.T, before, text string) {
		var s splitter
		for _, heading := range []string{before, text} {
			s.words, s.starts = appendFields(s.words[:0], s.starts[:0], heading, maxTitleWords+minBodyWords+3)
			if len(s.words) == 0 {
				continue
			}
			got := s.lower(heading, 0, len(s.words))
			want := make([]string, len(s.words))
			for i, w := range s.words {
				want[i] = strings.ToLower(w)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("lower(%q) = %q, want %q", heading, got, want)
			}
		}
	})
}

// FuzzWordFilter: a word added to a filter may always be in it, and
// Names answers for its words as their set does.
func FuzzWordFilter(f *testing.F) {
	f.Add("ada pemberton swyx", "ada")
	f.Add("x", "")
	f.Add(strings.Repeat("l", 70)+" é", strings.Repeat("l", 64))
	f.Fuzz(func(t *testing.T, names, word string) {
		n := nameTokens([]string{names})
		for w := range n.words {
			if !n.quick.MayHold(w) || !n.isWord(w) {
				t.Fatalf("%q, a word of %q, is not held", w, names)
			}
		}
		if got, want := n.isWord(word), n.words[word]; got != want {
			t.Fatalf("isWord(%q) = %v, want %v (names %q)", word, got, want, names)
		}
	})
}

// FuzzDecisiveOnly: the split Lines makes, which skips the scores when one
// title end is valid, cuts every heading where the full split does, with
// the same confidence, whatever the page's prose and names.
func FuzzDecisiveOnly(f *testing.F) {
	f.Add("Hook Kyle opens mid-sentence and keeps going.", "Kyle, Railway", "the hook is the thing. Kyle said it.", "")
	f.Add("Fragile Data swyx and Zoë dig into it.", "swyx", "swyx said data is fragile.", "title")
	f.Add("What Is Railway? Railway is a cloud.", "Railway", "", "sentence")
	f.Add("Meeting Jens 40 boats left the harbour.", "Jens", "a meeting", "")
	f.Add("The Mara Quill thanks everyone for coming.", "", "the mara", "title")
	f.Add("Dinner with Piet Night porter Ines waits up. Then more.", "Piet, Ines", "night porter", "")
	f.Fuzz(func(t *testing.T, heading, names, prose, style string) {
		known := nameTokens(strings.Split(names, ","))
		known.common = &lowerWords{line: prose + " " + heading, near: heading}
		full := SplitHeading(heading, known, style)
		decisive := splitter{decisiveOnly: true}
		got := decisive.split(heading, known, style)
		if got.Title != full.Title || got.Body != full.Body || got.Confident != full.Confident {
			t.Fatalf("split(%q) = %q | %q (confident %v), want %q | %q (confident %v)",
				heading, got.Title, got.Body, got.Confident, full.Title, full.Body, full.Confident)
		}
	})
}

// FuzzWordsAsAsked: a split that works out a heading's words as its tests
// ask for them cuts where one that works them all out first does, with the
// same confidence and guess, after any heading before it in the same
// buffers, decisive only or not.
func FuzzWordsAsAsked(f *testing.F) {
	f.Add("Hook Kyle opens mid-sentence and keeps going.", "Intro Jake Cooper argues.", "Kyle, Jake Cooper", "the hook. kyle said it.", "title")
	f.Add("Fragile Data swyx and Zoë dig into it.", "", "swyx", "swyx said data is fragile.", "")
	f.Add("What Is Railway? Railway is a cloud.", "Why now?", "Railway", "", "sentence")
	f.Add("Meeting Jens 40 boats left the harbour.", "¿Qué pasa? Nada.", "Jens", "a meeting", "")
	f.Add("Dinner with Piet Night porter Ines waits up. Then more.", "Hello Saltmarsh Radio! Piet says hi.", "Piet, Ines", "night porter", "title")
	f.Add("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Kyle opens it all.",
		"A b. C d e f g h i j k l m n o p q r s t u v w x y z a b c d e f", "Kyle", "", "sentence")
	f.Add("🎉 Launch Day Mara Quill thanks U.S. readers. More", "Building on PyTorch Who pays? Nobody.", "Mara Quill", "the launch", "title")
	// Bodies whose tests read far: small words and names before the word
	// that decides.
	f.Add("Intro Kyle and the of and to the of and to the of and Bob says hi.", "", "Kyle", "", "title")
	f.Add("Intro Kyle Ada Kyle Ada Kyle Ada Kyle Ada Kyle Ada 2028 volunteers came.", "Intro Kyle opens.", "Kyle, Ada", "", "")
	f.Fuzz(func(t *testing.T, heading, before, names, prose, style string) {
		known := nameTokens(strings.Split(names, ","))
		known.common = &lowerWords{line: prose + " " + before + " " + heading, near: heading}
		for _, decisive := range []bool{false, true} {
			lazy, eager := splitter{decisiveOnly: decisive}, splitter{decisiveOnly: decisive, eager: true}
			lazy.split(before, known, style)
			eager.split(before, known, style)
			got, want := lazy.split(heading, known, style), eager.split(heading, known, style)
			if got != want {
				t.Fatalf("split(%q) (decisive only %v) = %+v, working out every word first %+v", heading, decisive, got, want)
			}
			// The first sentence end, found before any word is worked out,
			// is the first of the words worked out.
			if h := &eager.h; h.n > 0 && h.text == heading && len(h.w) == h.n {
				question := -1
				for i, w := range h.w {
					if w.ends != "" && !w.abbrev {
						if w.ends == "?" {
							question = i
						}
						break
					}
				}
				if h.question != question {
					t.Fatalf("split(%q): question at %d, its words tell %d", heading, h.question, question)
				}
			}
		}
	})
}

// FuzzNextField: reading a word eight bytes at a time finds the word and
// its end that reading byte by byte finds, wherever the search starts.
func FuzzNextField(f *testing.F) {
	for _, seed := range []string{"", " ", "Hook Kyle opens", "  two  spaces ", "abcdefgh ijk", "abcdefghijklmnop q", "a\xa0b c", "\x20\xa0\x00\x80 x", "é ü", "Zoë’s words here", "éééé üü", "\x81\x82\x83\x84\x85\x86\x87\x88\x89 z"} {
		f.Add(seed, 0)
		f.Add(seed, 3)
	}
	f.Fuzz(func(t *testing.T, text string, from int) {
		from = min(max(from, 0), len(text))
		i := from
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		if word, end := nextField(text, from); word != text[i:j] || end != j {
			t.Fatalf("nextField(%q, %d) = %q, %d, byte by byte %q, %d", text, from, word, end, text[i:j], j)
		}
	})
}

// proseCapitalsWordByWord is the reference for proseCapitals: the words
// of each paragraph and quote cut at spaces, each after the first of a
// sentence trimmed, looked at and counted the one way, up to the sample.
func proseCapitalsWordByWord(segs []segment, known Names) (inside, upper int) {
	for _, s := range segs {
		if s.kind != "p" && s.kind != "q" {
			continue
		}
		opens := true // the next word opens a sentence
		for _, w := range strings.Split(s.text, " ") {
			if inside >= 400 {
				return inside, upper
			}
			if w == "" {
				continue
			}
			first := opens
			opens = endsSentence(w) != "" || strings.HasSuffix(w, ":")
			if b := bare(w); !first && b != "" && !isAcronym(b) && (b[0] < '0' || b[0] > '9') {
				inside++
				if startsUpper(b) && !known.isWord(strings.ToLower(b)) {
					upper++
				}
			}
		}
	}
	return inside, upper
}

// FuzzCapitalizedProse: proseCapitals, which reads a word of a-z alone
// without trimming or lowering it, counts as reading every word the one
// way does, on the segments of a flattened line, with the names its prose
// shows as the known ones.
func FuzzCapitalizedProse(f *testing.F) {
	for _, seed := range []string{
		"",
		"## [00:00] Intro Ada meets the Hive Council. They Vote On Everything here, and The Queen Lays Eggs.",
		"Die Bienen Sind Fleißig und Die Königin Legt Eier. Der Schwarm Wählt Ein Neues Zuhause. " +
			"Die Arbeiterinnen Bauen Waben aus Wachs und Tragen Pollen Heim.",
		"> *\"we keep GPT-5 and CI/CD out of it, said swyx: then Kyle left.\"* — Kyle [00:10] the 3rd hive's frames",
		"words words words words words words words words words words words words words words words words words words words words words Ξ ΞΞ Élan élan",
		"It's a Test. it's a test, isn't it? «Yes.» no… Maybe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		segs := segmentLine(line)
		known := nameTokens(namesInProse(segs))
		inside, upper := proseCapitals(segs, known)
		wantInside, wantUpper := proseCapitalsWordByWord(segs, known)
		if inside != wantInside || upper != wantUpper {
			t.Fatalf("proseCapitals = %d, %d, word by word %d, %d, for %q", inside, upper, wantInside, wantUpper, segs)
		}
	})
}
