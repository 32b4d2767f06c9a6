package fixers

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// The structural guard stands beside the word guard: a pass can keep every
// word and still garble the page (a quote's marks doubled, a bullet that no
// longer reads as an entity). After each pass the page is read again and
// must have the shape the fixes declared: the same chapters, quotes and
// entities give or take each fix's Delta, no rule with more findings than
// before (but those a fixer says its moved content may show), and no more
// quote lines with unbalanced emphasis or quote marks.

// Shape counts what a page is made of: its chapters, its real quotes (not
// time pairs, not lines of leaked JSON) and its entities.
type Shape struct {
	Chapters, Quotes, Entities int
}

func (s Shape) add(d Shape) Shape {
	return Shape{s.Chapters + d.Chapters, s.Quotes + d.Quotes, s.Entities + d.Entities}
}

func (s Shape) String() string {
	return fmt.Sprintf("%d chapters, %d quotes, %d entities", s.Chapters, s.Quotes, s.Entities)
}

// shapeOf counts the shape of a page read with its findings.
func shapeOf(doc *schema.Document, diags []rules.Diagnostic) Shape {
	var leaked []schema.Span
	for _, d := range diags {
		if d.Rule == "leaked-json" {
			leaked = append(leaked, d.Span)
		}
	}
	inLeak := newSpanSet(leaked).overlaps
	ep := doc.Episode
	s := Shape{Chapters: len(ep.Chapters)}
	count := func(blocks []schema.Block) {
		for _, b := range blocks {
			if b.Quote != nil && b.Quote.Pair == nil && !inLeak(b.Span) {
				s.Quotes++
			}
		}
	}
	count(ep.Intro)
	for _, c := range ep.Chapters {
		count(c.Blocks)
	}
	if ep.Entities != nil {
		s.Entities = len(ep.Entities.Entities)
	}
	return s
}

// spanSet answers whether a span overlaps any of a set of spans, in time
// logarithmic in the set: a page of many leaked blobs asks it for every
// quote.
type spanSet struct {
	spans    []schema.Span // by start
	furthest []int         // furthest[i]: the furthest end of spans[:i+1]
}

func newSpanSet(spans []schema.Span) spanSet {
	set := spanSet{spans: slices.Clone(spans), furthest: make([]int, len(spans))}
	slices.SortFunc(set.spans, func(a, b schema.Span) int { return a.Start - b.Start })
	for i, s := range set.spans {
		set.furthest[i] = s.End
		if i > 0 {
			set.furthest[i] = max(s.End, set.furthest[i-1])
		}
	}
	return set
}

// overlaps tells whether a span of the set starts before s ends and ends
// after s starts: among those that start before s ends, the furthest end
// decides.
func (set spanSet) overlaps(s schema.Span) bool {
	n := sort.Search(len(set.spans), func(i int) bool { return set.spans[i].Start >= s.End })
	return n > 0 && set.furthest[n-1] > s.Start
}

// unbalancedQuoteLines counts the quote lines of a Markdown page whose
// emphasis stars or straight double quote marks do not pair up, or whose
// curly quote marks do not. It is counted once a page: the page after one
// pass is the page before the next.
func unbalancedQuoteLines(doc *schema.Document) int {
	if doc.Format != schema.Markdown {
		return 0
	}
	return doc.Memo(unbalancedKey{}, func() any { return countUnbalancedQuoteLines(doc.Src) }).(int)
}

type unbalancedKey struct{}

func countUnbalancedQuoteLines(src []byte) int {
	n := 0
	for i := 0; i < len(src); {
		end := len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j
		}
		if line := src[i:end]; len(line) > 0 && line[0] == '>' {
			if bytes.Count(line, []byte("*"))%2 != 0 || bytes.Count(line, []byte(`"`))%2 != 0 ||
				bytes.Count(line, []byte("“")) != bytes.Count(line, []byte("”")) {
				n++
			}
		}
		i = end + 1
	}
	return n
}

