package schema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The Markdown reader is line-based and reads only what an episode page is
// made of; a CommonMark parser (goldmark, used by tests only) is the
// reference for what it does read. On every fixture and on fuzz inputs, the
// two must find the same top-level headings of levels 1 and 2 (ATX:
// `# Title`, `## [TS] Title`, `## Entities`, other `## ` sections) at the
// same lines with the same text, and the same block quote lines.
//
// Where podlint differs on purpose, the comparison leaves the lines out:
//
//   - Front matter is not Markdown: its lines are blanked for goldmark.
//   - Lines inside fenced or indented code and HTML blocks (as goldmark
//     reads them) and inside the comments and fences podlint keeps
//     verbatim: podlint recognizes only HTML comments and fences, with
//     simpler closing rules.
//   - Lines inside a list: podlint reads no nested blocks in lists (the
//     entities list is one bullet a line).
//   - Quote lines after a `## ` section other than a chapter, up to the
//     next heading: podlint keeps such sections as they are, and the
//     entities section as bullets.
//   - Only the first level-1 heading before any level-2 heading is the
//     title; podlint reads later ones as text. It is compared only when no
//     line before it was left out.
//   - Setext headings (text underlined with === or ---) and levels 3 to 6
//     are text to podlint: the format uses `#` and `##` only.
//   - A lone carriage return is no line break to podlint (lines end at LF,
//     CRLF kept); such inputs are not compared, and invalid UTF-8 and NUL
//     bytes never reach the reader (CheckEncoding refuses the file).
//
// Heading texts are compared without the white space at their ends, which
// podlint keeps for title-format to report.

// mdStructure is what the comparison looks at, by 0-based line.
type mdStructure struct {
	headings map[int]string // headingKey
	quotes   map[int]bool
}

// headingKey is a heading as compared: its level and trimmed text; the
// entities heading in any case.
func headingKey(level int, text string) string {
	text = strings.Trim(text, " \t")
	if level == 2 && strings.EqualFold(text, "entities") {
		text = "entities"
	}
	return fmt.Sprintf("%d %s", level, text)
}

// podlintStructure reads doc's model.
func podlintStructure(doc *Document) mdStructure {
	s := mdStructure{headings: map[int]string{}, quotes: map[int]bool{}}
	line := func(off int) int { return doc.Lines.Position(off).Line - 1 }
	ep := doc.Episode
	if ep.Title != nil {
		s.headings[line(ep.TitleLine.Start)] = headingKey(1, ep.Title.Value)
	}
	for _, c := range ep.Chapters {
		s.headings[line(c.Heading.Start)] = headingKey(2, string(doc.Src[c.Start.Span.Start-1:c.Title.Span.End]))
	}
	if ep.Entities != nil {
		s.headings[line(ep.Entities.Heading.Start)] = headingKey(2, "entities")
	}
	for _, sec := range ep.Sections {
		s.headings[line(sec.Heading.Start)] = headingKey(2, sec.Title)
	}
	for _, b := range bodyBlocks(ep) {
		if b.Kind == QuoteBlock {
			s.quotes[line(b.Span.Start)] = true
		}
	}
	return s
}

// bodyBlocks are the blocks of the summary area and the chapters.
func bodyBlocks(ep *Episode) []Block {
	blocks := append([]Block(nil), ep.Intro...)
	for _, c := range ep.Chapters {
		blocks = append(blocks, c.Blocks...)
	}
	return blocks
}

// leftOut are the lines the comparison leaves out (see above): wholly, or
// only for quotes.
type leftOut struct {
	lines, quotes map[int]bool
}

