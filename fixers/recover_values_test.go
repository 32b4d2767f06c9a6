package fixers

import (
	"strings"
	"testing"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// leakedPage is a page whose second chapter's content leaked into the
// first chapter's quotes, with the given tail after the chapter record.
func leakedPage(frontMatter, record, tail string) string {
	page := "# Maps — Ada Pemberton\n\nAda Pemberton on maps.\n\n" +
		"## [00:00] Cold open\n\nAda opens.\n\n> *\"Every map argues.\"* [00:09]\n" +
		"> * ] }, { *\n> *title\": \"Projections*\n> *{'start': 95.0, " + record + tail + "}*\n\n" +
		"## [01:35] Projections\n\n## Entities\n\n- **Ada Pemberton** (Person): Cartographer.\n"
	if frontMatter != "" {
		page = "---\n" + frontMatter + "\n---\n" + page
	}
	return page
}

// TestRecoverLeakedKeepsEveryValue: each way a safe recovery lost text
// (issue 12, item 2) now either writes the value or leaves the blob.
func TestRecoverLeakedKeepsEveryValue(t *testing.T) {
	const record = `'summary': 'Ada walks through projections.', 'quotes': []`
	cases := []struct {
		name, page string
		safe       bool     // the safe fix recovers the blob
		want       []string // on the fixed page (safe) or still in the blob
	}{{
		"entity with a name but no type", leakedPage("", record,
			`, 'entities": [', {'name': 'Zorblax Atlas Society', 'description': 'A guild of mapmakers founded in Lisbon.'}`),
		false, []string{"Zorblax Atlas Society", "A guild of mapmakers founded in Lisbon."},
	}, {
		"split number in an entity description", leakedPage("", record,
			`, 'entities": [', {'name': 'Lisbon Guild', 'type': 'Organization', 'description': 'A guild with 12', 500, 'members.'}`),
		true, []string{"- **Lisbon Guild** (Organization): A guild with 12,500 members."},
	}, {
		"split number in seo_title", leakedPage("", record, `, 'seo_title': 'Maps for 12', 500, 'readers'`),
		true, []string{`seo_title: "Maps for 12,500 readers"`},
	}, {
		"seo_description other than the front matter's", leakedPage(`seo_description: "Maps and power."`, record,
			`, 'seo_description': 'A different description of the episode.'`),
		false, []string{"A different description of the episode."},
	}, {
		"seo_description equal to the front matter's", leakedPage(`seo_description: "Maps and power."`, record,
			`, 'seo_description': 'Maps and power.'`),
		true, []string{`seo_description: "Maps and power."`},
	}, {
		"escaped emoji, JSON style", leakedPage("", `'summary': 'A party \ud83c\udf89 for the atlas.', 'quotes': []`, ""),
		true, []string{"A party 🎉 for the atlas."},
	}, {
		"escaped emoji, Python style", leakedPage("", `'summary': 'The world \U0001F30D redrawn.', 'quotes': []`, ""),
		true, []string{"The world 🌍 redrawn."},
	}, {
		"a quote with quote marks inside", leakedPage("", `'summary': 'Ada reads a letter.', 'quotes': ['"Quoted" he said', [1, 40]]`, ""),
		false, []string{`"Quoted" he said`},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Run("page.md", []byte(tc.page), Options{Config: rules.DefaultConfig()})
			if err != nil {
				t.Fatal(err)
			}
			fixed := string(out.Src)
			leaked := false
			for _, d := range out.Remaining {
				leaked = leaked || d.Rule == "leaked-json"
			}
			if leaked == tc.safe {
				t.Fatalf("recovered in safe mode: %v, want %v\n%s", !leaked, tc.safe, fixed)
			}
			for _, w := range tc.want {
				if tc.safe && !strings.Contains(fixed, w) {
					t.Errorf("the fixed page lacks %q:\n%s", w, fixed)
				}
				if !tc.safe {
					lk := leak.Read(blobItems(t, out.Doc))
					if !containsValue(lk.Texts, w) {
						t.Errorf("the blob left for a person does not read %q: %q", w, lk.Texts)
					}
				}
			}
		})
	}
}

// blobItems are the leaked quote lines of a page.
func blobItems(t *testing.T, doc *schema.Document) []string {
	t.Helper()
	var items []string
	for _, c := range doc.Episode.Chapters {
		for _, b := range c.Blocks {
			if b.Quote != nil && leak.IsText(b.Quote.Body.Value) {
				items = append(items, b.Quote.Body.Value)
			}
		}
	}
	if len(items) == 0 {
		t.Fatal("no leaked lines left")
	}
	return items
}

func containsValue(values []string, want string) bool {
	for _, v := range values {
		if v == want {
			return true
		}
	}
	return false
}
