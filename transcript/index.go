package transcript

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/podlint/podlint/schema"
)

// What a transcript and a quote are compared on. Both are cut into words
// as schema cuts a page (runs of letters and digits, case folded), so that
// case, punctuation, curly or straight quotes and apostrophes do not
// matter ("Don’t" and "don't" are both "don t"). Filler words are then
// dropped from both: hesitations ("uh", "um", …), "like", and the pairs
// "you know" and "I mean". They are dropped wherever they stand, on both
// sides alike, since a transcript cannot tell "like" the filler from
// "like" the verb: "I like maps" still matches "I like maps", and matches
// "I, like, maps" too.

// fillers are the one-word fillers.
var fillers = map[string]bool{
	"uh": true, "uhh": true, "uhm": true, "um": true, "umm": true, "er": true, "erm": true,
	"ah": true, "hmm": true, "hm": true, "mm": true, "mhm": true, "like": true,
}

// fillerPairs are the two-word fillers, first word to second.
var fillerPairs = map[string]string{"you": "know", "i": "mean"}

// word is one word of a text, folded, with its byte offset in the text.
type word struct {
	text string
	at   int
}

// words cuts text into folded words without fillers (appended to out).
// sentence, when set, is told of each word (fillers included) and whether
// a sentence starts there, so that a transcript's sentence starts are
// known before fillers go. The folded words are slices of one buffer.
func words(out []word, text string, sentenceEnded bool, sentence func(at int, starts bool)) ([]word, bool) {
	first := len(out)
	var buf []byte
	prev := 0
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		if hasStop(text[prev:start]) {
			sentenceEnded = true
		}
		if sentence != nil {
			sentence(start, sentenceEnded)
		}
		sentenceEnded = false
		from := len(buf)
		buf = schema.AppendFoldedWord(buf, text[start:end])
		out = append(out, word{text: string(buf[from:]), at: start})
		prev = end
	}
	if hasStop(text[prev:]) {
		sentenceEnded = true
	}
	// Drop the fillers in place.
	kept := out[:first]
	all := out[first:]
	for i := 0; i < len(all); i++ {
		w := all[i]
		if fillers[w.text] {
			continue
		}
		if second, ok := fillerPairs[w.text]; ok && i+1 < len(all) && all[i+1].text == second {
			i++
			continue
		}
		kept = append(kept, w)
	}
	return kept, sentenceEnded
}

// index is a transcript's words without fillers, each with its time and
// speaker, and where each word and each pair of adjacent words stands: a
// quote is looked up by its rarest pairs, never by reading the whole
// transcript.
type index struct {
	vocab   map[string]int32
	tokens  []int32  // word ids, in order
	times   []Millis // when each word is said
	speaker []int32  // Speakers index, or -1
	cueOf   []int32  // Cues index
	// byNext lists, for each word id, the positions where it stands,
	// ordered by the word after it, then by position: first[id] to
	// first[id+1]. A word's positions are that whole run; a pair's, the
	// part of its first word's run whose next word is its second.
	first  []int32
	byNext []int32
	// sentences are the times sentences start, ascending; punctuated
	// tells whether the transcript marks sentence ends at all.
	sentences  []Millis
	punctuated bool
	// speech are the times some cue covers, as ascending disjoint
	// [start, end) intervals.
	speech [][2]Millis
	// cells counts the word comparisons lookups made: the work a test
	// holds to linear growth.
	cells int64
}

