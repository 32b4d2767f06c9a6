package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// seedFixtures adds every fixture with the given extension as a seed.
func seedFixtures(f *testing.F, ext string) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*"+ext))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "demo", "*"+ext))
	for _, p := range append(paths, more...) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
}

// checkSpans asserts every span the model holds lies inside the source.
func checkSpans(t *testing.T, doc *Document) {
	t.Helper()
	n := len(doc.Src)
	ok := func(s Span) {
		if s.Start < 0 || s.End < s.Start || s.End > n {
			t.Fatalf("span %v out of bounds for %d bytes", s, n)
		}
	}
	ep := doc.Episode
	if ep.Title != nil {
		ok(ep.Title.Span)
	}
	ok(ep.TitleLine)
	blocks := append([]Block(nil), ep.Intro...)
	for _, c := range ep.Chapters {
		ok(c.Heading)
		ok(c.Start.Span)
		ok(c.Title.Span)
		blocks = append(blocks, c.Blocks...)
	}
	for _, b := range blocks {
		ok(b.Span)
		if q := b.Quote; q != nil {
			ok(q.Body.Span)
			if q.Speaker != nil {
				ok(q.Speaker.Span)
			}
			if q.At != nil {
				ok(q.At.Span)
			}
		}
	}
	if ep.Entities != nil {
		for _, e := range ep.Entities.Entities {
			ok(e.Span)
			ok(e.Name.Span)
			ok(e.Type.Span)
			ok(e.Description.Span)
		}
	}
	for _, p := range doc.Problems {
		ok(p.Span)
	}
	doc.instance()
	for _, s := range doc.Pointers {
		ok(s)
	}
}

