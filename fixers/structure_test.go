package fixers

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// A page with one finding for the fake fixers to answer: [5:07] is out of
// canonical form (timestamp-format).
const structurePage = "# Tide Pools\n\nA summary of the tide pool episode here.\n\n## [5:07] Cold open\n\nInes kneels on wet rock.\n\n" +
	"> *\"A tide pool fits in your hands.\"* [05:10]\n\n## [06:00] Dawn\n\nThe hour before sunrise.\n\n" +
	"## Entities\n\n- **Ines Ferro** (Person): Marine biologist.\n"

// TestStructuralGuard: fixes that keep every word but change the page's
// shape or garble it are fixer bugs: turned down, named, and the page is
// left as that fix found it.
func TestStructuralGuard(t *testing.T) {
	at := func(doc *schema.Document, s string) int { return bytes.Index(doc.Src, []byte(s)) }
	cases := []struct {
		name, want string
		make       func(*schema.Document, rules.Diagnostic) *Fix
	}{{
		// The quote's line loses its quote marker: the words stay, the quote is gone.
		"unquote", "the fixed page has 2 chapters, 0 quotes, 1 entities, the fixes declared 2 chapters, 1 quotes, 1 entities",
		func(doc *schema.Document, d rules.Diagnostic) *Fix {
			i := at(doc, "> *\"A tide")
			return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i + 2}}, Removed: []string{"5:07"}}
		},
	}, {
		// The bullet loses its bold name: no longer an entity.
		"unbullet", "0 entities",
		func(doc *schema.Document, d rules.Diagnostic) *Fix {
			i := at(doc, "- **Ines")
			return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i + 4}}, Removed: []string{"5:07"}}
		},
	}, {
		// A star too many in the quote: the words are all there.
		"star", "1 more quote lines with unbalanced emphasis",
		func(doc *schema.Document, d rules.Diagnostic) *Fix {
			i := at(doc, "A tide pool")
			return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i, New: "*"}}, Removed: []string{"5:07"}}
		},
	}, {
		// The second chapter's time moves before the first: a new chapter-order finding.
		"reorder", "adds findings of chapter-order",
		func(doc *schema.Document, d rules.Diagnostic) *Fix {
			i := at(doc, "06:00")
			return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i + 5, New: "04:00"}}, Removed: []string{"5:07", "06", "00"}}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := fakeFixer(tc.name, "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
				return tc.make(doc, d)
			})
			out, err := Run("p.md", []byte(structurePage), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{bad}})
			if err != nil {
				t.Fatal(err)
			}
			// The fix is turned down and reported; the page is not touched.
			if len(out.Rejected) != 1 {
				t.Fatalf("rejected %v, want the one fix", out.Rejected)
			}
			fe := out.Rejected[0]
			if fe.Fixer != tc.name || !strings.Contains(fe.Error(), "structural guard") || !strings.Contains(fe.Error(), tc.want) {
				t.Fatalf("rejected: %v, want a structural guard error naming %s: %s", fe, tc.name, tc.want)
			}
			if out.Changed() || string(out.Src) != structurePage {
				t.Errorf("the page changed:\n%s", out.Src)
			}
		})
	}
	// The honest fix passes.
	good := fakeFixer("good", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}}, Removed: []string{"5:07"}}
	})
	if _, err := Run("p.md", []byte(structurePage), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{good}}); err != nil {
		t.Fatal(err)
	}
}

// TestKeptMustStay: a fix that deletes text as kept elsewhere when the
// page does not have it is a fixer bug, even though it declared the words.
func TestKeptMustStay(t *testing.T) {
	liar := fakeFixer("liar", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		i := bytes.Index(doc.Src, []byte("Ines kneels on wet rock."))
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i + len("Ines kneels on wet rock.")}},
			Removed: []string{"5:07"}, Kept: []string{"Ines kneels on wet rock."}}
	})
	_, err := Run("p.md", []byte(structurePage), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{liar}})
	var fe *FixerError
	if !errors.As(err, &fe) || fe.Fixer != "liar" || !strings.Contains(err.Error(), "does not have it") {
		t.Fatalf("err = %v, want a content guard error naming liar", err)
	}
}

