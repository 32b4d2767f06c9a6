package leak

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestJoinPieces(t *testing.T) {
	tests := []struct {
		in   []piece
		want string
	}{
		{[]piece{{text: "We had 12"}, {isInt: true, num: 500}, {text: "volunteers"}, {text: "and every one signed."}}, "We had 12,500 volunteers, and every one signed."},
		{[]piece{{text: "850"}, {isInt: true, num: 0}}, "850,000"},
		{[]piece{{text: "counted 1"}, {isInt: true, num: 204}, {isInt: true, num: 0}, {text: "snails"}}, "counted 1,204,000 snails"},
		{[]piece{{text: "Mercator"}, {text: "power"}, {text: "and the wall"}}, "Mercator, power, and the wall"},
		{[]piece{{text: "scored"}, {isInt: true, num: 7, text: "7"}}, "scored, 7"},
	}
	for _, tt := range tests {
		if got := joinPieces(tt.in); got != tt.want {
			t.Errorf("joinPieces(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadLeakedShapes(t *testing.T) {
	lk := Read([]string{
		` ] }, { `,
		`title": "Rocks`, `limpets`, `and the long wait`,
		`{'start': 845.0, 'summary': 'Limpets return to the same scar', 'to within a millimetre.', 'quotes': ['A limpet has a home.', [14, 30], "It\'s a \"home\" address.", [14, 40], '\n ]\n },\n {\n "title": "Counting",\n "start": 1980.0,\n "summary": ', 'We logged 18', 250, 'animals.', {'quotes': ['Tail quote', [33, 5], '\n ]\n }\n ],\n ', 'entities": [\n {\n "name": "Ines Ferro', {'name': 'Limpet', 'type': 'Concept', 'description': 'A snail.'}], 'tags": ["tide-pools", "snails"],\n "seo_title": "Tide Pools', {'confidence': {'score': 0.5, 'rationale': 'Agree.'}, 'flag': True, 'none': None}]}]}`,
	})
	want := []Chapter{
		{Start: 845, HasStart: true, Title: "Rocks, limpets, and the long wait", Summary: "Limpets return to the same scar, to within a millimetre.",
			Quotes: []Quote{{Text: "A limpet has a home.", At: 870, HasAt: true}, {Text: `It's a "home" address.`, At: 880, HasAt: true}}},
		{Start: 1980, HasStart: true, Title: "Counting", Summary: "We logged 18,250 animals.",
			Quotes: []Quote{{Text: "Tail quote", At: 1985, HasAt: true}}},
	}
	if !reflect.DeepEqual(lk.Chapters, want) {
		t.Errorf("chapters:\n%+v\nwant\n%+v", lk.Chapters, want)
	}
	if len(lk.Entities) != 2 || lk.Entities[0].Name != "Ines Ferro" || lk.Entities[1] != (Entity{"Limpet", "Concept", "A snail."}) {
		t.Errorf("entities: %+v", lk.Entities)
	}
	if strings.Join(lk.Tags, ",") != "tide-pools,snails" || lk.SEOTitle == nil || *lk.SEOTitle != "Tide Pools" {
		t.Errorf("tags %v, seo_title %v", lk.Tags, lk.SEOTitle)
	}
	if c := lk.Confidence; c == nil || c.Score != 0.5 || c.Rationale != "Agree." {
		t.Errorf("confidence: %+v", c)
	}
	if len(lk.Stray) != 0 {
		t.Errorf("stray: %q", lk.Stray)
	}
}

func TestReadLeakedTruncatedAndJunk(t *testing.T) {
	lk := Read([]string{`{'start': 390.0, 'summary': 'Low tide before da`})
	if len(lk.Chapters) != 1 || lk.Chapters[0].Summary != "Low tide before da" || !lk.Chapters[0].HasStart {
		t.Errorf("truncated: %+v", lk.Chapters)
	}
	for _, junk := range []string{"", "{", "}}}]]]", strings.Repeat("[", 20000), strings.Repeat("{'a': ", 5000), `'\`, `"\u12`, "[1, 2", "{'start': -}"} {
		_ = Read([]string{junk}) // must not panic or hang
	}
}

func FuzzReadLeaked(f *testing.F) {
	f.Add(`{'start': 412.0, 'summary': 'S', 'quotes': ['Q', [7, 35], '\n ]\n },\n {\n "title": "T",\n "start": 3620.0,\n "summary": ', 'a 12', 500, 'b']}`)
	f.Add(`title": "Mercator, power`)
	f.Add(`entities": [\n {\n "name": "Ada`)
	f.Fuzz(func(t *testing.T, item string) {
		lk := Read(strings.Split(item, "\n"))
		for _, c := range lk.Chapters {
			for _, q := range c.Quotes {
				if q.HasAt && q.At < 0 {
					t.Fatalf("negative time %d", q.At)
				}
			}
		}
	})
}

// The regular expressions the key scans replaced, kept as their
// reference: fragmentKeyRe finds `"title":` or, cut off at the start,
// `title":`; jsonKeyRe a key of the episode JSON before its closing quote
// and a colon.
var (
	fragmentKeyRe = regexp.MustCompile(`(?:^|["'\s{,])([A-Za-z_]+)["']\s*:\s*(?:$|["'\[{\-0-9\\]|(?:None|True|False|null|true|false)(?:$|[^A-Za-z_]))`)
	jsonKeyRe     = regexp.MustCompile(`\b(start|title|summary|quotes|entities|name|type|description|tags|seo_title|seo_description|confidence|text|at|speaker|chapters)['"]\s*:\s*(?:$|["'\[{\-0-9\\]|(?:None|True|False|null|true|false)(?:$|[^A-Za-z_]))`)
)

// FuzzKeyScan holds the linear key scans to the regular expressions they
// replaced: isFragment and IsText answer as the regexps do on every input.
func FuzzKeyScan(f *testing.F) {
	for _, s := range []string{`"title": "x"`, `'start' :12`, `no colon here`, `time: 10:30`, `"at"	:`, `:"`, `x":`, `"`, `:`,
		`xstart':`, `{title":`, `a_b' :`, `9start":`, `seo_title" :`, `'\n ]\n },\n {\n ', 'start':`, `él"title":`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		trimmed := strings.TrimSpace(s)
		if trimmed == "" {
			return
		}
		debris := IsBracketDebris(trimmed)
		if want := debris || fragmentKeyRe.MatchString(trimmed); isFragment(s) != want {
			t.Fatalf("isFragment(%q) = %v, the regexp says %v", s, !want, want)
		}
		if want := debris || jsonKeyRe.MatchString(trimmed); IsText(s) != want {
			t.Fatalf("IsText(%q) = %v, the regexp says %v", s, !want, want)
		}
	})
}

// readStringReference is the reference for readString: a byte at a time,
// as the reader first read strings. Escapes are written by writeEscape,
// whose hex digits schema's TestParseHex holds to strconv.ParseUint.
func readStringReference(s string) (string, int, bool) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); {
		if c := s[i]; c == q {
			return b.String(), i + 1, true
		} else if c == '\\' && i+1 < len(s) {
			i = writeEscape(&b, s, i+1)
		} else {
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), len(s), false
}

// FuzzReadString holds readString, which copies the bytes between escapes
// whole, to readStringReference: the same text, length and closing, for
// either quote mark.
func FuzzReadString(f *testing.F) {
	for _, s := range []string{
		`plain' rest`, `caf\u00e9 \u2014 \u201cq\u201d'`, `\ud83d\ude00 \ud800 \udc00x \ud800\u0041'`, `\x41\xZZ\U0001F600\U00110000'`,
		`\n\t\r\\\'\"\/\b\f\q'`, `\u12'`, `\uGGGG'`, `\u+123'`, `\u0x12'`, `\u1_23'`, `\`, `never closed`, `ab\`,
		"\u0430\u0431\\u0432' tail", `\ud800\u`, `\ud800\udc0`, `\udbff\udfff'`,
	} {
		f.Add(byte('\''), s)
	}
	f.Add(byte('"'), `it's "quoted" \" here" rest`)
	f.Fuzz(func(t *testing.T, quote byte, body string) {
		if quote != '\'' && quote != '"' {
			quote = '"'
		}
		s := string(quote) + body
		got, n, closed := readString(s)
		want, wn, wclosed := readStringReference(s)
		if got != want || n != wn || closed != wclosed {
			t.Fatalf("readString(%q) = %q, %d, %v; the reference %q, %d, %v", s, got, n, closed, want, wn, wclosed)
		}
	})
}

// TestTitleCut: a chapter's title is marked cut when its string ends with
// its fragment and nothing after it goes on with it.
func TestTitleCut(t *testing.T) {
	for _, tc := range []struct {
		items []string
		cut   bool
	}{
		{[]string{`title": "The toll`, `{'start': 240.0, 'summary': 'Every bridge had a price.'}`}, true},
		{[]string{`{'title': 'The toll houses', 'start': 240.0, 'summary': 'Every bridge had a price.'}`}, false},
		{[]string{`"title": "The toll houses",`, `"start": 240.0,`}, false},
	} {
		b := Read(tc.items)
		if len(b.Chapters) != 1 {
			t.Errorf("%q: %d chapters, want 1", tc.items, len(b.Chapters))
			continue
		}
		if c := b.Chapters[0]; c.TitleCut != tc.cut {
			t.Errorf("%q: title %q cut %v, want %v", tc.items, c.Title, c.TitleCut, tc.cut)
		}
	}
}

// TestTimeNotAPair: a list of numbers that is no [m, s] pair is no text of
// the quote before it, and fits no record.
func TestTimeNotAPair(t *testing.T) {
	for _, bad := range []string{"[1.5, 14]", "[1, 14, 5]", "[-1, 14]", "[1:14]"} {
		lk := Read([]string{`{'start': 90.0, 'summary': 'Stairs.', 'quotes': ['Ninety-one steps.', ` + bad + `]}`})
		if len(lk.Chapters) != 1 || len(lk.Chapters[0].Quotes) != 1 || lk.Chapters[0].Quotes[0] != (Quote{Text: "Ninety-one steps."}) {
			t.Errorf("%s: chapters %+v, want one quote of its own words and no time", bad, lk.Chapters)
		}
		if !slices.Equal(lk.Stray, []string{bad}) {
			t.Errorf("%s: stray %q, want the list", bad, lk.Stray)
		}
	}
	// A number after text is still a thousands group the pipeline split.
	lk := Read([]string{`{'start': 90.0, 'summary': 'We counted 1', 250, 'steps.'}`})
	if len(lk.Chapters) != 1 || lk.Chapters[0].Summary != "We counted 1,250 steps." || len(lk.Stray) != 0 {
		t.Errorf("thousands: %+v, stray %q", lk.Chapters, lk.Stray)
	}
}
