package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestConstructedValidIsExact: skipping the reader-built parts of a page
// gives the same violations as validating the whole instance.
func TestConstructedValidIsExact(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/*/*/*.md")
	demo, _ := filepath.Glob("../testdata/demo/*.md")
	for _, p := range append(paths, demo...) {
		src, err := os.ReadFile(p)
		if err != nil || CheckEncoding(src) != nil {
			continue
		}
		fast, err1 := Validate(Read(p, src))
		sch, _ := compiled()
		full, err2 := validateWith(sch, Read(p, src))
		if err1 != nil || err2 != nil || !reflect.DeepEqual(fast, full) {
			t.Errorf("%s: pruned validation %v (%v) differs from full %v (%v)", p, fast, err1, full, err2)
		}
	}
}

// TestPrunedInstance: the hand check takes a clean episode and leaves any
// list with a fault to the validator.
func TestPrunedInstance(t *testing.T) {
	for _, tc := range []struct {
		json  string
		taken bool
	}{
		{`{"title":"T","chapters":[{"start":0,"title":"C","summary":"S","quotes":[{"text":"q","at":3,"speaker":"S"}]}],"entities":[{"name":"N","type":"Person","description":"D"}]}`, true},
		{`{"title":"T","chapters":[{"start":0,"title":"C","quotes":["raw text",[0,30]]}]}`, true},
		{`{"title":"T"}`, false},
		{`{"title":"T","chapters":[{"start":-1,"title":"C"}]}`, false},
		{`{"title":"T","chapters":[{"start":0,"title":""}]}`, false},
		{`{"title":"T","chapters":[{"start":0,"title":"C","quotes":[{"text":"q","at":"x"}]}]}`, false},
		{`{"title":"T","chapters":[{"start":0,"title":"C","extra":true}]}`, false},
		{`{"title":"T","entities":[{"name":"N","type":""}]}`, false},
		{`{"title":"T","entities":{}}`, false},
	} {
		doc := Read("episode.json", []byte(tc.json))
		if _, taken := episodeValidation().quick.pruned(doc.instance()); taken != tc.taken {
			t.Errorf("%s: taken = %v, want %v", tc.json, taken, tc.taken)
		}
	}
	src, err := os.ReadFile("../testdata/demo/rooftop-hives.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, taken := episodeValidation().quick.pruned(Read("rooftop-hives.json", src).instance()); !taken {
		t.Error("the demo episode is clean, but its lists were left to the validator")
	}
}

// TestStableMessage: the validator lists unknown properties in map order;
// the finding must not change from run to run.
func TestStableMessage(t *testing.T) {
	src := []byte(`{"title":"T","confidence":{"score":1,"zeta":1,"alpha":2,"mid":3}}`)
	want := ""
	for range 20 {
		vs, err := Validate(Read("episode.json", src))
		if err != nil || len(vs) != 1 {
			t.Fatalf("got %v, %v; want one violation", vs, err)
		}
		if want == "" {
			want = vs[0].Message
		}
		if vs[0].Message != want || !strings.Contains(want, `'alpha', 'mid', 'zeta'`) {
			t.Fatalf("message %q, then %q; want the names sorted, every time", want, vs[0].Message)
		}
	}
}

// TestQuickValid: the hand check passes clean episodes and leaves every kind
// of fault to the validator.
func TestQuickValid(t *testing.T) {
	for _, tc := range []struct {
		json string
		ok   bool
	}{
		{`{"title":"T","summary":"S","slug":"a-b2","published":"2026-03-14","duration":4210,"tags":["x","y-z"],"seo_title":"S","seo_description":"D","confidence":{"score":0.9,"rationale":"r"},"site_key":[1]}`, true},
		{`{"title":"T","duration":"1:02:03"}`, true},
		{`{"summary":"S"}`, false},
		{`{"title":""}`, false},
		{`{"title":"T","slug":"A"}`, false},
		{`{"title":"T","slug":"a--b"}`, false},
		{`{"title":"T","published":"2026-02-30"}`, false},
		{`{"title":"T","duration":-1}`, false},
		{`{"title":"T","duration":"1:60"}`, false},
		{`{"title":"T","tags":["x","x"]}`, false},
		{`{"title":"T","seo_title":"` + strings.Repeat("x", 61) + `"}`, false},
		{`{"title":"T","confidence":{"score":1.5}}`, false},
		{`{"title":"T","confidence":{"rationale":"r"}}`, false},
		{`{"title":"T","chapters":[{"start":0}]}`, false},
	} {
		if got := episodeValidation().quick.valid(Read("episode.json", []byte(tc.json)).instance()); got != tc.ok {
			t.Errorf("%s: valid = %v, want %v", tc.json, got, tc.ok)
		}
	}
}

// TestQuickValidPage: the page form of the hand check, on the title and the
// front matter a page's instance carries.
func TestQuickValidPage(t *testing.T) {
	for _, tc := range []struct {
		page string
		ok   bool
	}{
		{"---\nslug: a-b\ntags: [x]\n---\n# Title\n\nSummary.\n", true},
		{"---\ntitle: From front matter\n---\nSummary only.\n", true},
		{"---\ntitle: Ignored\n---\n# Title\n\nS.\n", true},
		{"Summary only, no title anywhere.\n", false},
		{"---\nslug: Not Kebab\n---\n# Title\n", false},
		{"---\ntags: [x, x]\n---\n# Title\n", false},
	} {
		doc := Read("page.md", []byte(tc.page))
		quick := episodeValidation().quick
		if got := quick.builtValid(doc.Episode) && quick.pageValid(doc); got != tc.ok {
			t.Errorf("%q: page checks = %v, want %v", tc.page, got, tc.ok)
		}
	}
}
