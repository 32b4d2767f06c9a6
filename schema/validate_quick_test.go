package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// richPage and richJSON use every key of the episode schema, each valid,
// so that tightening any limit makes at least one of them invalid.
var (
	richPage = `---
slug: rooftop-hives-2
published: 2026-03-14
duration: 4210
tags: [beekeeping, urban-ecology]
seo_title: "Rooftop hives and the bees that vote on a new home"
seo_description: "A beekeeper on why rooftops suit hives."
confidence: {score: 0.93, rationale: "Boundaries agree."}
---
# Rooftop Hives — Mara Quill

Mara Quill on rooftop hives.

## [00:00] Cold open

Mara opens with a claim.

> *"The queen does not rule anything."* — Mara Quill [00:12]

## Entities

- **Mara Quill** (Person): Urban beekeeper.
`
	richJSON = `{"title": "Rooftop Hives — Mara Quill", "summary": "Mara Quill on rooftop hives.",
 "chapters": [{"start": 0, "title": "Cold open", "summary": "Mara opens with a claim.",
   "quotes": [{"text": "The queen does not rule anything.", "at": 12, "speaker": "Mara Quill"}]}],
 "entities": [{"name": "Mara Quill", "type": "Person", "description": "Urban beekeeper."}],
 "slug": "rooftop-hives-2", "published": "2026-03-14", "duration": "1:10:10", "tags": ["beekeeping", "urban-ecology"],
 "seo_title": "Rooftop hives and the bees that vote on a new home", "seo_description": "A beekeeper on why rooftops suit hives.",
 "confidence": {"score": 0.93, "rationale": "Boundaries agree."}}`
	// looseJSON breaks the rules a change could loosen, and leaves out
	// every key a change could require.
	looseJSON = `{"title": "Loose", "tags": ["a", "a"], "extra": 1,
 "chapters": [{"start": 0, "title": "C", "extra": 1}],
 "entities": [{"name": "N", "type": "Person", "extra": 1}],
 "confidence": {"score": 0.5, "extra": 1}}`
	looseQuoteJSON = `{"title": "Loose", "chapters": [{"start": 0, "title": "C", "quotes": [{"text": "q", "extra": 1}]}]}`
)

// TestQuickFollowsSeoTitleLimit: with seo_title's maxLength lowered from 60
// to 40 in the schema's text, a 45-character seo_title is reported, by the
// hand checks' path as by the validator.
func TestQuickFollowsSeoTitleLimit(t *testing.T) {
	text := bytes.Replace(episodeSchemaJSON, []byte(`"seo_title": {"type": "string", "minLength": 1, "maxLength": 60}`),
		[]byte(`"seo_title": {"type": "string", "minLength": 1, "maxLength": 40}`), 1)
	if bytes.Equal(text, episodeSchemaJSON) {
		t.Fatal("seo_title's definition in episode.schema.json changed: update this test")
	}
	title := strings.Repeat("x", 45)
	pages := map[string]string{
		"page.md":      "---\nseo_title: " + title + "\n---\n# T\n\nS.\n\n## [00:00] C\n\nB.\n",
		"episode.json": `{"title": "T", "seo_title": "` + title + `"}`,
	}
	for name, src := range pages {
		if vs, err := Validate(Read(name, []byte(src))); err != nil || len(vs) != 0 {
			t.Fatalf("%s: the embedded schema reports %v, %v; want nothing", name, vs, err)
		}
		vs, err := newEpisodeValidator(text).validate(Read(name, []byte(src)))
		if err != nil || len(vs) != 1 || vs[0].Pointer != "/seo_title" {
			t.Errorf("%s: with maxLength 40, got %v, %v; want one finding at /seo_title", name, vs, err)
		}
	}
}

