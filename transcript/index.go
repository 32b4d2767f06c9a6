package transcript

import (
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

// words cuts text into folded words without fillers. sentence, when set,
// is told of each word (fillers included) and whether a sentence starts
// there, so that a transcript's sentence starts are known before fillers
// go.
func words(text string, sentenceEnded bool, sentence func(at int, starts bool)) (out []word, endsSentence bool) {
	var all []word
	var buf []byte
	prev := 0
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		if strings.ContainsAny(text[prev:start], ".?!…") {
			sentenceEnded = true
		}
		if sentence != nil {
			sentence(start, sentenceEnded)
		}
		sentenceEnded = false
		buf = schema.AppendFoldedWord(buf[:0], text[start:end])
		all = append(all, word{text: string(buf), at: start})
		prev = end
	}
	if strings.ContainsAny(text[prev:], ".?!…") {
		sentenceEnded = true
	}
	for i := 0; i < len(all); i++ {
		w := all[i]
		if fillers[w.text] {
			continue
		}
		if second, ok := fillerPairs[w.text]; ok && i+1 < len(all) && all[i+1].text == second {
			i++
			continue
		}
		out = append(out, w)
	}
	return out, sentenceEnded
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
	// byWord and byPair list the positions of each word id and of each
	// pair of adjacent ids (pairKey).
	byWord map[int32][]int32
	byPair map[uint64][]int32
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

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// build indexes the cues: one pass over the transcript's text.
func (t *Transcript) build() {
	x := &t.index
	x.vocab = map[string]int32{}
	x.byWord = map[int32][]int32{}
	x.byPair = map[uint64][]int32{}
	ended, lastSpeaker := true, -2
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
			at := func(byteAt int) Millis {
				// A word's time: its cue's span shared out by characters.
				return c.Start + (c.End-c.Start)*Millis(offset+byteAt)/Millis(max(length, 1))
			}
			var ws []word
			ws, ended = words(s.Text, ended, func(byteAt int, starts bool) {
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
				pos := int32(len(x.tokens))
				x.byWord[id] = append(x.byWord[id], pos)
				if pos > 0 {
					k := pairKey(x.tokens[pos-1], id)
					x.byPair[k] = append(x.byPair[k], pos-1)
				}
				x.tokens = append(x.tokens, id)
				x.times = append(x.times, at(w.at))
				x.speaker = append(x.speaker, int32(s.Speaker))
				x.cueOf = append(x.cueOf, int32(ci))
			}
			if strings.ContainsAny(s.Text, ".?!…") {
				x.punctuated = true
			}
			offset += len(s.Text) + 1
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