// TestKeptWholeEitherWay: looking for kept texts in the page's words one
// after the other answers as the index of its words does, on pages of
// repeated words, punctuation and case, for runs that are there, cut across
// a word, out of order or absent.
func TestKeptWholeEitherWay(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	vocab := []string{"Ada", "ada", "map", "maps", "the", "a", "Ünï", "—", ",", ".", "\n", " ", "mapmaker", "x-y", "[00:09]"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	found := 0
	for range 20000 {
		page := gen(rng.IntN(40))
		var kept []string
		for range 1 + rng.IntN(3) {
			switch k := rng.IntN(3); {
			case k == 0 && len(page) > 0: // a piece of the page, perhaps cut inside a word
				i := rng.IntN(len(page))
				kept = append(kept, page[i:i+rng.IntN(len(page)-i+1)])
			default:
				kept = append(kept, gen(1+rng.IntN(4)))
			}
		}
		fixes := []*Fix{{Fixer: &Fixer{Name: "f"}, Kept: kept}}
		direct := keptWholeBy(page, fixes, false)
		indexed := keptWholeBy(page, fixes, true)
		if (direct == nil) != (indexed == nil) {
			t.Fatalf("page %q, kept %q: one by one %v, by index %v", page, kept, direct, indexed)
		}
		if direct == nil {
			found++
		}
	}
	if found < 2000 || found > 18000 {
		t.Errorf("%d of 20000 kept sets found whole: the test does not test both answers", found)
	}
}

// TestSpanSetOverlaps: the set answers as a look at each of its spans does,
// for spans that nest, overlap, touch or are empty.
func TestSpanSetOverlaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	span := func() schema.Span {
		start := rng.IntN(60)
		return schema.Span{Start: start, End: start + rng.IntN(12)}
	}
	overlapping := 0
	for range 5000 {
		spans := make([]schema.Span, rng.IntN(8))
		for i := range spans {
			spans[i] = span()
		}
		set := newSpanSet(spans)
		for range 10 {
			s := span()
			want := slices.ContainsFunc(spans, func(l schema.Span) bool { return l.Start < s.End && s.Start < l.End })
			if got := set.overlaps(s); got != want {
				t.Fatalf("spans %v, %v: overlaps says %v, want %v", spans, s, got, want)
			}
			if want {
				overlapping++
			}
		}
	}
	if overlapping < 5000 || overlapping > 45000 {
		t.Errorf("%d of 50000 spans overlap: the test does not test both answers", overlapping)
	}
}

// TestMovedInIsWhereTheTextLands: movedIn places each edit's new text where
// applyFixes writes it, for edits in any order across fixes.
func TestMovedInIsWhereTheTextLands(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 1))
	brings := &Fixer{Name: "b", Brings: []string{"meta-commentary"}}
	other := &Fixer{Name: "o"}
	for range 2000 {
		src := []byte(strings.Repeat("abcdefghij", 1+rng.IntN(4)))
		var fixes []*Fix
		at := 0
		for at < len(src) && rng.IntN(4) > 0 {
			start := at + rng.IntN(min(4, len(src)-at)+1)
			end := min(len(src), start+rng.IntN(4))
			f := &Fix{Fixer: other, Edits: []Edit{{Start: start, End: end, New: strings.Repeat("N", rng.IntN(5))}}}
			if rng.IntN(2) == 0 {
				f.Fixer = brings
			}
			fixes = append(fixes, f)
			at = end + 1
		}
		rng.Shuffle(len(fixes), func(i, j int) { fixes[i], fixes[j] = fixes[j], fixes[i] })
		after := applyFixes(src, fixes)
		spans := movedIn(fixes)["meta-commentary"]
		want := 0
		for _, f := range fixes {
			if f.Fixer == brings {
				want++
			}
		}
		if want > 0 && len(spans) != want {
			t.Fatalf("%d spans, want %d", len(spans), want)
		}
		for _, s := range spans {
			if text := string(after[s.Start:s.End]); strings.Trim(text, "N") != "" {
				t.Fatalf("src %q, fixes %v: span %v holds %q, not the new text", src, fixes, s, text)
			}
		}
	}
}