// podlintLeftOut: podlint's verbatim blocks, and the lines of sections
// other than chapters, whose quotes it does not read.
func podlintLeftOut(doc *Document, s mdStructure, lineCount int) leftOut {
	out := leftOut{lines: map[int]bool{}, quotes: map[int]bool{}}
	line := func(off int) int { return doc.Lines.Position(off).Line - 1 }
	for _, b := range bodyBlocks(doc.Episode) {
		if b.Kind == Verbatim {
			for n := line(b.Span.Start); n <= line(b.Span.End); n++ {
				out.lines[n] = true
			}
		}
	}
	var sections []int
	for _, sec := range doc.Episode.Sections {
		sections = append(sections, line(sec.Heading.Start))
	}
	if doc.Episode.Entities != nil {
		sections = append(sections, line(doc.Episode.Entities.Heading.Start))
	}
	for _, from := range sections {
		for n := from + 1; n < lineCount; n++ {
			if _, heading := s.headings[n]; heading {
				break
			}
			out.quotes[n] = true
		}
	}
	return out
}

// commonMarkStructure parses src with goldmark, and adds the lines of its
// lists, code and HTML blocks to out.
func commonMarkStructure(src []byte, out leftOut) mdStructure {
	src = commonMarkSource(src)
	lineStarts := []int{0}
	for i, c := range src {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(off int) int { return sort.SearchInts(lineStarts, off+1) - 1 }
	lineText := func(n int) string {
		end := len(src)
		if n+1 < len(lineStarts) {
			end = lineStarts[n+1] - 1
		}
		return string(src[lineStarts[n]:end])
	}
	root := goldmark.New().Parser().Parse(text.NewReader(src))
	s := mdStructure{headings: map[int]string{}, quotes: map[int]bool{}}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		// A top-level block runs from its line to the next one's.
		first, next := lineOf(n.Pos()), len(lineStarts)
		if n.NextSibling() != nil {
			next = lineOf(n.NextSibling().Pos())
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level > 2 || !isATX(lineText(first)) {
				continue
			}
			content := ""
			if n.Lines().Len() > 0 {
				segment := n.Lines().At(0)
				content = string(segment.Value(src))
			}
			s.headings[first] = headingKey(n.Level, content)
		case *ast.Blockquote:
			for l := first; l < next; l++ {
				if t := lineText(l); strings.HasPrefix(unindented(t), ">") {
					s.quotes[l] = true
				}
			}
		case *ast.List, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			for l := first; l < next; l++ {
				out.lines[l] = true
			}
		}
	}
	return s
}

// commonMarkSource is src as goldmark is given it: without a byte order
// mark, with LF line endings, and with the front matter's lines blanked.
func commonMarkSource(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 && strings.TrimSuffix(lines[0], "\n") == "---" {
		for j := 1; j < len(lines); j++ {
			if t := strings.TrimSuffix(lines[j], "\n"); t == "---" || t == "..." {
				for k := 0; k <= j; k++ {
					lines[k] = strings.Repeat("\n", strings.Count(lines[k], "\n"))
				}
				break
			}
		}
	}
	return []byte(strings.Join(lines, ""))
}

