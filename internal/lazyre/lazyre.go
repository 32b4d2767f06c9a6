// Package lazyre holds regular expressions compiled when first used: a run
// on one page should not spend its start compiling patterns it may never
// need (most pages need none of the command's, and few texts any of
// meta-commentary's).
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a pattern and, once Get has been called, its compiled form.
type Regexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
	// needs are what Needs answers, worked out once.
	needsOnce sync.Once
	needs     [][]string
}

// New returns the pattern, to be compiled by the first Get; an invalid
// pattern panics then, as regexp.MustCompile does.
func New(pattern string) *Regexp { return &Regexp{pattern: pattern} }

// Get compiles the pattern on the first call and returns it.
func (l *Regexp) Get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pattern) })
	return l.re
}

// String is the pattern's source text, without compiling it.
func (l *Regexp) String() string { return l.pattern }
