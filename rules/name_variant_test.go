package rules

import (
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/alphabets"
	"github.com/podlint/podlint/schema"
)

// TestNameVariantCases: what name-variant reports in a paragraph, beside
// an entity list.
func TestNameVariantCases(t *testing.T) {
	const entities = "## Entities\n\n- **Ada Pemberton** (Person): Cartographer.\n- **Zoë Dubuisson** (Person): Historian.\n- **OpenStreetMap** (Organization): Open map.\n- **Iceland** (Place): An island.\n"
	for _, tc := range []struct {
		prose string
		want  string // the variant reported, or ""
	}{
		{"Ada Pembleton draws the coast.", "Ada Pembleton"},
		{"The guest, Zoë Dubuison, reads letters.", "Zoë Dubuison"},
		{"Volunteers on OpenStreatMap fix it.", "OpenStreatMap"},
		{"Volunteers on Openstreetmap fix it.", ""},             // case only
		{"The Pembertons and Pemberton's atlas.", ""},           // plural, possessive
		{"They sailed to Ireland, not Iceland.", ""},            // a place is no canonical name
		{"Ida Pemberton answers.", ""},                          // a short first name must be the same
		{"As Pembleton argues, maps lie.", "Pembleton"},         // a surname alone, after a sentence's first word
		{"Pembleton argues that maps lie.", ""},                 // a surname alone, opening a sentence
		{"A song by Muddy Pembleton plays.", ""},                // not alone: another two-word name (Muddy Waters)
		{"They use GPT-4 and GPT-5.", ""},                       // digits
		{"Ada Pembleton, Ada Pembleton and Ada Pembleton.", ""}, // used 3 times: the page's own
	} {
		page := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\n" + tc.prose + "\n\n" + entities
		var found []string
		for _, d := range Run(schema.Read("names.md", []byte(page)), DefaultConfig()) {
			if d.Rule == nameVariant.Name {
				found = append(found, d.Message)
			}
		}
		switch {
		case tc.want == "" && len(found) > 0:
			t.Errorf("%q: findings %q, want none", tc.prose, found)
		case tc.want != "" && (len(found) != 1 || !strings.HasPrefix(found[0], `"`+tc.want+`"`)):
			t.Errorf("%q: findings %q, want one of %q", tc.prose, found, tc.want)
		}
	}
}

// TestNextCapital holds the eight-bytes-at-a-time scan to the plain one:
// every byte value at every place of a word.
func TestNextCapital(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			b := []byte("abcdefghijklmnopqrstuvwxyz")
			b[pos] = byte(c)
			want := len(b)
			if c >= 0x80 || ('A' <= c && c <= 'Z') {
				want = pos
			}
			if got := nextCapital(string(b), 0); got != want {
				t.Fatalf("byte %#x at %d: nextCapital = %d, want %d", c, pos, got, want)
			}
		}
	}
}

// TestNextCapitalEveryLoop holds nextCapital to the plain scan from every
// start, for a capital or a multi-byte character at every place of a text
// long enough for each of its loops (sixteen, eight and one byte at a time).
func TestNextCapitalEveryLoop(t *testing.T) {
	const text = "abcdefghijklmnopqrstuvwxyz abcdefghijklm"
	for _, mark := range []string{"Q", "é"} {
		for pos := 0; pos <= len(text); pos++ {
			s := text[:pos] + mark + text[pos:]
			for from := 0; from <= len(s); from++ {
				want := len(s) // past the mark
				switch {
				case from <= pos:
					want = pos
				case from < pos+len(mark):
					want = from // any byte of a multi-byte character
				}
				if got := nextCapital(s, from); got != want {
					t.Fatalf("%q from %d: nextCapital = %d, want %d", s, from, got, want)
				}
			}
		}
	}
}

