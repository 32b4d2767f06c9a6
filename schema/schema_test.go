package schema

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestTimestamps(t *testing.T) {
	tests := []struct {
		raw       string
		seconds   int
		valid     bool
		canonical bool
	}{
		{"00:00", 0, true, true},
		{"07:35", 455, true, true},
		{"59:59", 3599, true, true},
		{"1:00:42", 3642, true, true},
		{"60:42", 3642, true, false},
		{"01:05:13", 3913, true, false},
		{"5:07", 307, true, false},
		{"1:5", 65, true, false},
		{"12:75", 795, true, false},
		{"10:00:00", 36000, true, true},
		{"", 0, false, false},
		{"soon", 0, false, false},
		{"1:2:3:4", 0, false, false},
		{"1::2", 0, false, false},
		{"-1:00", 0, false, false},
		{"9999999:00", 0, false, false},
	}
	for _, tt := range tests {
		ts := NewTimestamp(tt.raw, Span{})
		if ts.Valid != tt.valid || ts.Canonical != tt.canonical || (tt.valid && ts.Seconds != tt.seconds) {
			t.Errorf("NewTimestamp(%q) = %+v, want seconds %d valid %v canonical %v", tt.raw, ts, tt.seconds, tt.valid, tt.canonical)
		}
	}
	for secs, want := range map[int]string{0: "00:00", 9: "00:09", 455: "07:35", 3599: "59:59", 3600: "1:00:00", 3642: "1:00:42", 36000: "10:00:00", -5: "00:00"} {
		if got := FormatTimestamp(secs); got != want {
			t.Errorf("FormatTimestamp(%d) = %q, want %q", secs, got, want)
		}
	}
}

func TestLinesPosition(t *testing.T) {
	src := []byte("ab\r\nçé\nlast")
	l := NewLines(src)
	for off, want := range map[int]Position{0: {1, 1, 1}, 2: {1, 3, 3}, 4: {2, 1, 1}, 6: {2, 2, 3}, 8: {2, 3, 5}, 9: {3, 1, 1}, 13: {3, 5, 5}, 99: {3, 5, 5}, -1: {1, 1, 1}} {
		if got := l.Position(off); got != want {
			t.Errorf("Position(%d) = %v, want %v", off, got, want)
		}
	}
	if l.Count() != 3 {
		t.Errorf("Count() = %d, want 3", l.Count())
	}
}

