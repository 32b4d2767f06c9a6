package fixers

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/podlint/podlint/restore"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// TestRunRestoredIsRun: what the rules find on a flattened page's restored
// text, taken from the check of the flattened page, is what they find on
// that text read and checked afresh. Every Markdown page of testdata is
// flattened as the site's scraper does, with and without a suppression
// comment (which the shortcut leaves to a fresh check).
func TestRunRestoredIsRun(t *testing.T) {
	var pages []string
	_ = filepath.WalkDir("../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages = append(pages, p)
		}
		return nil
	})
	cfg := rules.DefaultConfig()
	compared := 0
	for _, p := range pages {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		flat, ok := flatten(string(src))
		if !ok {
			continue
		}
		for _, page := range []string{flat, strings.Replace(flat, "\n\n", "\n\n<!-- podlint-disable-file quote-style -->\n\n", 1)} {
			doc := schema.Read(p, []byte(page))
			rules.Run(doc, cfg)
			view, ok := restore.ViewOf(doc)
			if !ok {
				continue
			}
			restored, got, ok := rules.RunRestored(doc, cfg, view.Doc.Src)
			if strings.Contains(page, "podlint-") {
				if ok {
					t.Errorf("%s: a page with a suppression comment took the shortcut", p)
				}
				continue
			}
			if !ok {
				if view.Doc.Episode.Collapsed == nil {
					t.Errorf("%s: the restored page was not taken from the check", p)
				}
				continue
			}
			want := rules.Run(schema.Read(p, view.Doc.Src), cfg)
			if string(restored.Src) != string(view.Doc.Src) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s restored:\ngot  %v\nwant %v", p, got, want)
			}
			// Another text, or another configuration: no shortcut.
			if _, _, ok := rules.RunRestored(doc, cfg, append([]byte(nil), append(view.Doc.Src, '\n')...)); ok {
				t.Errorf("%s: a text other than the restored page took the shortcut", p)
			}
			if _, _, ok := rules.RunRestored(doc, rules.DefaultConfig(), view.Doc.Src); ok {
				t.Errorf("%s: another configuration took the shortcut", p)
			}
			compared++
		}
	}
	if compared < 20 {
		t.Errorf("only %d restored pages compared (20 at least)", compared)
	}
	t.Logf("%d restored pages compared", compared)
}