// TestRecoveredNoteIsKept: a note left in a leaked chapter's summary comes
// back with the chapter, where meta-commentary finds it; a fix whose
// changes make such a finding outside the text it writes is still turned
// down.
func TestRecoveredNoteIsKept(t *testing.T) {
	const page = "# Tide Pools — Ines Ferro\n\nA summary of the tide pool episode here.\n\n## [00:00] Cold open\n\nInes kneels on wet rock.\n\n" +
		"> *\"A tide pool fits in your hands.\"* [00:10]\n\n" +
		"> *'\\n ]\\n },\\n {\\n ', 'title\": \"Dawn', {'start': 60.0, 'summary': 'The hour before sunrise. TODO: add the links.', 'quotes': ['The light comes slowly.', [1, 5]]}*\n\n" +
		"## [01:00] Dawn\n\n## [02:00] Closing\n\nInes packs up.\n"
	out, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig()})
	if err != nil || out.Applied["recover-leaked"] != 1 || len(out.Rejected) != 0 {
		t.Fatalf("err %v, applied %v, turned down %v", err, out.Applied, out.Rejected)
	}
	if !strings.Contains(string(out.Src), "## [01:00] Dawn\n\nThe hour before sunrise. TODO: add the links.\n") {
		t.Fatalf("fixed page:\n%s", out.Src)
	}
	if len(out.Remaining) != 1 || out.Remaining[0].Rule != "meta-commentary" {
		t.Fatalf("remaining %v, want the note's meta-commentary", out.Remaining)
	}
	// Outside the text it writes: a deletion that joins TO and DO:.
	joiner := &Fixer{Name: "joiner", Answers: []string{"timestamp-format"}, Title: "t", Doc: "d", Before: "b", After: "a",
		Brings: []string{"meta-commentary"},
		Make: func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
			i := bytes.Index(doc.Src, []byte("TOxDO:"))
			return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i + 2, End: i + 3}}, Removed: []string{"5:07", "TOxDO"}}
		}}
	const joined = "# Tide Pools\n\nA summary of the tide pool episode here.\n\n## [5:07] Cold open\n\nInes kneels. TOxDO: rock.\n"
	jo, err := Run("p.md", []byte(joined), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{joiner}})
	if err != nil || len(jo.Rejected) != 1 || jo.Changed() {
		t.Fatalf("err %v, turned down %v, changed %v: want the joining fix turned down", err, jo.Rejected, jo.Changed())
	}
}

// TestWordsAfterTheMarkerAreLost: a line of a leaked blob with words after
// its closing italics marker ("> * ] }, { * zebra crossing") holds words
// no item of the blob has, and the recovery takes the line whole: the fix
// is then unsafe, declares them removed, and is not applied without
// --unsafe-fixes. The blob without them is still recovered safely.
func TestWordsAfterTheMarkerAreLost(t *testing.T) {
	src, err := os.ReadFile("../testdata/rules/leaked-json/blob.md")
	if err != nil {
		t.Fatal(err)
	}
	cfg := rules.DefaultConfig()
	if out, err := Run("blob.md", src, Options{Config: cfg}); err != nil || out.Applied["recover-leaked"] != 1 {
		t.Fatalf("the blob alone: err %v, applied %v, want it recovered", err, out.Applied)
	}
	withWords := bytes.Replace(src, []byte("> * ] }, { *\n"), []byte("> * ] }, { * zebra crossing\n"), 1)
	if bytes.Equal(withWords, src) {
		t.Fatal("the fixture has no such line")
	}
	out, err := Run("blob.md", withWords, Options{Config: cfg})
	if err != nil || out.Applied["recover-leaked"] != 0 || !bytes.Contains(out.Src, []byte("zebra crossing")) {
		t.Fatalf("err %v, applied %v: want the recovery left for --unsafe-fixes", err, out.Applied)
	}
	unsafe, err := Run("blob.md", withWords, Options{Config: cfg, Unsafe: true})
	if err != nil || unsafe.Applied["recover-leaked"] != 1 {
		t.Fatalf("with --unsafe-fixes: err %v, applied %v", err, unsafe.Applied)
	}
}