// checkStructure compares the page before a pass with the page after it.
func checkStructure(before *schema.Document, beforeDiags []rules.Diagnostic, after *schema.Document, afterDiags []rules.Diagnostic, fixes []*Fix) error {
	var want Shape
	reveals := map[string]bool{}
	for _, f := range fixes {
		if f.Fixer.Reshapes {
			return nil // the page's whole structure is what the fix changes
		}
		want = want.add(f.Delta)
		for _, r := range f.Fixer.Reveals {
			reveals[r] = true
		}
	}
	want = want.add(shapeOf(before, beforeDiags))
	if got := shapeOf(after, afterDiags); got != want {
		return fmt.Errorf("structural guard: the fixed page has %s, the fixes declared %s", got, want)
	}
	counts := map[string]int{}
	for _, d := range beforeDiags {
		counts[d.Rule]++
	}
	brought := movedIn(fixes)
	for _, d := range afterDiags {
		if slices.ContainsFunc(brought[d.Rule], func(s schema.Span) bool { return s.Start <= d.Span.Start && d.Span.End <= s.End }) {
			continue // it came with the text the fix moved in
		}
		counts[d.Rule]--
	}
	var added []string
	for rule, n := range counts {
		if n < 0 && !reveals[rule] {
			added = append(added, rule)
		}
	}
	if len(added) > 0 {
		sort.Strings(added)
		return fmt.Errorf("structural guard: the fix adds findings of %s", strings.Join(added, ", "))
	}
	if b, a := unbalancedQuoteLines(before), unbalancedQuoteLines(after); a > b {
		return fmt.Errorf("structural guard: the fix leaves %d more quote lines with unbalanced emphasis or quote marks", a-b)
	}
	return nil
}

// movedIn is, by rule, where in the fixed page lies the text that fixes
// whose fixer Brings that rule wrote: each edit's new text, at its place
// after the edits before it (in sortEdits' order, as applyEdits takes them).
func movedIn(fixes []*Fix) map[string][]schema.Span {
	type placed struct {
		Edit
		brings []string
	}
	// Most passes bring nothing: their edits are not gathered at all.
	if !slices.ContainsFunc(fixes, func(f *Fix) bool { return len(f.Fixer.Brings) > 0 }) {
		return nil
	}
	var all []placed
	for _, f := range fixes {
		for _, e := range f.Edits {
			all = append(all, placed{e, f.Fixer.Brings})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return editBefore(all[i].Edit, all[j].Edit) })
	out := map[string][]schema.Span{}
	shift := 0 // how much longer the fixed page is before the edit
	for _, p := range all {
		at := p.Start + shift
		for _, r := range p.brings {
			out[r] = append(out[r], schema.Span{Start: at, End: at + len(p.New)})
		}
		shift += len(p.New) - (p.End - p.Start)
	}
	return out
}

// structureGuard checks a pass. When it fails, the fixes are tried one by
// one: one that fails alone is a fixer bug, named, and returned as culprit. When each is sound
// alone and only their sum breaks the page (two deletions that each leave
// a chapter a paragraph, together none), the pass shrinks to its first
// fix (sound, as just checked): the others wait for the next pass, where
// their fixers see the page as it then is. shrunk is the fix to apply
// alone then, with the page it gives.
func structureGuard(path string, cfg *rules.Config, before *schema.Document, beforeDiags []rules.Diagnostic, after *schema.Document, afterDiags []rules.Diagnostic, fixes []*Fix) (shrunk *structured, culprit *Fix, err *FixerError) {
	failed := checkStructure(before, beforeDiags, after, afterDiags, fixes)
	if failed == nil {
		return nil, nil, nil
	}
	if len(fixes) == 1 {
		return nil, fixes[0], &FixerError{Fixer: fixes[0].Fixer.Name, Err: failed}
	}
	var first *structured
	for i, f := range fixes {
		src := applyFixes(before.Src, []*Fix{f})
		alone := schema.Read(path, src)
		aloneDiags := rules.Run(alone, cfg)
		if e := checkStructure(before, beforeDiags, alone, aloneDiags, []*Fix{f}); e != nil {
			return nil, f, &FixerError{Fixer: f.Fixer.Name, Err: e}
		}
		if i == 0 {
			first = &structured{fixes: []*Fix{f}, src: src, doc: alone, diags: aloneDiags}
		}
	}
	return first, nil, nil
}

// structured is a pass the structural guard let through: its fixes and
// the page they give, read and checked.
type structured struct {
	fixes []*Fix
	src   []byte
	doc   *schema.Document
	diags []rules.Diagnostic
}
