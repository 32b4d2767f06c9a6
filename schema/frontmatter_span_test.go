package schema

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TestFrontMatterSpanCursor: a node's span is the same whether its column is
// counted from the line's start or on from the node before it, in the
// order the reader visits nodes and in any other.
func TestFrontMatterSpanCursor(t *testing.T) {
	for _, text := range []string{
		"tags: [!!str a,a,a, bb ,  ccc]\n",
		"slug: café-ñ\ntags: [é, ü, \"日本\", 'x y']\nconfidence: {score: 0.9, rationale: \"r — s\"}\n",
		"a:\n  - x\n  - {k: [1, 2, 3], ü: v}\nb: [[1, [2]], {c: d}]\n",
		"t: [\ta, b]\r\nu: [c,d]\r\n",
	} {
		src := []byte(text)
		doc := &Document{Src: src, Lines: NewLines(src)}
		var root yaml.Node
		if err := yaml.Unmarshal(src, &root); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		var nodes []*yaml.Node
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			nodes = append(nodes, n)
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&root)
		rng := rand.New(rand.NewSource(1))
		for round := range 20 {
			order := append([]*yaml.Node(nil), nodes...)
			if round > 0 {
				rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			}
			r := &fmReader{doc: doc, firstLine: 1}
			for _, n := range order {
				if got, want := r.span(n), countedSpan(r, n); got != want {
					t.Fatalf("%q, node %q at %d:%d: span %v, counted from the line's start %v", text, n.Value, n.Line, n.Column, got, want)
				}
			}
		}
	}
}

// countedSpan is span without the cursor: the column counted from the
// line's start.
func countedSpan(r *fmReader, n *yaml.Node) Span {
	ls := r.lineSpan(n.Line)
	at := ls.Start
	for col := 1; col < n.Column && at < ls.End; col++ {
		_, size := utf8.DecodeRune(r.doc.Src[at:ls.End])
		at += size
	}
	return Span{at, ls.End}
}