// TestQuickFollowsEveryLimit changes each limit of episode.schema.json in
// memory, one at a time, and asks the validation podlint runs (hand checks
// first) and the validator alone for their findings on every fixture: they
// must agree. Each change must also change some page's findings, so that
// the agreement is about something; add to the rich and loose pages above
// if one does not.
func TestQuickFollowsEveryLimit(t *testing.T) {
	pages := fixturePages(t)
	original := findingsOf(t, newEpisodeValidator(episodeSchemaJSON), pages)
	for _, m := range schemaMutations(t) {
		t.Run(m.name, func(t *testing.T) {
			v := newEpisodeValidator(m.text)
			full, err := v.full()
			if err != nil {
				t.Fatalf("the changed schema does not compile: %v", err)
			}
			bites := false
			for i, p := range pages {
				got, err := v.validate(Read(p.name, p.src))
				if err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				doc := Read(p.name, p.src)
				want, err := validateInstance(full, doc, doc.instance())
				if err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: podlint reports %v; the validator %v", p.name, got, want)
				}
				bites = bites || !reflect.DeepEqual(want, original[i])
			}
			if !bites {
				t.Errorf("no page's findings change: give the rich or loose pages a value this change judges differently")
			}
		})
	}
}

// TestQuickCoversEpisodeSchema: every keyword of the embedded schema is one
// the hand checks read, and a page's reader-built parts are checked field by
// field. A keyword they do not know is safe (its subschema vouches for
// nothing) but sends every episode to the validator: teach it to
// validate_quick_compile.go.
func TestQuickCoversEpisodeSchema(t *testing.T) {
	q := compileQuick(episodeSchemaJSON)
	if !q.separable || q.parts == nil {
		t.Fatalf("the episode schema's top level or its chapters, quotes and entities are beyond the hand checks (separable %v, parts %v)", q.separable, q.parts)
	}
	seen := map[*quickNode]bool{}
	var walk func(n *quickNode, at string)
	walk = func(n *quickNode, at string) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.opaque {
			t.Errorf("%s: a keyword the hand checks do not read", at)
		}
		for _, p := range n.properties {
			walk(p.node, at+"/properties/"+p.name)
		}
		walk(n.items, at+"/items")
		walk(n.additional, at+"/additionalProperties")
		for i, sub := range append(append(append([]*quickNode{}, n.allOf...), n.anyOf...), n.oneOf...) {
			walk(sub, fmt.Sprintf("%s/applicator %d", at, i))
		}
	}
	walk(q.root, "#")
}

// TestQuickNumbers: bounds and enums compare as the validator does, which
// reads a float through its shortest decimal form.
func TestQuickNumbers(t *testing.T) {
	for _, tc := range []struct {
		schema string
		value  float64
		valid  bool // the validator's answer; the hand checks may only defer
	}{
		{`{"maximum": 0.93}`, 0.93, true},
		{`{"maximum": 0.93}`, math.Nextafter(0.93, 1), false},
		{`{"minimum": 0.93}`, math.Nextafter(0.93, 0), false},
		{`{"exclusiveMaximum": 0.93}`, 0.93, false},
		{`{"minimum": 0.1}`, 0.1, true},
		{`{"minimum": 0.10000000000000000001}`, 0.1, false},
		{`{"maximum": 0.10000000000000000001}`, 0.1, true},
		{`{"enum": [0.1, "a"]}`, 0.1, true},
		{`{"enum": [0.10000000000000000001]}`, 0.1, false},
		{`{"type": "integer"}`, 3, true},
		{`{"type": "integer"}`, 3.5, false},
		{`{"oneOf": [{"type": "integer"}, {"type": "string"}]}`, 2, true},
	} {
		text := []byte(`{"$schema": "` + draft2020 + `", "properties": {"n": ` + tc.schema + `}}`)
		c := newCompiler()
		if err := c.AddResource("test.json", bytes.NewReader(text)); err != nil {
			t.Fatal(err)
		}
		full, err := c.Compile("test.json")
		if err != nil {
			t.Fatal(err)
		}
		inst := map[string]any{"n": tc.value}
		if got := full.Validate(inst) == nil; got != tc.valid {
			t.Fatalf("%s on %v: the validator says %v; the table is wrong", tc.schema, tc.value, got)
		}
		if quick := compileQuick(text).valid(inst); quick && !tc.valid {
			t.Errorf("%s on %v: the hand checks vouch for a value the validator rejects", tc.schema, tc.value)
		}
		if quick := compileQuick(text).valid(inst); !quick && tc.valid {
			t.Errorf("%s on %v: the hand checks defer on a value they can judge", tc.schema, tc.value)
		}
	}
}

