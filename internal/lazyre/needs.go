package lazyre

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// minNeed is the shortest string a set of needs may have: a letter or two
// stands in most texts, and telling nothing costs a search.
const minNeed = 3

// Needs is what every match of the pattern holds: for each set of
// strings (ASCII in lower case), one of them, when the match's ASCII
// letters are read in lower case. A text that does not hold one of each
// set, so read, has no match: the pattern need not be tried on it. Sets
// with a string shorter than minNeed bytes are left out, and the answer is
// nil when none is left. (?i) also reads ſ as s and the Kelvin sign as k,
// so a text holding either is to be tried whatever it holds. Worked out on
// the first call from the pattern's syntax, without compiling it.
func (l *Regexp) Needs() [][]string {
	l.needsOnce.Do(func() {
		tree, err := syntax.Parse(l.pattern, syntax.Perl)
		if err != nil {
			return // Get panics on the pattern
		}
		for tree.Op == syntax.OpCapture {
			tree = tree.Sub[0]
		}
		// A match is a match of each part of a sequence one after the
		// other: it holds what each part needs.
		parts := []*syntax.Regexp{tree}
		if tree.Op == syntax.OpConcat {
			parts = tree.Sub
		}
		for _, part := range parts {
			if set, ok := needsOf(part); ok && shortest(set) >= minNeed {
				slices.Sort(set)
				l.needs = append(l.needs, slices.Compact(set))
			}
		}
	})
	return l.needs
}

// needsOf is a set of strings of which every match of re holds one, read
// as Needs reads a text; ok is false when there is none. Of the parts of a
// sequence inside, it takes the one whose strings are longest: a set of
// sets is kept for the pattern's own sequence alone (Needs).
func needsOf(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		// With or without (?i): a match holds the literal, in some case.
		s := string(re.Rune)
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return nil, false // its other cases may be other bytes
			}
		}
		return []string{strings.ToLower(s)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return needsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needsOf(re.Sub[0])
		}
	case syntax.OpAlternate:
		// A match is a match of one of the branches.
		for _, sub := range re.Sub {
			s, ok := needsOf(sub)
			if !ok {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, true
	case syntax.OpConcat:
		// A match holds a match of every part: the part whose strings
		// are the longest (the shortest of them) stands for the whole.
		for _, sub := range re.Sub {
			if s, sok := needsOf(sub); sok && (!ok || shortest(s) > shortest(set)) {
				set, ok = s, true
			}
		}
		return set, ok
	}
	return nil, false
}

// shortest is the length of the shortest string of set.
func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// HoldsNeeds tells whether lowered, a text with its ASCII letters in lower
// case, holds one string of each set of needs (Needs).
func HoldsNeeds(lowered string, needs [][]string) bool {
	for _, set := range needs {
		found := false
		for _, s := range set {
			if strings.Contains(lowered, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
