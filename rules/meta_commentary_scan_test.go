package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// anchorsIn is what anchorScanner.scan answers, by its definition: the
// phrases (bit p for phrase p, the first 64) with an anchor that the text,
// read as the scanner reads it, holds, and those without anchors. It is
// the reference the scanner is held to, an automaton's work done by a
// search for each anchor.
func anchorsIn(needs [][]string, text string) uint64 {
	read := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			b[i] = anchorByte(c)
		}
		return string(b)
	}
	text = read(text)
	var found uint64
	for p, anchors := range needs[:min(len(needs), 64)] {
		if len(anchors) == 0 {
			found |= 1 << p
		}
		for _, anchor := range anchors {
			if strings.Contains(text, read(anchor)) {
				found |= 1 << p
			}
		}
	}
	return found
}

// anchorSets are the anchor lists the scanners are compared on: the
// built-in phrases' anchors and finer anchors (within), and theirs with
// phrases of a config's own (one opens with a mark, one is a single
// letter, one a word outside ASCII).
func anchorSets() [][][]string {
	own := DefaultConfig()
	own.Options = OptionValues{metaAdd: []string{"[citation", "I", "ünïcode words", "per   the brief"}}
	var sets [][][]string
	for _, cfg := range []*Config{DefaultConfig(), own} {
		set := phrasesOf(cfg)
		needs, within := make([][]string, len(set.phrases)), make([][]string, len(set.phrases))
		for i, ph := range set.phrases {
			needs[i], within[i] = ph.needs, ph.within
		}
		sets = append(sets, needs, within)
	}
	return sets
}

// anchorTexts are texts built to hold anchors: each anchor alone, in
// capitals, across a line break, and planted at every offset around the
// places scan splits a text (the middle of a long one, the quarters of a
// longer one), then random mixes of anchors, words and bytes.
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
	long := strings.Repeat(fill, 4)
	for _, anchor := range anchors {
		variants := []string{anchor, strings.ToUpper(anchor), strings.ReplaceAll(anchor, " ", "\n"), strings.ReplaceAll(anchor, "'", "’"), anchor[:len(anchor)-1]}
		texts = append(texts, variants...)
		for _, v := range variants[:2] {
			for at := -2; at <= len(v)+2; at++ {
				// The text's middle falls at v's byte at (fill is long
				// enough for both sides).
				const before = 100
				texts = append(texts, fill[:before]+v+fill[:before+2*at-len(v)])
				// In a text read as four quarters of quarter bytes, each
				// place a quarter starts falls at v's byte at.
				const quarter = 150
				for k := 1; k <= 3; k++ {
					head := k*quarter - at
					texts = append(texts, long[:head]+v+long[:4*quarter-head-len(v)])
				}
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

// TestAnchorScan holds anchorScanner to what it stands for: the same
// phrases as a search for each anchor, on every text.
func TestAnchorScan(t *testing.T) {
	for _, needs := range anchorSets() {
		scanner := newAnchorScanner(needs)
		for _, text := range anchorTexts(needs) {
			if got, want := scanner.scan(text), anchorsIn(needs, text); got != want {
				t.Fatalf("scan(%q) = %b, a search for each anchor finds %b", text, got, want)
			}
		}
	}
}

// FuzzAnchorScan holds anchorScanner to a search for each anchor on any
// text, alone and in the middle of a text long enough to be read in two
// halves.
func FuzzAnchorScan(f *testing.F) {
	for _, ex := range metaExamples {
		f.Add(ex.note)
		f.Add(ex.content)
	}
	sets := anchorSets()
	var scanners []*anchorScanner
	for _, needs := range sets {
		scanners = append(scanners, newAnchorScanner(needs))
	}
	fill := strings.Repeat("Ada maps the coast, ", 8)
	f.Fuzz(func(t *testing.T, text string) {
		for i, scanner := range scanners {
			for _, s := range []string{text, fill + text + fill} {
				if got, want := scanner.scan(s), anchorsIn(sets[i], s); got != want {
					t.Fatalf("scan(%q) = %b, a search for each anchor finds %b", s, got, want)
				}
			}
		}
	})
}