type fixturePage struct {
	name string
	src  []byte
}

func fixturePages(t *testing.T) []fixturePage {
	t.Helper()
	pages := []fixturePage{{"rich.md", []byte(richPage)}, {"rich.json", []byte(richJSON)},
		{"loose.json", []byte(looseJSON)}, {"loose-quote.json", []byte(looseQuoteJSON)}}
	for _, pattern := range []string{"../testdata/*/*/*.md", "../testdata/*/*/*.json", "../testdata/demo/*", "../testdata/convert/*.md", "../testdata/convert/*.json"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if CheckEncoding(src) == nil && !strings.HasSuffix(p, ".schema.json") {
				pages = append(pages, fixturePage{p, src})
			}
		}
	}
	return pages
}

func findingsOf(t *testing.T, v *episodeValidator, pages []fixturePage) [][]Violation {
	t.Helper()
	out := make([][]Violation, len(pages))
	for i, p := range pages {
		vs, err := v.validate(Read(p.name, p.src))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = vs
	}
	return out
}

type schemaMutation struct {
	name string
	text []byte
}

// schemaMutations finds every limit in the embedded schema and changes it:
// lengths, bounds, patterns, formats, types, required keys, uniqueness and
// closed objects, plus keywords the schema does not use yet.
func schemaMutations(t *testing.T) []schemaMutation {
	t.Helper()
	var out []schemaMutation
	add := func(name string, change func(schema map[string]any)) {
		doc := parseSchema(t)
		change(doc)
		text, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, schemaMutation{name, text})
	}
	var paths [][]string
	var find func(v any, path []string)
	find = func(v any, path []string) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				paths = append(paths, append(append([]string{}, path...), k))
				find(v[k], append(append([]string{}, path...), k))
			}
		case []any:
			for i, item := range v {
				find(item, append(append([]string{}, path...), fmt.Sprint(i)))
			}
		}
	}
	find(parseSchema(t), nil)
	for _, path := range paths {
		key, at := path[len(path)-1], strings.Join(path, "/")
		if len(path) > 1 && (path[len(path)-2] == "properties" || path[len(path)-2] == "$defs") {
			continue // a name, not a keyword
		}
		// The changed value, or nil for a keyword that is not a limit.
		var changed any
		switch key {
		case "maxLength":
			changed = json.Number("2")
		case "minLength":
			changed = json.Number("45")
		case "minimum", "exclusiveMinimum":
			changed = json.Number("100000")
		case "maximum", "exclusiveMaximum":
			changed = json.Number("0.5")
		case "pattern":
			changed = "^[a-z]+$"
		case "format":
			changed = "email"
		case "uniqueItems":
			changed = false
		case "additionalProperties":
			changed = true
		case "type":
			changed = "boolean"
		}
		if changed != nil {
			add(at+"="+fmt.Sprint(changed), func(doc map[string]any) { setAt(doc, path, changed) })
		}
		if key == "properties" {
			// Each property made required, one at a time.
			parent := path[:len(path)-1]
			for name := range getAt(parseSchema(t), path).(map[string]any) {
				if req, _ := getAt(parseSchema(t), append(parent, "required")).([]any); slices.Contains(req, any(name)) {
					continue
				}
				add(strings.Join(parent, "/")+"/required+="+name, func(doc map[string]any) {
					obj := getAt(doc, parent).(map[string]any)
					req, _ := obj["required"].([]any)
					obj["required"] = append(req, name)
				})
			}
		}
	}
	// Limits the schema could gain.
	add("seo_title maxLength 60->40", func(doc map[string]any) {
		setAt(doc, []string{"properties", "seo_title", "maxLength"}, json.Number("40"))
	})
	add("score maximum 0.92 (the rich pages' score is 0.93)", func(doc map[string]any) {
		setAt(doc, []string{"properties", "confidence", "properties", "score", "maximum"}, json.Number("0.92"))
	})
	add("entity type enum", func(doc map[string]any) {
		setAt(doc, []string{"$defs", "entity", "properties", "type", "enum"}, []any{"Organization", "Place"})
	})
	add("quote at const", func(doc map[string]any) {
		setAt(doc, []string{"$defs", "quote", "properties", "at", "const"}, json.Number("7"))
	})
	add("closed top level", func(doc map[string]any) { setAt(doc, []string{"additionalProperties"}, false) })
	add("chapters maxItems 0 (not read by the hand checks)", func(doc map[string]any) {
		setAt(doc, []string{"properties", "chapters", "maxItems"}, json.Number("0"))
	})
	add("title not (not read by the hand checks)", func(doc map[string]any) {
		setAt(doc, []string{"properties", "title", "not"}, map[string]any{"pattern": "o"})
	})
	return out
}