func TestParseJSON(t *testing.T) {
	_, _, err := ParseJSON([]byte("{\"s\": \"raw\ttab\"}"))
	if err == nil {
		t.Fatal("a raw tab in a string must be an error")
	}
	v, problems, err := ParseJSON([]byte(`{"a": [1, -2.5e3, true, false, null], "s": "q\u00e9\ud83d\ude00\"\\\/\n", "a": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, `duplicate key "a"`) {
		t.Errorf("problems = %v, want one duplicate key", problems)
	}
	if got := v.Get("s").Str; got != "qé😀\"\\/\n" {
		t.Errorf("string = %q", got)
	}
	if a := v.Get("a"); a.Kind != Object {
		t.Errorf("duplicate key: the later value must win, got kind %v", a.Kind)
	}
	for src, want := range map[string]string{
		``:                       "empty JSON document",
		`{"a": 1,}`:              "trailing comma before '}'",
		`[1, 2,]`:                "trailing comma before ']'",
		`{"a": 1} x`:             "after the end of the JSON document",
		`// c` + "\n{}":          "comments are not allowed",
		`{"a": 01}`:              "leading zeros",
		`{"a": "b`:               "string started here is never closed",
		`{"a": [1, 2`:            "array opened here is never closed",
		`{'a': 1}`:               "expected a key in double quotes",
		`{"a" 1}`:                "expected ':'",
		`"\x"`:                   "invalid escape",
		`"\u12"`:                 "\\u escape",
		`nul`:                    "expected a JSON value",
		strings.Repeat("[", 600): "nested deeper than 512 levels",
	} {
		_, _, err := ParseJSON([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseJSON(%.20q) error = %v, want %q", src, err, want)
		}
	}
}

func TestReadMarkdownShapes(t *testing.T) {
	src := "\xef\xbb\xbf# Title\r\n\r\nSummary line one\r\nline two.\r\n\r\n## [00:00] Start\r\n\r\n" +
		"> *\"Quoted words\"* — Ada Pemberton [00:09]\r\n> *unquoted*\r\n> *[0, 9]*\r\n" +
		"<!-- a comment\r\n## [99:99] not a heading inside the comment -->\r\n" +
		"```\r\n## [88:88] nor inside a fence\r\n```\r\n\r\n## Notes\r\n\r\nKept as is.\r\n\r\n## Entities\r\n\r\n- **Ada** (Person): Cartographer.\r\nstray\r\n"
	doc := Read("page.md", []byte(src))
	ep := doc.Episode
	if ep.Title == nil || ep.Title.Value != "Title" {
		t.Fatalf("title = %+v", ep.Title)
	}
	if s := ep.Summary(); len(s) != 1 || s[0].Text != "Summary line one\nline two." {
		t.Errorf("summary = %+v", s)
	}
	if len(ep.Chapters) != 1 {
		t.Fatalf("chapters = %d, want 1 (headings in comments and fences do not count)", len(ep.Chapters))
	}
	blocks := ep.Chapters[0].Blocks
	if len(blocks) != 5 {
		t.Fatalf("blocks = %d, want 3 quotes, a comment and a fence", len(blocks))
	}
	q := blocks[0].Quote
	if !q.Quoted || q.Words != "Quoted words" || q.Speaker == nil || q.Speaker.Value != "Ada Pemberton" || q.At == nil || q.At.Seconds != 9 {
		t.Errorf("quote = %+v", q)
	}
	if got := string(doc.Src[q.Speaker.Span.Start:q.Speaker.Span.End]); got != "Ada Pemberton" {
		t.Errorf("speaker span covers %q", got)
	}
	if blocks[1].Quote.Quoted || blocks[1].Quote.Words != "unquoted" {
		t.Errorf("unquoted quote = %+v", blocks[1].Quote)
	}
	if p := blocks[2].Quote.Pair; p == nil || p.Total() != 9 {
		t.Errorf("pair = %+v", p)
	}
	if len(ep.Sections) != 1 || ep.Sections[0].Title != "Notes" {
		t.Errorf("sections = %+v", ep.Sections)
	}
	if ep.Entities == nil || len(ep.Entities.Entities) != 1 || len(ep.Entities.Stray) != 1 {
		t.Errorf("entities = %+v", ep.Entities)
	}
	for _, sp := range []Span{ep.Title.Span, q.Body.Span, q.At.Span} {
		if strings.Contains(string(doc.Src[sp.Start:sp.End]), "\r") {
			t.Errorf("span %v includes a carriage return", sp)
		}
	}
}

func TestFrontMatterPositions(t *testing.T) {
	src := "---\nslug: ok\ntags:\n  - good\n  - Bad Tag\n---\n# T\n\nS.\n\n## [00:00] C\n\nB.\n"
	doc := Read("p.md", []byte(src))
	vs, err := Validate(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Pointer != "/tags/1" {
		t.Fatalf("violations = %+v, want one at /tags/1", vs)
	}
	if pos := doc.Lines.Position(vs[0].Span.Start); pos != (Position{5, 5, 5}) {
		t.Errorf("violation at %v, want 5:5", pos)
	}
}

func TestSchemaRefusesURLs(t *testing.T) {
	if _, err := compiled(); err != nil {
		t.Fatalf("the embedded schema does not compile: %v", err)
	}
	c := newCompiler()
	schemaWithRef := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "file:///etc/passwd"}`
	if err := c.AddResource("https://example.test/s.json", strings.NewReader(schemaWithRef)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile("https://example.test/s.json"); err == nil || !strings.Contains(err.Error(), "podlint loads no schema") {
		t.Errorf("compiling a file:// $ref: error = %v, want a refusal", err)
	}
}

// TestChapterBlocksDoNotAlias: chapters share one backing array, but an
// append to one chapter's blocks must never overwrite the next chapter's.
func TestChapterBlocksDoNotAlias(t *testing.T) {
	doc := Read("page.md", []byte("# T\n\nS.\n\n## [00:00] One\n\nFirst.\n\n## [01:00] Two\n\nSecond.\n"))
	chs := doc.Episode.Chapters
	if len(chs) != 2 || len(chs[0].Blocks) != 1 || len(chs[1].Blocks) != 1 {
		t.Fatalf("read %d chapters: %+v", len(chs), chs)
	}
	chs[0].Blocks = append(chs[0].Blocks, Block{Kind: Paragraph, Text: "added"})
	if got := chs[1].Blocks[0].Text; got != "Second." {
		t.Errorf("after an append to chapter 1, chapter 2 starts with %q", got)
	}
}

func TestHasMidLineHeading(t *testing.T) {
	for src, want := range map[string]bool{
		"## [00:00] A\n":     false,
		"text ## [00:00] A":  true,
		"# Title #hash ## x": false,
		"a # b ## [":         true,
		" ## [":              true,
		"## [ then # and #[": false,
		"":                   false,
		"tail ##":            false,
	} {
		if got := hasMidLineHeading([]byte(src)); got != want {
			t.Errorf("hasMidLineHeading(%q) = %v, want %v", src, got, want)
		}
	}
}

// FuzzMarkerSearch: the searches that find a flattened page's markers by
// their rarer second byte find what searches for the whole marker find.
func FuzzMarkerSearch(f *testing.F) {
	f.Add([]byte("intro ## [00:00] A > *q* - **N** ## [01:00] B"))
	f.Add([]byte(" ## ## [ >> * - - ** -**"))
	f.Add([]byte("## [ at the start, > * and - ** too"))
	f.Fuzz(func(t *testing.T, text []byte) {
		if got, want := hasMidLineHeading(text), bytes.Contains(text, []byte(" ## [")); got != want {
			t.Fatalf("hasMidLineHeading(%q) = %v, want %v", text, got, want)
		}
		for _, m := range collapsedMarkers {
			if got, want := countMarker(text, m), bytes.Count(text, []byte(m)); got != want {
				t.Fatalf("countMarker(%q, %q) = %d, want %d", text, m, got, want)
			}
		}
	})
}

// TestLinesFromTheReader: the line index a Markdown page gets from the
// reader's lines is the one a search of its bytes makes, whatever the line
// ends (LF, CRLF, a lone CR, none at the end) and with a byte order mark.
func TestLinesFromTheReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	pieces := []string{"\n", "\r\n", "\r", "a", "## [00:01] T", "> q", "\xef\xbb\xbf", " ", "é"}
	for range 5000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString("\xef\xbb\xbf")
		}
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		got, want := Read("page.md", src).Lines.starts(), NewLines(src).starts()
		if !slices.Equal(got, want) {
			t.Fatalf("%q: line starts %v, want %v", src, got, want)
		}
	}
}
