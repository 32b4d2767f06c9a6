package transcript

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

const interview = `WEBVTT

00:00:00.000 --> 00:00:05.000
<v Ada Pemberton>So, um, every map is, uh, an argument about what matters.</v>

00:00:05.000 --> 00:00:09.000
<v Bruno Quill>You say that a lot. I mean, you really do.</v>

00:00:09.000 --> 00:00:14.000
<v Ada Pemberton>Because it's true! You get to pick which lie you tell,

00:00:14.000 --> 00:00:18.000
<v Ada Pemberton>not whether you tell one. Anyway, let's talk projections.

00:02:00.000 --> 00:02:04.000
<v Bruno Quill>Greenland is not the size of Africa.

00:05:00.000 --> 00:05:04.000
<v Bruno Quill>Every map is an argument about what matters, she says.
`

func mustRead(t testing.TB, name, src string) *Transcript {
	t.Helper()
	tr, err := Read(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestFind(t *testing.T) {
	tr := mustRead(t, "ep.vtt", interview)
	for _, tc := range []struct {
		quote string
		stamp Millis
		want  string // "at SECONDS edits N [speakers]", or "missing" / "missing, near at S edits N"
	}{
		// Case, punctuation, curly quotes and fillers do not matter.
		{"Every map is an argument about what matters.", 0, "at 0 edits 0 [Ada Pemberton]"},
		{"EVERY MAP IS — you know — AN ARGUMENT about what matters", 0, "at 0 edits 0 [Ada Pemberton]"},
		// Across two cues: its time is its first word's, a share of its
		// cue's time by the characters before it.
		{"You get to pick which lie you tell, not whether you tell one.", 9000, "at 10 edits 0 [Ada Pemberton]"},
		{"You get to pick which lie you tell, not if you tell one.", 9000, "at 10 edits 1 [Ada Pemberton]"},
		// One word in six may differ; two in eleven may not.
		{"Every map is an argument about what counts.", 0, "at 0 edits 1 [Ada Pemberton]"},
		{"Every chart is an argument about what counts.", 0, "missing, near at 0 edits 2"},
		// Below six words, word for word.
		{"Greenland is not the size", 120000, "at 120 edits 0 [Bruno Quill]"},
		{"Greenland is not that size", 120000, "missing, near at 120 edits 1"},
		// An ellipsis stands for skipped words, in order and close by.
		{"Every map is an argument … you really do", 0, "at 0 edits 0 [Ada Pemberton Bruno Quill]"},
		{"You really do... every map is an argument", 0, "missing"},
		{"Every map is an argument ... Greenland is not the size of Africa", 0, "at 0 edits 0 [Ada Pemberton Bruno Quill]"},
		{"Greenland is not the size of Africa ... she says", 120000, "missing"},
		// Said twice: the place nearest the timestamp, then the earliest.
		{"Every map is an argument about what matters.", 290000, "at 300 edits 0 [Bruno Quill]"},
		{"Every map is an argument about what matters.", -1, "at 0 edits 0 [Ada Pemberton]"},
		// Nothing said.
		{"Maps never lie.", 0, "missing"},
		{"uh, um", 0, "no words"},
	} {
		res := tr.Find(tc.quote, tc.stamp)
		var got string
		switch {
		case res.Words == 0:
			got = "no words"
		case res.Found:
			got = fmt.Sprintf("at %d edits %d %v", res.Match.At.Seconds(), res.Match.Edits, tr.SpeakersOf(res.Match))
		case res.Near:
			got = fmt.Sprintf("missing, near at %d edits %d", res.Match.At.Seconds(), res.Match.Edits)
		default:
			got = "missing"
		}
		if got != tc.want {
			t.Errorf("Find(%q, %d) = %s; want %s", tc.quote, tc.stamp, got, tc.want)
		}
	}
}

func TestNearestSentence(t *testing.T) {
	tr := mustRead(t, "ep.vtt", interview)
	for _, tc := range []struct{ at, want Millis }{
		{0, 0},
		{5200, 5000},   // a new speaker starts a sentence
		{14500, 15793}, // "not whether …" at 14 s goes on; "Anyway" starts one
		{119000, 120000},
	} {
		got, ok := tr.NearestSentence(tc.at)
		if !ok || got != tc.want {
			t.Errorf("NearestSentence(%d) = %d, %v; want about %d", tc.at, got, ok, tc.want)
		}
	}
	flat := mustRead(t, "ep.srt", "1\n00:00:01,000 --> 00:00:04,000\nno punctuation at all\n")
	if _, ok := flat.NearestSentence(1000); ok {
		t.Error("an unpunctuated transcript has no sentence starts to tell")
	}
}

// speech builds a WebVTT transcript of cues of about ten words each, four
// seconds apart, from words drawn from vocabulary with a Zipf law, as
// natural speech has a few very common words and many rare ones.
func speech(rng *rand.Rand, cues, vocabulary int, prefix string) string {
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(vocabulary-1))
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	for i := range cues {
		at := Millis(i) * 4000
		fmt.Fprintf(&b, "\n%s --> %s\n", vttTime(at), vttTime(at+4000))
		for w := range 10 {
			if w > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s%d", prefix, zipf.Uint64())
		}
		b.WriteString(".\n")
	}
	return b.String()
}

func vttTime(m Millis) string {
	return fmt.Sprintf("%02d:%02d:%02d.%03d", m/3600000, m/60000%60, m/1000%60, m%1000)
}

// quotesOf picks n runs of eight to fifteen words said in tr, and their
// times.
func quotesOf(rng *rand.Rand, tr *Transcript, n int) ([]string, []Millis) {
	var quotes []string
	var stamps []Millis
	inverse := make([]string, len(tr.vocab))
	for w, id := range tr.vocab {
		inverse[id] = w
	}
	for range n {
		length := 8 + rng.IntN(8)
		at := rng.IntN(len(tr.tokens) - length)
		var ws []string
		for _, id := range tr.tokens[at : at+length] {
			ws = append(ws, inverse[id])
		}
		quotes = append(quotes, strings.Join(ws, " "))
		stamps = append(stamps, tr.times[at])
	}
	return quotes, stamps
}

// TestLookupCostIgnoresLength: looking quotes up compares only the places
// where their rarest word pairs stand, so the same quotes cost the same
// in a transcript four times as long (the added speech never says their
// pairs), and every one is found where it was taken from.
func TestLookupCostIgnoresLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := speech(rng, 500, 3000, "w")
	short := mustRead(t, "short.vtt", base)
	quotes, stamps := quotesOf(rng, short, 50)
	// The longer one: the same speech, then three times as much more in
	// other words.
	more := speech(rng, 1500, 3000, "x")
	long := mustRead(t, "long.vtt", base+strings.TrimPrefix(more, "WEBVTT\n"))
	var cells [2]int64
	for i, tr := range []*Transcript{short, long} {
		for q, quote := range quotes {
			res := tr.Find(quote, stamps[q])
			if !res.Found || res.Match.At != stamps[q] && res.Match.Edits == 0 && tr.times[res.Match.Start] != stamps[q] {
				t.Errorf("quote %d not found where it was said: %+v", q, res)
			}
		}
		cells[i] = tr.cells
	}
	if cells[0] != cells[1] || cells[0] == 0 {
		t.Errorf("comparisons: %d on %d words, %d on %d words; want the same", cells[0], short.Words(), cells[1], long.Words())
	}
}

func TestSpeaking(t *testing.T) {
	tr := mustRead(t, "ep.vtt", interview)
	for at, want := range map[Millis]bool{0: true, 17999: true, 18000: false, 60000: false, 120000: true, 304000: false} {
		if got := tr.Speaking(at); got != want {
			t.Errorf("Speaking(%d) = %v, want %v", at, got, want)
		}
	}
}