func parseSchema(t *testing.T) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(episodeSchemaJSON))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func getAt(v any, path []string) any {
	for _, k := range path {
		switch cur := v.(type) {
		case map[string]any:
			v = cur[k]
		case []any:
			i, _ := strconv.Atoi(k)
			v = cur[i]
		}
	}
	return v
}

func setAt(doc map[string]any, path []string, value any) {
	parent := getAt(doc, path[:len(path)-1])
	switch p := parent.(type) {
	case map[string]any:
		p[path[len(path)-1]] = value
	case []any:
		i, _ := strconv.Atoi(path[len(path)-1])
		p[i] = value
	}
}

// TestQuickTreeVouches: a valid JSON episode, raw quotes list included, is
// vouched for on its parsed tree, so validating it builds no instance; an
// invalid one is left to the instance and the validator.
func TestQuickTreeVouches(t *testing.T) {
	_, typical := typicalPage()
	demo, err := os.ReadFile("../testdata/demo/rooftop-hives.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src string
		vouched   bool
	}{
		{"rich", richJSON, true},
		{"typical", string(typical), true},
		{"demo", string(demo), true},
		{"raw quotes", `{"title": "T", "chapters": [{"start": "0:30", "title": "C", "quotes": ["q", [0, 40], "r"]}], "tags": ["a", "b"]}`, true},
		{"loose", looseJSON, false},
		{"loose quote", looseQuoteJSON, false},
		{"repeated tag", `{"title": "T", "tags": ["a", "b", "a"]}`, false},
		{"empty raw quote", `{"title": "T", "chapters": [{"start": 0, "title": "C", "quotes": ["", [0, 40]]}]}`, false},
	} {
		doc := Read("episode.json", []byte(tc.src))
		vs, err := Validate(doc)
		if err != nil {
			t.Fatal(err)
		}
		if vouched := doc.Instance == nil; vouched != tc.vouched {
			t.Errorf("%s: vouched for on the tree %v, want %v (findings %v)", tc.name, vouched, tc.vouched, vs)
		}
		if tc.vouched && len(vs) > 0 {
			t.Errorf("%s: findings %v", tc.name, vs)
		}
	}
}

// TestUnescapePointer: a token escaped and unescaped is itself, and the
// escapes are undone in the order RFC 6901 gives (~01 is ~1, not /).
func TestUnescapePointer(t *testing.T) {
	for _, key := range []string{"", "plain", "a/b", "~", "~1", "~0", "/~/", "~01", "a~b/c~~//"} {
		if got := unescapePointer(escapePointer(key)); got != key {
			t.Errorf("unescapePointer(escapePointer(%q)) = %q", key, got)
		}
	}
	if got := unescapePointer("~01"); got != "~1" {
		t.Errorf(`unescapePointer("~01") = %q, want "~1"`, got)
	}
}