// TestASCIIWordsAreTheMap: an index's ASCII words, looked up by their
// keys without folding, are what its map holds for them folded, and no
// word outside ASCII is found there.
func TestASCIIWordsAreTheMap(t *testing.T) {
	var canon []*canonicalName
	for _, name := range []string{"Ada Pemberton", "Zoë Dubuisson", "Jean-Luc O'Brien", "Ada Lovelace", "NASA Ames Research", "Ōta Ken"} {
		canon = append(canon, newCanonical(strings.Fields(name), "", true))
	}
	var idx nameIndex
	idx.build(canon)
	for _, w := range []string{"Ada", "ADA", "ada", "Pemberton", "PEMBERTON", "Pembertons", "Zoë", "Dubuisson", "Jean-Luc", "O'Brien", "o'brien", "Lovelace", "NASA", "Nasa", "Ames", "Ken", "Ōta", "Research", "Searcher", "A", ""} {
		if wordKey(w) != wordKey(strings.ToLower(w)) && ascii(w) {
			t.Errorf("wordKey(%q) is not its folded form's", w)
		}
		want := idx.byWord[string(schema.AppendFoldedWord(nil, w))]
		if !ascii(w) {
			want = nil
		}
		if got := idx.asciiSlots(w); !reflect.DeepEqual(got, want) {
			t.Errorf("asciiSlots(%q) = %v, want %v", w, got, want)
		}
	}
	idx.reset()
	if idx.firstWord != ([1 << 12]int32{}) || len(idx.asciiWords) != 0 {
		t.Errorf("reset left ASCII words in the index")
	}
}

// TestNewCanonical: a name of any length it allows (up to six words) has
// its words folded, strict where short or in capitals, and its kinds of
// letters, whether its lists share its allocation or not.
func TestNewCanonical(t *testing.T) {
	words := strings.Fields("Ada NASA Pemberton Zoë Dubuisson Jean-Luc")
	for n := 1; n <= len(words); n++ {
		c := newCanonical(words[:n], "src", true)
		if c.name != strings.Join(words[:n], " ") || c.source != "src" || !c.listed || len(c.words) != n || len(c.strict) != n || len(c.kinds) != n {
			t.Fatalf("%d words: %+v", n, c)
		}
		for i, w := range words[:n] {
			if c.words[i] != strings.ToLower(w) || c.strict[i] != strictWord(w) || c.kinds[i] != letterKinds(strings.ToLower(w)) {
				t.Errorf("%d words: word %d is %q, strict %v, kinds %#x", n, i, c.words[i], c.strict[i], c.kinds[i])
			}
		}
	}
}

// TestASCIILetters holds nameWordEnd's eight-at-a-time count of ASCII
// letters to the plain test: every byte value at every place of eight
// letters of either case.
func TestASCIILetters(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos <= 8; pos++ {
			b := []byte("aZbYcXdW")
			want := 8
			if pos < 8 {
				b[pos] = byte(c)
				if d := byte(c) | 0x20; d < 'a' || d > 'z' {
					want = pos
				}
			}
			if got := asciiLetters(schema.EightBytes(string(b), 0)); got != want {
				t.Fatalf("byte %#x at %d of %q: asciiLetters = %d, want %d", c, pos, b, got, want)
			}
		}
	}
}

// TestLetterKinds: a word whose letter kinds differ from another's by more
// than twice n is more than n edits from it, and an ASCII word's kinds are
// its folded form's.
func TestLetterKinds(t *testing.T) {
	words := []string{"pemberton", "pembleton", "pembertons", "pmeberton", "dubuisson", "zoë", "zoe", "søndergaard", "sondergaard", "ab", "ba", "a", ""}
	for _, a := range words {
		for _, b := range words {
			for n := 0; n <= 2; n++ {
				if bits.OnesCount32(letterKinds(a)^letterKinds(b)) > 2*n && editDistanceUpTo(a, b, n) <= n {
					t.Errorf("%q and %q: kinds differ by more than %d, edit distance %d", a, b, 2*n, editDistanceUpTo(a, b, n))
				}
			}
		}
	}
	for _, w := range []string{"Pemberton", "O'Brien", "Jean-Luc", "NASA", "McDonald"} {
		kinds, ok := asciiLetterKinds(w)
		if want := letterKinds(strings.ToLower(w)); !ok || kinds != want {
			t.Errorf("asciiLetterKinds(%q) = %#x, %v; want %#x, true", w, kinds, ok, want)
		}
	}
	if _, ok := asciiLetterKinds("Zoë"); ok {
		t.Errorf("asciiLetterKinds(%q): ok for a word outside ASCII", "Zoë")
	}
}

// BenchmarkNameVariants looks for the name variants of every page, its
// texts read once before (MB/s of page): the pages as written, and with
// their letters in other alphabets (see internal/alphabets), where every
// letter is a character of two bytes.
func BenchmarkNameVariants(b *testing.B) {
	pages := benchPages(b)
	for _, alphabet := range append([]alphabets.Alphabet{{Name: "latin"}}, alphabets.All...) {
		var passes []*Pass
		size := 0
		for _, p := range pages {
			src := p.Doc.Src
			if alphabet.Name != "latin" {
				src = alphabet.Map(src)
			}
			doc := schema.Read(p.Doc.Path, src)
			pass := &Pass{Doc: doc, Episode: doc.Episode, Config: p.Config, shared: &shared{}}
			pageTexts(pass)
			passes = append(passes, pass)
			size += len(src)
		}
		b.Run(alphabet.Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, p := range passes {
					findNameVariants(p)
				}
			}
		})
	}
}

