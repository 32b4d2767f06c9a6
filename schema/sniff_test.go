package schema

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNotEpisodeJSON(t *testing.T) {
	for src, want := range map[string]bool{
		`{"name":"site","version":"1.0.0","scripts":{"title":"nested, not top-level"}}`: true,
		`{"compilerOptions":{}}`:                  true,
		"\ufeff {}\n":                             true,
		`[1, 2, {"title": "x"}]`:                  true,
		`"just a string"`:                         true,
		`{"title": "T"}`:                          false,
		`{"x": "a \"title\": b", "chapters": []}`: false,
		`{"name": "x", "summary"  :  "S"}`:        false,
		`{"name": "x"`:                            false, // truncated: may be a broken episode
		`{"name": "x"} trailing`:                  false,
		`[1, 2`:                                   false,
		``:                                        false,
		`# A Markdown page`:                       false,
		`{"title\"": 1}`:                          true,
	} {
		if got := NotEpisodeJSON([]byte(src)); got != want {
			t.Errorf("NotEpisodeJSON(%q) = %v, want %v", src, got, want)
		}
	}
	// Every JSON fixture and demo episode is an episode, but the one made
	// to be something else.
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "demo", "*.json"))
	for _, p := range append(paths, more...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if NotEpisodeJSON(src) != (filepath.Base(p) == "not-object.json") {
			t.Errorf("%s: NotEpisodeJSON = %v", p, NotEpisodeJSON(src))
		}
	}
}
