package schema

import (
	"reflect"
	"testing"
)

// TestHeadingLines: headings are read as CommonMark reads ATX headings:
// indented by up to three spaces, a tab after the #s, and without the
// optional closing run of #s, which never reaches a title (convert would
// export it).
func TestHeadingLines(t *testing.T) {
	for _, tc := range []struct {
		page     string
		title    string
		chapters []string // titles
		sections []string
	}{
		{page: "   # T\n\n   ## [00:00] Cold open\n", title: "T", chapters: []string{"Cold open"}},
		{page: "# T\n\n## [00:00] A\n\n ## [01:00] B\n\n  ## [02:00] C\n", title: "T", chapters: []string{"A", "B", "C"}},
		{page: "# T #\n\n## [01:00] Second ##\n", title: "T", chapters: []string{"Second"}},
		{page: "# T\n\n## [01:00] Second   ##   \n", title: "T", chapters: []string{"Second"}},
		{page: "# T\n\n## [01:00] In C#\n\n## [02:00] Not closed \\##\n", title: "T", chapters: []string{"In C#", "Not closed \\##"}},
		{page: "# T\n\n## [01:00] Trailing  \n", title: "T", chapters: []string{"Trailing  "}},
		{page: "# T\n\n## [01:00] ##\n", title: "T", chapters: []string{""}},
		{page: "#\tTabbed\n\n##\t[00:00] Tab\n", title: "Tabbed", chapters: []string{"Tab"}},
		{page: "# T\n\n## Sources ##\n\n## Entities ##\n\n- **A** (Person): B.\n", title: "T", sections: []string{"Sources"}},
		{page: "    # Code, not a title\n\n    ## [00:00] Code\n"},
		{page: "# T\n\n### [00:00] Level three is body text\n", title: "T"},
	} {
		doc := Read("page.md", []byte(tc.page))
		ep := doc.Episode
		var title string
		if ep.Title != nil {
			title = ep.Title.Value
			if got := tc.page[ep.Title.Span.Start:ep.Title.Span.End]; got != title {
				t.Errorf("%q: the title's span holds %q, not %q", tc.page, got, title)
			}
		}
		var chapters, sections []string
		for _, c := range ep.Chapters {
			chapters = append(chapters, c.Title.Value)
		}
		for _, s := range ep.Sections {
			sections = append(sections, s.Title)
		}
		if title != tc.title || !reflect.DeepEqual(chapters, tc.chapters) || !reflect.DeepEqual(sections, tc.sections) {
			t.Errorf("%q: title %q, chapters %q, sections %q; want %q, %q, %q", tc.page, title, chapters, sections, tc.title, tc.chapters, tc.sections)
		}
		if ep.Collapsed != nil {
			t.Errorf("%q: read as a flattened page", tc.page)
		}
	}
}

// TestQuoteTimeBeforeSpaces: a quote's time is read with spaces or a tab
// after it on the line; missed, the line's quote looked untimed and a
// [m, s] pair after it was attached as a second time.
func TestQuoteTimeBeforeSpaces(t *testing.T) {
	for _, line := range []string{"> *\"Words.\"* — Ada [00:05]  ", "> *\"Words.\"* — Ada [00:05]\t", "> *\"Words.\"* — Ada [00:05] \r"} {
		doc := Read("page.md", []byte("# T\n\n## [00:00] C\n\n"+line+"\n"))
		blocks := doc.Episode.Chapters[0].Blocks
		if len(blocks) != 1 || blocks[0].Quote == nil {
			t.Fatalf("%q: blocks %+v; want one quote", line, blocks)
		}
		q := blocks[0].Quote
		if q.Words != "Words." || q.Speaker == nil || q.Speaker.Value != "Ada" || q.At == nil || q.At.Seconds != 5 {
			t.Errorf("%q: quote read as %+v", line, q)
		}
	}
}

// TestIndentedQuote: a quote line indented by up to three spaces is a
// quote, read from its `>`.
func TestIndentedQuote(t *testing.T) {
	doc := Read("page.md", []byte("# T\n\n## [00:00] C\n\n   > *\"Words.\"* — Ada [00:05]\n"))
	blocks := doc.Episode.Chapters[0].Blocks
	if len(blocks) != 1 || blocks[0].Quote == nil {
		t.Fatalf("blocks %+v; want one quote", blocks)
	}
	q := blocks[0].Quote
	if q.Words != "Words." || q.Speaker == nil || q.Speaker.Value != "Ada" || q.At == nil || q.At.Seconds != 5 {
		t.Errorf("quote read as %+v", q)
	}
}
