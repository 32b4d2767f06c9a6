package leak

import (
	"reflect"
	"strings"
	"testing"
)

func TestUnplaced(t *testing.T) {
	for _, c := range []struct {
		name  string
		items []string
		want  []string
	}{
		{"record", []string{`{'start': 61.0, 'summary': 'Lamps at dusk', 'quotes': ['Light them early.', [1, 5]]}`}, nil},
		{"escapes read", []string{`{'start': 61.0, 'summary': 'Caf\u00e9 owners\nand \U0001F30D, don\'t'}`}, nil},
		{"cut-off key", []string{`title": "Lamplighters`, `{'start': 61.0, 'summary': 'S'}`}, nil},
		{"header in a text", []string{`'\n ]\n },\n {\n "title": "Closing",\n "start": 3620.0,\n "seo_title": "T",\n "summary": '`, `'Done.'`}, nil},
		{"keywords and scores", []string{`{'confidence': {'score': 0.8, 'rationale': 'Fine.'}, 'duration': 3900, 'x': None}`}, []string{"x"}},
		{"a line cut like a key", []string{`Wick": "title": "Lamps`, `{'start': 61.0, 'quotes': ['Ask any lamplighter', [1, 5]]}`}, []string{"Wick"}},
		{"unknown key", []string{`{'start': 61.0, 'summary': 'S', 'lamp_count': 4}`}, []string{"lamp", "count"}},
		{"a word twice, once as a key", []string{`{'start': 61.0, 'summary': 'Oil'}`, `Oil": "title": "Lamps`}, []string{"Oil"}},
		// A string value holds the pipeline's JSON only by its keys in
		// double quote marks: these are text.
		{"single-quoted key in a value", []string{`{'start': 61.0, 'summary': "the log said 'at': 12"}`}, nil},
		{"quoted word before a colon in a value", []string{`{'start': 61.0, 'summary': 'They call it "Wick": ratio 3:2.'}`}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Read(c.items).Unplaced; !reflect.DeepEqual(got, c.want) {
				t.Errorf("unplaced %q, want %q", got, c.want)
			}
		})
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:            "plain",
		`a\nb\tc`:          "a\nb\tc",
		`caf\u00e9`:        "café",
		`\U0001F30D globe`: "🌍 globe",
		`don\'t \"x\"`:     `don't "x"`,
		`\q kept`:          `\q kept`,
		`\u12 short`:       `\u12 short`,
		`ends in \`:        `ends in \`,
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// A text that only looks like it holds a key keeps its words, quote marks
// and colon: a key is one word.
func TestQuotedWordBeforeColon(t *testing.T) {
	lk := Read([]string{`{'start': 61.0, 'quotes': ['They call the lamp "Wick":', [1, 5]]}`})
	want := []Quote{{Text: `They call the lamp "Wick":`, At: 65, HasAt: true}}
	if len(lk.Chapters) != 1 || !reflect.DeepEqual(lk.Chapters[0].Quotes, want) {
		t.Errorf("chapters %+v, want one with quotes %+v", lk.Chapters, want)
	}
	if len(lk.Unplaced) != 0 || len(lk.Stray) != 0 {
		t.Errorf("unplaced %q, stray %q", lk.Unplaced, lk.Stray)
	}
	// In a raw line, text with spaces before `":` is no key either.
	lk = Read([]string{`{'start': 61.0, 'quotes': [`, `They call the lamp "Wick":`, `[1, 5]]}`})
	if len(lk.Chapters) != 1 || !reflect.DeepEqual(lk.Chapters[0].Quotes, want) {
		t.Errorf("raw line: chapters %+v, want one with quotes %+v", lk.Chapters, want)
	}
	// A string value is text whole, its colons and numbers too.
	summary := `The label read "Draft": ratio 3:2 won, and the log said 'at': 12.`
	lk = Read([]string{`{'start': 61.0, 'summary': '` + strings.ReplaceAll(summary, `'`, `\'`) + `'}`})
	if len(lk.Chapters) != 1 || lk.Chapters[0].Summary != summary {
		t.Errorf("summary: chapters %+v, want one with summary %q", lk.Chapters, summary)
	}
}

// TestPlacedWhole: the shortcut answers for a blob whose texts stand whole
// in it, and leaves to counting the texts it cannot find whole, or finds
// with a word running across an end.
func TestPlacedWhole(t *testing.T) {
	items := []string{`{'start': 61.0, 'summary': 'Caf\u00e9 owners', 'quotes': ['Light them early.', [1, 5]]}`, `Ask any lamplighter`}
	for _, c := range []struct {
		name  string
		texts []string
		want  bool
	}{
		{"the reader's texts", Read(items).Texts, true},
		{"texts left out", []string{"Café owners"}, false},
		{"a text cut across items", []string{"Café owners", "Light them early.", "Ask any", "lamplighter"}, true},
		{"a text the items do not hold", []string{"Café owners", "Light them late.", "Ask any lamplighter"}, false},
		{"a word running across an end", []string{"Café owner", "Light them early.", "Ask any lamplighter"}, false},
		{"out of order", []string{"Light them early.", "Café owners", "Ask any lamplighter"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := placedWhole(items, c.texts); got != c.want {
				t.Errorf("placedWhole = %v, want %v", got, c.want)
			}
			if c.want && len(counted(items, c.texts)) > 0 {
				t.Errorf("placedWhole says yes, counting left %q", counted(items, c.texts))
			}
		})
	}
}

// FuzzUnplaced holds the shortcuts to counting: when placedWhole or
// inOrder (from the start, or from where placedWhole stopped) finds the
// items' words in the texts, counting finds no word unplaced. The texts are what the reader made of the items, or the
// fuzzer's own.
func FuzzUnplaced(f *testing.F) {
	f.Add(`{'start': 61.0, 'summary': 'Lamps at dusk', 'quotes': ['Light them 1', 204, 0, 'times.', [1, 5]]}`, "")
	f.Add(`title": "Wick`, "Wick Wick")
	f.Add(`{'quotes': ['Ask any lamplighter', 'Wick":', [1, 5]]}`, "Ask any Wick lamplighter")
	f.Add(`{'summary': 'Lamps at dusk'}`, "Lamps at\nat dusk")
	f.Add(`{'summary': 'Lamp\u00e9s at dusk'}`, "Lampé\ns at dusk")
	f.Fuzz(func(t *testing.T, item, text string) {
		items := strings.Split(item, "\n")
		for _, texts := range [][]string{Read(items).Texts, strings.Split(text, "\n")} {
			if inOrder(items, texts, spot{}) {
				if left := counted(items, texts); len(left) > 0 {
					t.Fatalf("inOrder found every word, counting left %q", left)
				}
			}
			whole, from := placedWhole(items, texts)
			if whole {
				if left := counted(items, texts); len(left) > 0 {
					t.Fatalf("placedWhole found every word, counting left %q", left)
				}
			} else if inOrder(items, texts, from) {
				if left := counted(items, texts); len(left) > 0 {
					t.Fatalf("inOrder from %+v found every word, counting left %q", from, left)
				}
			}
		}
	})
}
