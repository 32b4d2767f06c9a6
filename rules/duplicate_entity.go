package rules

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

var duplicateEntity = &Rule{
	Name:     "duplicate-entity",
	Category: Entities,
	Severity: Warning,
	Title:    "The same entity listed twice",
	Doc: `Each entity appears once in the list. The pipeline merges entity lists from several chunks
of the transcript and sometimes keeps both copies; names are compared without regard to case.
The message says whether a later bullet is an exact copy of an earlier one (safe to drop) or
differs.`,
	Bad:  "- **OpenStreetMap** (Organization): Volunteer-built open map.\n- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Good: "- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Run:  runDuplicateEntity,
}

func runDuplicateEntity(p *Pass) {
	es := p.Episode.Entities
	if es == nil {
		return
	}
	firsts := firstsOfNames(es)
	copies := EntityCopies(es)
	for i, e := range es.Entities {
		at := firsts[i]
		if at < 0 {
			continue
		}
		orig, isCopy := copies[i], copies[i] >= 0
		prev, related := es.Entities[at], "the first entry of "+quote(e.Name.Value)
		how, fix := "with a different type or description", NoFix
		if isCopy {
			how = "an exact duplicate"
			switch {
			case !PlainEntity(p.Doc, es, i) && p.Doc.Format == schema.JSON:
				how = "with the same name, type and description, and more keys"
			case !PlainEntity(p.Doc, es, i):
				how = "with the same name, type and description, and more lines in its item"
			case strings.TrimSpace(e.Name.Value) != "":
				fix = SafeFix // drop-duplicate-entity deletes a named entry's exact copy
			}
			if orig != at {
				prev, related = es.Entities[orig], "the entry of "+quote(e.Name.Value)+" it copies"
			}
		}
		p.Add(Diagnostic{Span: e.Span, Fix: fix,
			Related: []Related{{Span: prev.Span, Message: related}},
			Message: fmt.Sprintf("entity %q is listed twice, %s", e.Name.Value, how)})
	}
}

// firstsOfNames is, for each entity of es, the index of the first entity
// whose name is the same without regard to case (strings.ToLower, white
// space around trimmed), or -1 for a first one and a malformed one, which
// is passed over. Names are told apart by a hash of their lower case, made
// without writing it for a name in ASCII (most): only a name beyond ASCII
// is lowered, and two names whose hashes agree are compared so.
func firstsOfNames(es *schema.EntitySection) []int {
	firsts := make([]int, len(es.Entities))
	first := make(map[uint64]int, len(es.Entities)) // hash → index of its first entity
	for i, e := range es.Entities {
		firsts[i] = -1
		if e.Malformed != "" {
			continue
		}
		name := strings.TrimSpace(e.Name.Value)
		h := hashName(name)
		at, dup := first[h]
		switch {
		case !dup:
			first[h] = i
		case sameLower(name, strings.TrimSpace(es.Entities[at].Name.Value)):
			firsts[i] = at
		default:
			return firstsOfNamesByKey(es) // two names, one hash
		}
	}
	return firsts
}

// firstsOfNamesByKey is firstsOfNames with each name lowered as a key.
func firstsOfNamesByKey(es *schema.EntitySection) []int {
	firsts := make([]int, len(es.Entities))
	first := make(map[string]int, len(es.Entities))
	for i, e := range es.Entities {
		firsts[i] = -1
		if e.Malformed != "" {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(e.Name.Value))
		if at, dup := first[key]; dup {
			firsts[i] = at
		} else {
			first[key] = i
		}
	}
	return firsts
}

// hashName is lowerHash; a test makes every name collide.
var hashName = lowerHash

// lowerHash is the FNV-1a hash of strings.ToLower(s), which for ASCII is
// read from s as it is.
func lowerHash(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			h = offset
			for _, c := range []byte(strings.ToLower(s)) {
				h = (h ^ uint64(c)) * prime
			}
			return h
		}
		h = (h ^ uint64(lowerASCII(c))) * prime
	}
	return h
}

// sameLower tells whether a and b are the same in lower case, as
// strings.ToLower writes them.
func sameLower(a, b string) bool {
	if ascii(a) && ascii(b) {
		return strings.EqualFold(a, b) // in ASCII, the same answer
	}
	// Not strings.EqualFold, which also takes σ and ς for one letter.
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return la == lb
}

// lowerASCII is the lower case of an ASCII byte.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// EntityCopies is, for each entity of es, the first earlier one it copies
// exactly (name, type and description as written), or -1: a later entry
// copies an earlier one even where its name's first entry differs ("A: 0",
// "A: 1", "A: 1"). A malformed entry is passed over, neither a copy nor
// copied. duplicate-entity and drop-duplicate-entity both read it, so that
// what the rule calls an exact duplicate is what the fixer drops.
func EntityCopies(es *schema.EntitySection) []int {
	copies := make([]int, len(es.Entities))
	first := make(map[[3]string]int, len(es.Entities))
	for i, e := range es.Entities {
		copies[i] = -1
		if e.Malformed != "" {
			continue
		}
		k := [3]string{e.Name.Value, e.Type.Value, e.Description.Value}
		if at, ok := first[k]; ok {
			copies[i] = at
		} else {
			first[k] = i
		}
	}
	return copies
}

// PlainEntity tells whether entity i of es is all its name, type and
// description, so that dropping it as a copy of another loses nothing: a
// JSON object is when it has no other key and none twice (the later of two
// names is the one read); a Markdown bullet is when its list item ends
// with its line (see continues).
func PlainEntity(doc *schema.Document, es *schema.EntitySection, i int) bool {
	e := es.Entities[i]
	if doc.Format != schema.JSON {
		return !continues(doc.Src, es, i)
	}
	v, problems, err := schema.ParseJSON(doc.Src[e.Span.Start:e.Span.End])
	if err != nil || len(problems) > 0 || v.Kind != schema.Object {
		return false
	}
	for _, m := range v.Members {
		if m.Key != "name" && m.Key != "type" && m.Key != "description" {
			return false
		}
	}
	return true
}

// continues tells whether entity i's list item goes on past its bullet
// line: the first line of the section after it that is no bullet (and
// comes before the next bullet) follows it directly, or comes after blank
// lines but indented. Markdown reads both as the item's (a description
// on a second line); an unindented line after a blank one ends the list.
func continues(src []byte, es *schema.EntitySection, i int) bool {
	end := len(src)
	if i+1 < len(es.Entities) {
		end = es.Entities[i+1].Span.Start
	}
	for _, s := range es.Stray {
		if s.Start < es.Entities[i].Span.End || s.Start >= end {
			continue
		}
		next := es.Entities[i].Span.End
		if j := bytes.IndexByte(src[next:], '\n'); j >= 0 {
			next += j + 1
		}
		return s.Start == next || src[s.Start] == ' ' || src[s.Start] == '\t'
	}
	return false
}
