package transcript

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// dump writes cues as "start-end line [speaker] text" lines.
func dump(t *Transcript) string {
	var b strings.Builder
	for _, c := range t.Cues {
		fmt.Fprintf(&b, "%d-%d @%d", c.Start, c.End, c.Line)
		for _, s := range c.Segments {
			speaker := "-"
			if s.Speaker >= 0 {
				speaker = t.Speakers[s.Speaker]
			}
			fmt.Fprintf(&b, " [%s] %s", speaker, s.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadVTT(t *testing.T) {
	src := "\uFEFFWEBVTT - an interview\nKind: captions\n\nNOTE written for the test\nit spans two lines\n\nSTYLE\n::cue { color: lime }\n\n" +
		"intro\n00:00:01.000 --> 00:00:04.500 align:start position:10%\n<v Ada Pemberton>Every map is an <i>argument</i>.</v>\n\n" +
		"00:04.500 --> 00:07.000\n<v.host Bruno Quill>Say more &amp; more.</v> <v Ada Pemberton>Gladly.\n\n" +
		"00:00:07.000 --> 00:00:09.000\nNo label: the last one holds.\n\n" +
		"1:00:00.000 --> 1:00:02.250\r\n<c.loud>Ada:</c> <00:00:01.500>late\r\n"
	tr, err := Read("ep.vtt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "1000-4500 @11 [Ada Pemberton] Every map is an argument.\n" +
		"4500-7000 @14 [Bruno Quill] Say more & more. [Ada Pemberton] Gladly.\n" +
		"7000-9000 @17 [Ada Pemberton] No label: the last one holds.\n" +
		"3600000-3602250 @20 [Ada Pemberton] Ada: late\n"
	if got := dump(tr); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadSRT(t *testing.T) {
	src := "1\n00:00:01,000 --> 00:00:04,000\nADA PEMBERTON: Every map is\nan argument.\n\n\n" +
		"2\r\n00:00:04,000 --> 00:00:06,000\r\n- Bruno: <i>Really?</i> {\\an8}Yes.\r\n\r\n" +
		"00:00:06.5 --> 00:00:08,000\nAt 10:30 we left.\n"
	tr, err := Read("ep.srt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "1000-4000 @2 [ADA PEMBERTON] Every map is an argument.\n" +
		"4000-6000 @8 [Bruno] Really? Yes.\n" +
		"6500-8000 @11 [Bruno] At 10:30 we left.\n"
	if got := dump(tr); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadErrors: a transcript that cannot be read says where, and never
// quotes more than a few characters of it.
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"a.vtt", "", 1, "not a WebVTT file"},
		{"a.vtt", "WEBVTTX\n", 1, "not a WebVTT file"},
		{"a.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\njust text\nmore\n", 6, "expected a cue timing line"},
		{"a.vtt", "WEBVTT\n\n00:01.000 --> 00:0x.000\nhi\n", 3, `the cue end "00:0x.000" is not a time`},
		{"a.vtt", "WEBVTT\n\n00:61.000 --> 00:62.000\nhi\n", 3, "the cue start"},
		{"a.vtt", "WEBVTT\n\nid\n00:05.000 --> 00:02.000\nhi\n", 4, "ends before it starts"},
		{"a.vtt", "WEBVTT\n\nNOTE nothing else\n", 3, "no cues"},
		{"a.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nh\xffi\n", 4, "not UTF-8"},
		{"a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nno timing here\n", 6, "after its number"},
		{"a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\nloose text\n", 5, "expected a cue number or a timing line"},
		{"a.srt", "1\nthis line is far too long to be a time --> 00:00:02,000\nhi\n", 2, "(38 characters) is not a time"},
		{"a.srt", "1\n00:00:01,000 --> 00:00:02,000\n\x00\n", 3, "NUL"},
	} {
		_, err := Read(tc.name, []byte(tc.src))
		var e *Error
		if !errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("Read(%s, %q) = %v; want line %d: …%s…", tc.name, tc.src, err, tc.line, tc.msg)
		}
	}
}

func TestNamePrefix(t *testing.T) {
	for line, want := range map[string]string{
		"Ada: hello":                 "Ada",
		"Ada Pemberton: hello":       "Ada Pemberton",
		"DR. ADA O'NEIL-SMITH: yes":  "DR. ADA O'NEIL-SMITH",
		"SPEAKER_01: yes":            "SPEAKER_01",
		"Ada:":                       "Ada",
		"ada: lower case is text":    "",
		"10:30 is a time":            "",
		"Ada:no space after":         "",
		"One Two Three Four Five: x": "",
		"Well, Ada: a comma":         "",
	} {
		name, _, ok := namePrefix(line)
		if ok != (want != "") || name != want {
			t.Errorf("namePrefix(%q) = %q, %v; want %q", line, name, ok, want)
		}
	}
}

// FuzzRead: reading never panics, and a transcript read has cues in
// order of their lines, each ending at or after its start, every word
// indexed with a time inside its cue.
func FuzzRead(f *testing.F) {
	f.Add("a.vtt", "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ada>Every map, uh, is an argument.</v>\n")
	f.Add("a.srt", "1\n00:00:01,000 --> 00:00:04,000\nAda: Every map is\n<i>an argument</i>.\n\n2\n00:00:04,000 --> 00:00:05,000\nYes.\n")
	f.Add("a.vtt", "WEBVTT\r\n\r\nNOTE x\r\n\r\nid\r\n1:00:00.5 --> 1:00:01.25 line:0\r\n<c.x><v.a B>&amp;</c> {\\an8} you know\r\n")
	f.Fuzz(func(t *testing.T, name, src string) {
		tr, err := Read(name, []byte(src))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		if len(tr.Cues) == 0 {
			t.Fatal("read without cues")
		}
		for i, c := range tr.Cues {
			if c.End < c.Start || (i > 0 && c.Line <= tr.Cues[i-1].Line) {
				t.Fatalf("cue %d: %+v", i, c)
			}
		}
		for i, at := range tr.times {
			c := tr.Cues[tr.cueOf[i]]
			if at < c.Start || at > c.End {
				t.Fatalf("word %d at %d, outside its cue %d-%d", i, at, c.Start, c.End)
			}
		}
		tr.Find(src, -1) // looks up without panicking
	})
}
