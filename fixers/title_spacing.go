package fixers

import (
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var titleSpacing = &Fixer{
	Name:    "title-spacing",
	Answers: []string{"title-format"},
	Safety:  Safe,
	Title:   "Normalize spacing in titles",
	Doc: `Puts a space on both sides of an em dash that has one on only one side, turns double
spaces into one, removes trailing spaces, and puts a space after an emoji or symbol glued to
the first word (` + "`🔬How`" + `), in episode and chapter titles. A front matter title written as the page title is fixed with
it; one that differs from the page title is left as a finding: which one is right is an
editor's call.`,
	Before: "# Maps That Lie: The 1,000-Year Atlas— Ada Pemberton ",
	After:  "# Maps That Lie: The 1,000-Year Atlas — Ada Pemberton",
	Make:   makeTitleSpacing,
}

const emDash = "—"

func makeTitleSpacing(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	src := doc.Src
	raw := string(src[d.Span.Start:d.Span.End])
	if doc.Format == schema.JSON {
		return fixJSONTitle(doc, d)
	}
	// title-format's findings share spans (a lone dash may be a dash
	// to space or a title cut off after it): the rule states which of
	// them are spacing to repair.
	if d.Fix == rules.NoFix {
		return nil
	}
	return mirrorFrontMatterTitle(doc, spacingFix(doc, d, raw))
}

func spacingFix(doc *schema.Document, d rules.Diagnostic, raw string) *Fix {
	src := doc.Src
	switch {
	case raw != "" && glued(raw, src[d.Span.Start:]):
		return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.End, End: d.Span.End, New: " "}}}
	case raw == emDash:
		if d.Span.Start > 0 && src[d.Span.Start-1] == ' ' {
			return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.End, End: d.Span.End, New: " "}}}
		}
		return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.Start, End: d.Span.Start, New: " "}}}
	case raw != "" && strings.TrimLeft(raw, " \t") == "":
		// A run of spaces inside the title becomes one; trailing ones go.
		if d.Span.End < len(src) && src[d.Span.End] != '\n' && src[d.Span.End] != '\r' {
			if rules.SpaceMakesMarker(src, d.Span) {
				return nil // "# ##  [": one space would make a heading marker mid-line
			}
			return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: " "}}}
		}
		return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.Start, End: d.Span.End}}}
	}
	return nil
}

// glued tells whether raw is the symbol a title starts with, glued to its
// first word, in the text from raw on.
// mirrorFrontMatterTitle makes fix, an edit of the episode title, in the
// front matter's title too when that one is written as the page title is:
// the two agreed before the fix and must after it, or title-format would
// report their difference. A front matter title written otherwise (with
// escapes) stays as it is, and title-format then reports the difference.
func mirrorFrontMatterTitle(doc *schema.Document, fix *Fix) *Fix {
	t := doc.Episode.Title
	if fix == nil || t == nil || len(fix.Edits) != 1 {
		return fix
	}
	e := fix.Edits[0]
	f, ok := doc.Episode.FrontMatter.Lookup("title")
	if e.Start < t.Span.Start || e.End > t.Span.End || !ok {
		return fix
	}
	value, isString := f.Value.(string)
	if !isString || strings.TrimSpace(value) != strings.TrimSpace(t.Value) {
		return fix // title-format reports the difference; which is right is not for a fix to say
	}
	raw := string(doc.Src[f.ValueSpan.Start:f.ValueSpan.End])
	at := f.ValueSpan.Start
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len(raw)-1] == raw[0] {
		raw, at = raw[1:len(raw)-1], at+1
	}
	from, to := e.Start-t.Span.Start, e.End-t.Span.Start
	if raw != value || !strings.HasPrefix(t.Value, value) || to > len(value) {
		// Trailing spaces, which the value does not hold, or a value
		// written with escapes: title-format then reports the difference.
		return fix
	}
	fix.Edits = append(fix.Edits, Edit{Start: at + from, End: at + to, New: e.New})
	return fix
}

func glued(raw string, from []byte) bool {
	for _, m := range rules.TitleSlips(string(from[:min(len(from), len(raw)+utf8.UTFMax)])) {
		if m.Slip == rules.GluedSymbol && m.End == len(raw) {
			return true
		}
	}
	return false
}

// fixJSONTitle answers a title-format finding in episode JSON. Its span
// is the whole string literal, whatever the finding is about, so the
// string is written anew with every mechanical repair (the spacing's,
// title-punctuation's): whichever finding asks, all go at once. A finding
// the rule states no fixer repairs gets nothing.
func fixJSONTitle(doc *schema.Document, d rules.Diagnostic) *Fix {
	if d.Fix == rules.NoFix {
		return nil
	}
	raw := string(doc.Src[d.Span.Start:d.Span.End])
	v, _, err := schema.ParseJSON([]byte(raw))
	if err != nil || v.Kind != schema.String {
		return nil
	}
	fixed := normalizeTitle(v.Str)
	if fixed == v.Str {
		return nil
	}
	rewritten, ok := schema.RewriteJSONString(raw, fixed)
	if !ok {
		return nil
	}
	return &Fix{Safety: Safe, Removed: []string{raw}, Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: rewritten}}}
}

// normalizeTitle applies the repairs of titles to a title held in a JSON
// string: a space after a glued symbol, a doubled mark once, then the
// spacing.
func normalizeTitle(t string) string {
	var marks strings.Builder
	at := 0
	for _, m := range rules.TitleSlips(t) {
		switch m.Slip {
		case rules.GluedSymbol:
			marks.WriteString(t[at:m.End] + " ")
			at = m.End
		case rules.DoubledMark:
			marks.WriteString(t[at : m.Start+1])
			at = m.End
		}
	}
	t = marks.String() + t[at:]
	t = strings.TrimRight(t, " \t")
	for strings.Contains(t, "  ") {
		t = strings.ReplaceAll(t, "  ", " ")
	}
	var b strings.Builder
	for i := 0; i < len(t); {
		if !strings.HasPrefix(t[i:], emDash) {
			b.WriteByte(t[i])
			i++
			continue
		}
		before := i > 0 && t[i-1] == ' '
		end := i + len(emDash)
		after := end < len(t) && t[end] == ' '
		edge := i == 0 || end == len(t)
		if before != after && !edge {
			if !before {
				b.WriteByte(' ')
			}
			b.WriteString(emDash)
			if !after {
				b.WriteByte(' ')
			}
		} else {
			b.WriteString(emDash)
		}
		i = end
	}
	return b.String()
}
