package fixers

import (
	"strconv"
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var canonicalTimestamp = &Fixer{
	Name:    "canonical-timestamp",
	Answers: []string{"timestamp-format"},
	Safety:  Safe,
	Title:   "Rewrite a timestamp in canonical form",
	Doc: `Rewrites a chapter or quote timestamp as ` + "`mm:ss`" + ` below one hour and ` + "`h:mm:ss`" + ` from one
hour on. The time itself is kept: ` + "`[60:42]`" + ` is 1:00:42. In episode JSON, a time written as
text becomes its number of seconds: ` + "`\"start\": \"1:02:44\"`" + ` becomes ` + "`\"start\": 3764`" + `. Brackets that hold no time are left
as a finding.`,
	Before: "## [60:42] Actions as the compute layer\n\n> *\"Padded.\"* [01:05:13]",
	After:  "## [1:00:42] Actions as the compute layer\n\n> *\"Padded.\"* [1:05:13]",
	Make:   makeCanonicalTimestamp,
}

func makeCanonicalTimestamp(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	raw := string(doc.Src[d.Span.Start:d.Span.End])
	if doc.Format == schema.JSON {
		// "1:02:44" → 3764
		v, _, err := schema.ParseJSON([]byte(raw))
		if err != nil || v.Kind != schema.String {
			return nil
		}
		secs, ok := schema.ParseTimestamp(strings.TrimSpace(v.Str))
		if !ok {
			return nil
		}
		return &Fix{Safety: Safe, Removed: []string{raw}, Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: strconv.Itoa(secs)}}}
	}
	ts, ok := timestampAt(doc.Episode, d.Span)
	if !ok {
		return nil
	}
	want := cfg.FormatTimestamp(ts.Seconds)
	if !ts.Valid || raw == want {
		return nil
	}
	return &Fix{Safety: Safe, Removed: []string{raw}, Edits: []Edit{{
		Start: d.Span.Start, End: d.Span.End, New: want,
	}}}
}

// timestampAt is the reader's timestamp at span: a chapter's start or a
// quote's time, as the rule saw it (the bracket around it, and so whether
// it is a time at all, is the reader's call, not the text's alone).
func timestampAt(ep *schema.Episode, span schema.Span) (schema.Timestamp, bool) {
	c := chapterAt(ep, span.Start)
	if c == nil {
		return schema.Timestamp{}, false
	}
	if c.Start.Span == span {
		return c.Start, true
	}
	if i := indexAt(c.Blocks, span.Start); i >= 0 {
		if q := c.Blocks[i].Quote; q != nil && q.At != nil && q.At.Span == span {
			return *q.At, true
		}
	}
	return schema.Timestamp{}, false
}