func FuzzReadMarkdown(f *testing.F) {
	seedFixtures(f, ".md")
	f.Add([]byte("---\na: &x [1]\nb: *x\n---\n# T\n\n## [1:2:3] x\n> *[1, 2]*\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := Read("page.md", src)
		checkSpans(t, doc)
		if _, err := Validate(doc); err != nil {
			t.Fatalf("Validate: %v", err)
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	seedFixtures(f, ".json")
	f.Add([]byte(`{"chapters": [{"quotes": ["a", [1, 2], [3]]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := Read("episode.json", src)
		checkSpans(t, doc)
		if _, err := Validate(doc); err != nil {
			t.Fatalf("Validate: %v", err)
		}
	})
}

// FuzzFrontMatter reads arbitrary YAML as a page's front matter and as a
// config file: no panic, no expanded alias, every span inside the input.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("slug: a\ntags: [x, y]\nconfidence: {score: 0.9, rationale: \"r\"}\n"))
	f.Add([]byte("a: &a [1, 2]\nb: [*a, *a]\n"))
	f.Add([]byte("- not\n- a mapping\n"))
	f.Add([]byte("key: 'unterminated\n"))
	f.Fuzz(func(t *testing.T, yamlText []byte) {
		page := append(append([]byte("---\n"), yamlText...), []byte("\n---\n# T\n\nS.\n\n## [00:00] C\n\nB.\n")...)
		doc := Read("page.md", page)
		checkSpans(t, doc)
		if _, err := Validate(doc); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		y := ReadYAML("config.yaml", yamlText)
		for _, s := range y.Doc.Pointers {
			if s.Start < 0 || s.End < s.Start || s.End > len(yamlText) {
				t.Fatalf("span %v out of bounds for %d bytes", s, len(yamlText))
			}
		}
	})
}

// FuzzQuickFrontMatter holds the hand-written reader of simple front matter
// to the YAML parser: wherever it answers, it gives the same fields, values,
// spans and pointers, and the parser finds nothing wrong.
func FuzzQuickFrontMatter(f *testing.F) {
	for _, s := range []string{
		"slug: early-season-builds\ntags: [island, curious-harbor]",
		"title: \"A title: with a colon\"\ntags: []\n",
		"title: It's (mostly) fine! \r\nkind: a/b.c",
		"published: 2026-03-14\nduration: 4210", "n: 0", "n: 007", "n: 12345678901234567", "d: 2024-99-99",
		"a: true\n", "a: [x, null]", "a:b", "a: x # c", "a: [x,y]  ", "a: [ x , y ]", "a: x\na: y", "a: [x,]", "a:  ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yamlText string) {
		src := []byte("---\n" + yamlText + "\n---\n# T\n")
		lines := splitLines(nil, src)
		closing := 1
		for closing < len(lines) && string(src[lines[closing].start:lines[closing].end]) != "---" {
			closing++
		}
		if closing == len(lines) || closing == 1 {
			return
		}
		body := lines[1:closing]
		fields, pointers, ok := quickFrontMatter(string(src), body)
		if !ok {
			return
		}
		doc := &Document{Path: "page.md", Src: src, Lines: NewLines(src)}
		fm := &FrontMatter{}
		parseFrontMatter(doc, fm, lines[0], body)
		if len(doc.Problems) > 0 {
			t.Fatalf("quick reader took %q, which the parser rejects: %v", yamlText, doc.Problems)
		}
		if !reflect.DeepEqual(fields, fm.Fields) {
			t.Fatalf("fields of %q differ:\nquick:  %#v\nparser: %#v", yamlText, fields, fm.Fields)
		}
		if !reflect.DeepEqual(pointers, doc.frontMatterPointers) {
			t.Fatalf("pointers of %q differ:\nquick:  %v\nparser: %v", yamlText, pointers, doc.frontMatterPointers)
		}
	})
}

// FuzzQuickValid holds the hand checks to the episode schema: an episode
// they vouch for has no finding from the validator (and what they vouch for
// in a JSON episode's parsed tree, they vouch for in its instance), and wherever
// quickSchema.pruned spares the validator the chapter and entity lists, the
// findings are the same as on the whole episode.
func FuzzQuickValid(f *testing.F) {
	seedFixtures(f, ".json")
	seedFixtures(f, ".md")
	for _, s := range []string{
		`{"title":"T","chapters":[{"start":0,"title":"C","quotes":[{"text":"q","at":3,"speaker":"S"}]}],"entities":[{"name":"N","type":"Person","description":""}]}`,
		`{"title":"","slug":"Bad Slug","chapters":[{"start":0,"title":"C"}],"entities":[]}`,
		`{"title":"T","chapters":[{"start":-1,"title":"C"}]}`,
		`{"title":"T","chapters":[{"start":0,"title":"","summary":3}]}`,
		`{"title":"T","chapters":[{"start":0,"title":"C","extra":1}]}`,
		`{"title":"T","chapters":[{"start":"0:30","title":"C","quotes":["raw",[0,30]]}]}`,
		`{"title":"T","chapters":{}}`,
		`{"title":"T","entities":[{"name":"N"}]}`,
		`{"title":"T","slug":"a-b","published":"2026-02-30","duration":"1:02:03","tags":["a","b"],"seo_title":"S","seo_description":"D","confidence":{"score":1,"rationale":"r"},"x":null}`,
		`{"title":"T","duration":"61:00","tags":["a","a"],"confidence":{"score":0.5,"other":1}}`,
		`{"title":"T","slug":"a--b","seo_title":""}`,
		"---\nslug: a-b\npublished: 2026-03-14\nduration: 4210\ntags: [x, y]\n---\n# T\n\nS.\n",
		"---\nduration: 1:02:03\nconfidence: {score: 2}\n---\n# T\n",
		`[1,2]`,
		`{"title":"T","tags":["a","b","a"]}`,
		`{"title":"T","tags":["a",1,null,true,1.0]}`,
		`{"title":"T","chapters":[{"start":0,"title":"C","quotes":["raw",[0,30],"more",{"text":"q"}]}],"tags":["x"]}`,
		`{"title":"T","chapters":[{"start":0,"title":"C","quotes":["",[0,30]]},{"start":"1:00","title":"D","quotes":[[1,2]]}]}`,
	} {
		f.Add([]byte(s))
	}
	_, typical := typicalPage()
	f.Add(typical)
	sch, err := compiled()
	if err != nil {
		f.Fatal(err)
	}
	quick := episodeValidation().quick
	f.Fuzz(func(t *testing.T, src []byte) {
		name := "page.md"
		if len(src) > 0 && (src[0] == '{' || src[0] == '[') {
			name = "episode.json"
		}
		doc := Read(name, src)
		if doc.Broken {
			return
		}
		quickPage := doc.Format == Markdown && quick.builtValid(doc.Episode) && quick.pageValid(doc)
		quickTree := doc.Format == JSON && quick.root.validJSON(doc.json, "")
		inst := doc.instance()
		want, err := validateInstance(sch, doc, inst)
		if err != nil {
			t.Fatalf("validating: %v", err)
		}
		if quickPage && len(want) > 0 {
			t.Fatalf("%s: the page checks pass what the schema rejects: %v", src, want)
		}
		if quickTree && !quick.valid(inst) {
			t.Fatalf("%s: the check of the parsed tree passes what the check of its instance does not", src)
		}
		if quick.valid(inst) && len(want) > 0 {
			t.Fatalf("%s: the hand checks pass what the schema rejects: %v", src, want)
		}
		if pruned, ok := quick.pruned(inst); ok {
			got, err := validateInstance(sch, doc, pruned)
			if err != nil {
				t.Fatalf("validating: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s:\npruned: %v\nwhole:  %v", src, got, want)
			}
		}
	})
}

// FuzzNotEpisodeJSON: whatever the sniffer passes over is whole JSON, and
// not an object with an episode's key; a broken or truncated episode is
// never passed over.
func FuzzNotEpisodeJSON(f *testing.F) {
	seedFixtures(f, ".json")
	for _, s := range []string{`{"name":"x","scripts":{"title":1}}`, `[1,{"title":2}]`, `{"a":"\"title\":"}`, `{"title"`, `  "s"  `, `{"a":[}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !NotEpisodeJSON(src) {
			return
		}
		v, _, err := ParseJSON(src)
		if err != nil {
			t.Fatalf("%q passed over, but it does not parse: %v", src, err)
		}
		if v.Kind == Object {
			for _, m := range v.Members {
				if modelKeys[m.Key] {
					t.Fatalf("%q passed over, but it has the key %q", src, m.Key)
				}
			}
		}
	})
}