// isATX tells whether a line is an ATX heading line (not setext).
func isATX(line string) bool {
	line = unindented(line)
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// unindented is line without the up to three spaces a block marker may
// stand after (the test's own reading, not the reader's).
func unindented(line string) string {
	for i := 0; i < 3 && strings.HasPrefix(line, " "); i++ {
		line = line[1:]
	}
	return line
}

// compareWithCommonMark reports where podlint and goldmark disagree.
func compareWithCommonMark(src []byte) []string {
	doc := Read("page.md", src)
	ours := podlintStructure(doc)
	out := podlintLeftOut(doc, ours, bytes.Count(src, []byte("\n"))+1)
	theirs := commonMarkStructure(src, out)
	var diffs []string
	// The title is compared only when nothing before it was left out.
	firstLeftOut := 1 << 30
	for n := range out.lines {
		firstLeftOut = min(firstLeftOut, n)
	}
	titleSeen := false
	for _, n := range sortedKeys(ours.headings, theirs.headings) {
		if out.lines[n] {
			continue
		}
		a, b := ours.headings[n], theirs.headings[n]
		if strings.HasPrefix(b, "1 ") && a == "" {
			if titleSeen || n > firstLeftOut || headingBefore(theirs, n) {
				continue // not the title: text to podlint
			}
		}
		titleSeen = titleSeen || strings.HasPrefix(b, "1 ")
		if trimHeading(a) != trimHeading(b) {
			diffs = append(diffs, fmt.Sprintf("line %d: podlint heading %q, CommonMark %q", n+1, a, b))
		}
	}
	for _, n := range sortedKeys(ours.quotes, theirs.quotes) {
		if !out.lines[n] && !out.quotes[n] && ours.quotes[n] != theirs.quotes[n] {
			diffs = append(diffs, fmt.Sprintf("line %d: podlint quote %v, CommonMark block quote %v", n+1, ours.quotes[n], theirs.quotes[n]))
		}
	}
	return diffs
}

// headingBefore tells whether a level-2 heading comes before line n.
func headingBefore(s mdStructure, n int) bool {
	for m, h := range s.headings {
		if m < n && strings.HasPrefix(h, "2 ") {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of both maps, in order.
func sortedKeys[V any](a, b map[int]V) []int {
	seen := map[int]bool{}
	var out []int
	for _, m := range []map[int]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Ints(out)
	return out
}

// commonMarkComparable tells whether src is an input the comparison applies to.
func commonMarkComparable(src []byte) bool {
	return utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 && !bytes.Contains(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r"))
}

// markdownFixtures are every Markdown page under testdata.
func markdownFixtures(t testing.TB) []string {
	var paths []string
	for _, pattern := range []string{"../testdata/*/*.md", "../testdata/*/*/*.md", "../testdata/*/*/*.md.fixed", "../testdata/convert/*.to-md"} {
		more, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, more...)
	}
	if len(paths) < 50 {
		t.Fatalf("only %d Markdown fixtures found", len(paths))
	}
	return paths
}

// TestMarkdownMatchesCommonMark compares the reader with goldmark on every
// Markdown fixture.
func TestMarkdownMatchesCommonMark(t *testing.T) {
	for _, p := range markdownFixtures(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !commonMarkComparable(src) {
			continue
		}
		for _, d := range compareWithCommonMark(src) {
			t.Errorf("%s: %s", p, d)
		}
	}
}

// FuzzMarkdownMatchesCommonMark compares the reader with goldmark on
// arbitrary pages.
func FuzzMarkdownMatchesCommonMark(f *testing.F) {
	for _, p := range markdownFixtures(f) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"   # T\n\n  ## [00:00] A ##\n\n > *\"q\"* [00:01]\n",
		"# T\n\ntext\n## [01:00] B\n> q\nlazy\n## C #\n",
		"# T\n\n- **A** (Person): x\n  ## [00:00] in a list\n",
		"# T\n\n```\n## [00:00] code\n```\n\n<!--\n## [01:00] comment\n-->\n",
		"---\ntitle: x\n# not a heading\n---\n# T\n",
		"# T\n\n## Entities\n\n> not a quote to podlint\n\n## [00:00] A\n\n> quote\n",
		"Setext\n===\n\n# T\n",
		"#\tT\n\n##\n\n## #\n\n##\t[00:00] x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !commonMarkComparable(src) {
			return
		}
		if diffs := compareWithCommonMark(src); len(diffs) > 0 {
			t.Fatalf("%q:\n%s", src, strings.Join(diffs, "\n"))
		}
	})
}

// trimHeading trims all white space around a heading's text ("2 text"):
// podlint trims Unicode white space (a vertical tab, a form feed) where
// CommonMark trims only spaces and tabs, a difference on purpose.
func trimHeading(h string) string {
	level, text, ok := strings.Cut(h, " ")
	if !ok {
		return strings.TrimSpace(h)
	}
	return level + " " + strings.TrimSpace(text)
}