// build indexes the cues: one pass over the transcript's text, then a
// counting sort of the positions by word.
func (t *Transcript) build() {
	x := &t.index
	x.vocab = map[string]int32{}
	ended, lastSpeaker := true, -2
	var ws []word
	for ci, c := range t.Cues {
		length := 0
		for _, s := range c.Segments {
			length += len(s.Text) + 1
		}
		offset := 0
		for _, s := range c.Segments {
			if s.Speaker != lastSpeaker {
				ended = true // a new speaker starts a sentence
				lastSpeaker = s.Speaker
			}
			// A word's time: its cue's span shared out by characters.
			at := func(byteAt int) Millis {
				return c.Start + (c.End-c.Start)*Millis(offset+byteAt)/Millis(max(length, 1))
			}
			ws, ended = words(ws[:0], s.Text, ended, func(byteAt int, starts bool) {
				if starts {
					x.sentences = append(x.sentences, at(byteAt))
				}
			})
			for _, w := range ws {
				id, ok := x.vocab[w.text]
				if !ok {
					id = int32(len(x.vocab))
					x.vocab[w.text] = id
				}
				x.tokens = append(x.tokens, id)
				x.times = append(x.times, at(w.at))
				x.speaker = append(x.speaker, int32(s.Speaker))
				x.cueOf = append(x.cueOf, int32(ci))
			}
			if hasStop(s.Text) {
				x.punctuated = true
			}
			offset += len(s.Text) + 1
		}
	}
	x.first = make([]int32, len(x.vocab)+1)
	for _, id := range x.tokens {
		x.first[id+1]++
	}
	for i := 1; i < len(x.first); i++ {
		x.first[i] += x.first[i-1]
	}
	x.byNext = make([]int32, len(x.tokens))
	fill := append([]int32(nil), x.first[:len(x.vocab)]...)
	for pos, id := range x.tokens {
		x.byNext[fill[id]] = int32(pos)
		fill[id]++
	}
	for id := range len(x.vocab) {
		run := x.byNext[x.first[id]:x.first[id+1]]
		if len(run) > 1 {
			// Positions are ascending already: a stable sort by the next
			// word keeps them so within each pair.
			slices.SortStableFunc(run, func(a, b int32) int { return cmp.Compare(x.next(a), x.next(b)) })
		}
	}
	sort.Slice(x.sentences, func(i, j int) bool { return x.sentences[i] < x.sentences[j] })
	for _, c := range t.Cues {
		x.speech = append(x.speech, [2]Millis{c.Start, c.End})
	}
	sort.Slice(x.speech, func(i, j int) bool { return x.speech[i][0] < x.speech[j][0] })
	merged := x.speech[:0]
	for _, iv := range x.speech {
		if n := len(merged); n > 0 && iv[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], iv[1])
			continue
		}
		merged = append(merged, iv)
	}
	x.speech = merged
}

// hasStop tells whether text holds a sentence's end: . ? ! or …
func hasStop(text string) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '?', '!':
			return true
		case 0xE2: // … is E2 80 A6
			if strings.HasPrefix(text[i:], "…") {
				return true
			}
		}
	}
	return false
}

// next is the word after position pos, or -1 at the end.
func (x *index) next(pos int32) int32 {
	if int(pos)+1 < len(x.tokens) {
		return x.tokens[pos+1]
	}
	return -1
}

// positions lists where word id stands, in no particular order.
func (x *index) positions(id int32) []int32 { return x.byNext[x.first[id]:x.first[id+1]] }

// pairs lists where word a stands right before word b, ascending.
func (x *index) pairs(a, b int32) []int32 {
	run := x.positions(a)
	lo := sort.Search(len(run), func(i int) bool { return x.next(run[i]) >= b })
	hi := lo + sort.Search(len(run)-lo, func(i int) bool { return x.next(run[lo+i]) > b })
	return run[lo:hi]
}

// Speaking tells whether a cue covers the time at: false in the pauses
// between cues.
func (t *Transcript) Speaking(at Millis) bool {
	s := t.speech
	i := sort.Search(len(s), func(i int) bool { return s[i][1] > at })
	return i < len(s) && s[i][0] <= at
}

// Words is the number of words the transcript has, fillers left out.
func (t *Transcript) Words() int { return len(t.tokens) }

// End is when the last cue ends.
func (t *Transcript) End() Millis {
	var end Millis
	for _, c := range t.Cues {
		end = max(end, c.End)
	}
	return end
}

// NearestSentence is the start of the sentence nearest to at, and false
// when the transcript marks no sentence ends (an unpunctuated caption
// track), where sentence starts cannot be told.
func (t *Transcript) NearestSentence(at Millis) (Millis, bool) {
	s := t.sentences
	if !t.punctuated || len(s) == 0 {
		return 0, false
	}
	i := sort.Search(len(s), func(i int) bool { return s[i] >= at })
	switch {
	case i == len(s):
		return s[i-1], true
	case i == 0:
		return s[0], true
	case at-s[i-1] <= s[i]-at:
		return s[i-1], true
	}
	return s[i], true
}
