package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// automatonScanner is the anchor scan as it was before anchorScanner: an
// Aho–Corasick automaton that steps through every byte. It is kept as the
// reference the differential tests hold anchorScanner to.
// the 64th is tried on every text.
type automatonScanner struct {
	class [256]uint8 // byte → its column in next; 0: in no anchor
	// columns is a power of two, 1<<shift: a state is stored as its row's
	// offset in next (state<<shift), so that a move costs no multiply.
	columns, shift int
	next           []uint32 // row offset + column → the next state's row offset
	found          []uint64 // state → the phrases an anchor ending there is of
	always         uint64
}

func newAutomatonScanner(needs [][]string) *automatonScanner {
	a := &automatonScanner{columns: 1}
	for _, anchors := range needs {
		for _, anchor := range anchors {
			for j := 0; j < len(anchor); j++ {
				if c := anchorByte(anchor[j]); a.class[c] == 0 {
					a.class[c] = uint8(a.columns)
					a.columns++
				}
			}
		}
	}
	for c := range a.class {
		a.class[c] = a.class[anchorByte(byte(c))]
	}
	for a.columns > 1<<a.shift {
		a.shift++
	}
	a.columns = 1 << a.shift
	// The trie first; none marks the moves it lacks.
	const none = ^uint32(0)
	at := func(state uint32, col int) *uint32 { return &a.next[int(state)*a.columns+col] }
	addState := func() uint32 {
		a.found = append(a.found, 0)
		for range a.columns {
			a.next = append(a.next, none)
		}
		return uint32(len(a.found) - 1)
	}
	addState()
	for p, anchors := range needs {
		if p >= 64 || len(anchors) == 0 {
			if p < 64 {
				a.always |= 1 << p
			}
			continue
		}
		for _, anchor := range anchors {
			state := uint32(0)
			for j := 0; j < len(anchor); j++ {
				col := int(a.class[anchor[j]])
				if *at(state, col) == none {
					next := addState()
					*at(state, col) = next
				}
				state = *at(state, col)
			}
			a.found[state] |= 1 << p
		}
	}
	// Then the failure links, breadth first: a move the trie lacks goes
	// where the longest anchor prefix that ends there would. The moves are
	// made row offsets last.
	fail := make([]uint32, len(a.found))
	var queue []uint32
	for col := range a.columns {
		if s := *at(0, col); s == none {
			*at(0, col) = 0
		} else {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		a.found[state] |= a.found[fail[state]]
		for col := range a.columns {
			s := *at(state, col)
			if s == none {
				*at(state, col) = *at(fail[state], col)
				continue
			}
			fail[s] = *at(fail[state], col)
			queue = append(queue, s)
		}
	}
	for i := range a.next {
		a.next[i] <<= a.shift
	}
	return a
}

// scan is the set of phrases (bit p for phrase p) whose anchors text holds.
func (a *automatonScanner) scan(text string) uint64 {
	found, row := a.always, uint32(0)
	next, states, shift := a.next, a.found, a.shift
	for i := 0; i < len(text); i++ {
		row = next[row+uint32(a.class[text[i]])]
		found |= states[row>>shift]
	}
	return found
}

// anchorSets are the anchor lists the scanners are compared on: the
// built-in phrases', and theirs with phrases of a config's own (one opens
// with a mark, one is a single letter, one a word outside ASCII).
func anchorSets() [][][]string {
	own := DefaultConfig()
	own.Options = OptionValues{metaAdd: []string{"[citation", "I", "ünïcode words", "per   the brief"}}
	var sets [][][]string
	for _, cfg := range []*Config{DefaultConfig(), own} {
		set := phrasesOf(cfg)
		needs := make([][]string, len(set.phrases))
		for i, ph := range set.phrases {
			needs[i] = ph.needs
		}
		sets = append(sets, needs)
	}
	return sets
}

// anchorTexts are texts built to hold anchors: each anchor alone, in
// capitals, across a line break, and planted at every offset around the
// middle of a long text (where scan splits it), then random mixes of
// anchors, words and bytes.
func anchorTexts(needs [][]string) []string {
	var anchors []string
	for _, as := range needs {
		anchors = append(anchors, as...)
	}
	texts := []string{""}
	for _, ex := range metaExamples {
		texts = append(texts, ex.note, ex.content)
	}
	fill := strings.Repeat("Ada maps the coast, ", 8)
	for _, anchor := range anchors {
		variants := []string{anchor, strings.ToUpper(anchor), strings.ReplaceAll(anchor, " ", "\n"), strings.ReplaceAll(anchor, "'", "’"), anchor[:len(anchor)-1]}
		texts = append(texts, variants...)
		for _, v := range variants[:2] {
			for at := -2; at <= len(v)+2; at++ {
				// The text's middle falls at v's byte at (fill is long
				// enough for both sides).
				const before = 100
				texts = append(texts, fill[:before]+v+fill[:before+2*at-len(v)])
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := append(slices.Clone(anchors), " ", "\t", "\n", "’", "é", "the", "Ada", "{", "[", "<", "an", "ai", "i", "here")
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(200) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(rng.IntN(256)))
				continue
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestAnchorScanMatchesAutomaton holds anchorScanner to the automaton it
// replaced: the same phrases for every text.
func TestAnchorScanMatchesAutomaton(t *testing.T) {
	for _, needs := range anchorSets() {
		scanner, reference := newAnchorScanner(needs), newAutomatonScanner(needs)
		for _, text := range anchorTexts(needs) {
			if got, want := scanner.scan(text), reference.scan(text); got != want {
				t.Fatalf("scan(%q) = %b, the automaton finds %b", text, got, want)
			}
		}
	}
}

// FuzzAnchorScan holds anchorScanner to the automaton it replaced on any
// text, alone and in the middle of a text long enough to be read in two
// halves.
func FuzzAnchorScan(f *testing.F) {
	for _, ex := range metaExamples {
		f.Add(ex.note)
		f.Add(ex.content)
	}
	sets := anchorSets()
	var scanners []*anchorScanner
	var references []*automatonScanner
	for _, needs := range sets {
		scanners = append(scanners, newAnchorScanner(needs))
		references = append(references, newAutomatonScanner(needs))
	}
	fill := strings.Repeat("Ada maps the coast, ", 8)
	f.Fuzz(func(t *testing.T, text string) {
		for i, scanner := range scanners {
			for _, s := range []string{text, fill + text + fill} {
				if got, want := scanner.scan(s), references[i].scan(s); got != want {
					t.Fatalf("scan(%q) = %b, the automaton finds %b", s, got, want)
				}
			}
		}
	})
}
