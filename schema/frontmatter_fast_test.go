package schema

import (
	"reflect"
	"testing"
)

// TestQuickFrontMatter pins which front matter the hand-written reader takes
// (the rest goes to the YAML parser) and what it reads; FuzzQuickFrontMatter
// checks its answers against the parser.
func TestQuickFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want map[string]any // nil: left to the parser
	}{
		{"slug: early-season-builds\ntags: [island, curious-harbor]", map[string]any{"slug": "early-season-builds", "tags": []any{"island", "curious-harbor"}}},
		{"title: \"Maps: a history\"\ntags: []", map[string]any{"title": "Maps: a history", "tags": []any{}}},
		{"title: It's (mostly) fine!  \r\nkind: a/b.c", map[string]any{"title": "It's (mostly) fine!", "kind": "a/b.c"}},
		{"tags: [ x , y ]", map[string]any{"tags": []any{"x", "y"}}},
		{"draft: true", nil},     // a boolean
		{"tags: [x, null]", nil}, // a null item
		{"published: 2024-05-01\nduration: 4210\nzero: 0", map[string]any{"published": "2024-05-01", "duration": 4210.0, "zero": 0.0}},
		{"n: 0123", nil}, // octal to YAML
		{"n: 1.5", nil},  // a float
		{"d: 2024-5-01", nil},
		{"d: 2024-05-01T10:00", nil},
		{"title: Maps: a history", nil}, // a colon inside
		{"title: x # note", nil},        // a comment
		{"a:b", nil},                    // not a key and value
		{"a:", nil},                     // null
		{"a: x\na: y", nil},             // a repeated key: the parser words it
		{"a: [x,]", nil},
		{"a: \"esc\\\"aped\"", nil},
		{"title: Café", nil}, // non-ASCII
		{"\na: x", nil},      // a blank line
		{"nested:\n  a: x", nil},
	} {
		src := []byte("---\n" + tc.yaml + "\n---\n")
		lines := splitLines(nil, src)
		fields, _, ok := quickFrontMatter(string(src), lines[1:len(lines)-1])
		if ok != (tc.want != nil) {
			t.Errorf("%q: taken = %v, want %v", tc.yaml, ok, tc.want != nil)
			continue
		}
		if !ok {
			continue
		}
		got := map[string]any{}
		for _, f := range fields {
			got[f.Key] = f.Value
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: read %#v, want %#v", tc.yaml, got, tc.want)
		}
	}
}
