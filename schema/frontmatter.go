package schema

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// fmReader converts the YAML node tree of a front matter block into plain
// values, recording the span of every value under its JSON Pointer.
type fmReader struct {
	doc       *Document
	firstLine int // 1-based document line of the YAML's first line
	pointers  map[string]Span
	last      fmColumn // where span found the previous node
}

// fmColumn is a column of a line found by counting runes: the count goes on
// from it for a later node on the same line.
type fmColumn struct {
	lineStart int
	column    int // 1-based; 0: none yet
	at        int // the column's byte offset
}

var yamlLineRe = lazyre.New(`^yaml: line (\d+): `)

// readFrontMatter parses the lines between the `---` delimiters; text is
// the page as a string, which the values read by hand are slices of.
func readFrontMatter(doc *Document, text string, ep *Episode, open line, body []line, closing line) {
	fm := &FrontMatter{Span: Span{open.start, closing.end}}
	ep.FrontMatter = fm
	if len(body) == 0 {
		return
	}
	if fields, pointers, ok := quickFrontMatter(text, body); ok {
		fm.Fields, doc.frontMatterPointers = fields, pointers
		return
	}
	parseFrontMatter(doc, fm, open, body)
}

// parseFrontMatter reads front matter with the YAML parser.
func parseFrontMatter(doc *Document, fm *FrontMatter, open line, body []line) {
	data := doc.Src[body[0].start:body[len(body)-1].next]
	r := &fmReader{doc: doc, firstLine: doc.Lines.Line(body[0].start), pointers: map[string]Span{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := err.Error()
		span := Span{open.start, open.end}
		if m := yamlLineRe.Get().FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			span = r.lineSpan(n)
			msg = msg[len(m[0]):]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		doc.Problems = append(doc.Problems, Problem{Span: span, Message: "front matter is not valid YAML: " + msg})
		return
	}
	if len(root.Content) == 0 {
		return
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		doc.Problems = append(doc.Problems, Problem{Span: r.span(top), Message: "front matter is not a mapping of keys to values"})
		return
	}
	seen := map[string]Span{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		keySpan := r.span(k)
		if first, dup := seen[k.Value]; dup {
			doc.Problems = append(doc.Problems, Problem{Span: keySpan, Message: "front matter key `" + k.Value + "` appears twice (first at line " + strconv.Itoa(doc.Lines.Line(first.Start)) + ")"})
			continue
		}
		seen[k.Value] = keySpan
		ptr := "/" + escapePointer(k.Value)
		val, ok := r.value(v, ptr, 0)
		if !ok {
			continue
		}
		fm.Fields = append(fm.Fields, Field{Key: k.Value, KeySpan: keySpan, ValueSpan: r.span(v), Value: val})
	}
	doc.frontMatterPointers = r.pointers
}

// maxYAMLDepth bounds nesting; front matter is a flat list of keys.
const maxYAMLDepth = 64

// value converts a node; aliases are refused rather than expanded, which is
// what keeps a "billion laughs" block from expanding at all.
func (r *fmReader) value(n *yaml.Node, ptr string, depth int) (any, bool) {
	r.pointers[ptr] = r.span(n)
	if depth > maxYAMLDepth {
		r.problem(n, "front matter is nested deeper than "+strconv.Itoa(maxYAMLDepth)+" levels")
		return nil, false
	}
	switch n.Kind {
	case yaml.AliasNode:
		r.problem(n, "front matter uses a YAML alias (*"+n.Value+"); podlint does not expand aliases")
		return nil, false
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			v, ok := r.value(item, ptr+"/"+strconv.Itoa(i), depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.AliasNode || k.Value == "<<" {
				r.problem(k, "front matter uses a YAML merge or alias key; podlint does not expand them")
				return nil, false
			}
			v, ok := r.value(n.Content[i+1], ptr+"/"+escapePointer(k.Value), depth+1)
			if !ok {
				return nil, false
			}
			out[k.Value] = v
		}
		return out, true
	}
	return scalar(n), true
}

// scalar keeps dates and anything unusual as the string written, so that the
// schema sees what the author wrote.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(n.Value)
		if err == nil {
			return b
		}
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil {
			return f
		}
	}
	return n.Value
}

func (r *fmReader) problem(n *yaml.Node, msg string) {
	r.doc.Problems = append(r.doc.Problems, Problem{Span: r.span(n), Message: msg})
}

// span maps a node's YAML line and column to document bytes. The end is the
// end of the node's first line: enough to point at it. Nodes come in the
// order they are written, so the runes are counted on from the previous
// node when it is earlier on the same line: a flow list of many items on
// one line costs its length, not its length once per item.
func (r *fmReader) span(n *yaml.Node) Span {
	ls := r.lineSpan(n.Line)
	at, col := ls.Start, 1
	if p := r.last; p.column > 0 && p.lineStart == ls.Start && p.column <= n.Column {
		at, col = p.at, p.column
	}
	for ; col < n.Column && at < ls.End; col++ {
		_, size := utf8.DecodeRune(r.doc.Src[at:ls.End])
		at += size
	}
	r.last = fmColumn{lineStart: ls.Start, column: col, at: at}
	return Span{at, ls.End}
}

// lineSpan is the span of the YAML's n-th line (1-based) in the document.
func (r *fmReader) lineSpan(n int) Span {
	docLine := r.firstLine + n - 1
	if n < 1 || docLine > r.doc.Lines.Count() {
		docLine = r.firstLine
	}
	start := r.doc.Lines.Start(docLine)
	end := len(r.doc.Src)
	if docLine < r.doc.Lines.Count() {
		end = r.doc.Lines.Start(docLine+1) - 1
	}
	if end > start && r.doc.Src[end-1] == '\r' {
		end--
	}
	return Span{start, end}
}

// escapePointer escapes a key for use in a JSON Pointer (RFC 6901).
func escapePointer(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// YAML is a whole YAML file read with positions, as podlint reads its
// config: the value, and the span of every value under its JSON Pointer.
type YAML struct {
	Doc      *Document // Src, Lines, Instance (the value) and Pointers
	Problems []Problem
}

// ReadYAML reads src; aliases are refused as in front matter.
func ReadYAML(path string, src []byte) *YAML {
	doc := &Document{Path: path, Src: src, Text: string(src), Lines: NewLines(src), Pointers: map[string]Span{}}
	out := &YAML{Doc: doc}
	r := &fmReader{doc: doc, firstLine: 1, pointers: doc.Pointers}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		span := Span{}
		if m := yamlLineRe.Get().FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			span = r.lineSpan(n)
			msg = err.Error()[len(m[0]):]
		}
		out.Problems = append(out.Problems, Problem{Span: span, Message: "not valid YAML: " + msg})
		return out
	}
	if len(root.Content) == 0 {
		doc.Instance = map[string]any{}
		return out
	}
	if v, ok := r.value(root.Content[0], "", 0); ok {
		doc.Instance = v
	}
	out.Problems = append(out.Problems, doc.Problems...)
	return out
}
