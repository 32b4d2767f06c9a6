package schema

import (
	"os"
	"path/filepath"
	"reflect"
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
		if _, taken := prunedInstance(doc.instance()); taken != tc.taken {
			t.Errorf("%s: taken = %v, want %v", tc.json, taken, tc.taken)
		}
	}
	src, err := os.ReadFile("../testdata/demo/rooftop-hives.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, taken := prunedInstance(Read("rooftop-hives.json", src).instance()); !taken {
		t.Error("the demo episode is clean, but its lists were left to the validator")
	}
}