// TestNameVariantsCarried: on a page a fix pass made, name-variant's
// findings are those of a fresh check, moved with their texts when the pass
// changed nothing the search reads, and found afresh when it changed a
// text, a chapter's title or time (which messages name), or an entity.
func TestNameVariantsCarried(t *testing.T) {
	const entities = "## Entities\n\n- **Ada Pemberton** (Person): Cartographer.\n"
	const quote = "> *\"A map is an argument.\"* [00:14]\n"
	page := func(title, quotes, gap, prose, typ string) []byte {
		start, title, _ := strings.Cut(title, " ")
		return []byte("# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\nAda Pembleton draws the coast.\n\n" +
			quotes + gap + "\n## [" + start + "] " + title + "\n\n" + prose + "\n\n" +
			strings.Replace(entities, "(Person)", "("+typ+")", 1))
	}
	base := page("01:00 Ledgers", quote, "", "As Pembleton argues, maps lie.", "Person")
	cfg := DefaultConfig()
	for _, tc := range []struct {
		name    string
		src     []byte
		carried bool
	}{
		{"a quote's time and a blank line: nothing read changed", page("01:00 Ledgers", strings.Replace(quote, "00:14", "00:15", 1), "\n\n", "As Pembleton argues, maps lie.", "Person"), true},
		{"a quote's words: quotes are not read", page("01:00 Ledgers", "> *\"A map is an argument, Pembleton says.\"* [00:14]\n", "", "As Pembleton argues, maps lie.", "Person"), true},
		{"a quote more: the texts after it move", page("01:00 Ledgers", quote+"\n> *\"Every border is a guess.\"*\n", "", "As Pembleton argues, maps lie.", "Person"), true},
		{"a quote fewer", page("01:00 Ledgers", "", "", "As Pembleton argues, maps lie.", "Person"), true},
		{"a quote's speaker", page("01:00 Ledgers", strings.Replace(quote, "[00:14]", "— Ada Pemberton [00:14]", 1), "", "As Pembleton argues, maps lie.", "Person"), false},
		{"a chapter's title", page("01:00 Ledger", quote, "", "As Pembleton argues, maps lie.", "Person"), false},
		{"a chapter's time", page("01:05 Ledgers", quote, "", "As Pembleton argues, maps lie.", "Person"), false},
		{"a paragraph", page("01:00 Ledgers", quote, "", "As Pembleton argued, maps lie.", "Person"), false},
		{"an entity's type", page("01:00 Ledgers", quote, "", "As Pembleton argues, maps lie.", "Organization"), false},
		{"an entity's type in another case: read as the same", page("01:00 Ledgers", quote, "", "As Pembleton argues, maps lie.", "person"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			earlier := schema.Read("names.md", base)
			Run(earlier, cfg)
			fresh := schema.Read("names.md", tc.src)
			want, wantVariants := Run(fresh, cfg), NameVariants(fresh, cfg)
			if len(wantVariants) == 0 {
				t.Fatal("the page has no variant: the test tests nothing")
			}
			carried := schema.Read("names.md", tc.src)
			carried.Earlier = earlier
			if got := Run(carried, cfg); !slices.EqualFunc(got, want, sameDiagnostic) {
				t.Errorf("findings\n%v\nwant\n%v", got, want)
			}
			if got := NameVariants(carried, cfg); !reflect.DeepEqual(got, wantVariants) {
				t.Errorf("variants\n%+v\nwant\n%+v", got, wantVariants)
			}
			// A variant planted in the earlier page's answer shows whether
			// it was taken.
			key := nameVariantsKey{strings.Join(knownNames.In(cfg), "\x00")}
			m, _ := earlier.Memoized(key)
			m.([]NameVariant)[0].Message = "planted"
			again := schema.Read("names.md", tc.src)
			again.Earlier = earlier
			taken := slices.ContainsFunc(NameVariants(again, cfg), func(v NameVariant) bool { return v.Message == "planted" })
			if taken != tc.carried {
				t.Errorf("the earlier answer taken: %v, want %v", taken, tc.carried)
			}
		})
	}
}
