package fixers

import (
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var dropDuplicateEntity = &Fixer{
	Name:    "drop-duplicate-entity",
	Answers: []string{"duplicate-entity"},
	Safety:  Safe,
	Title:   "Delete an exact duplicate entity",
	Doc: `Deletes an entity that repeats an earlier one exactly: same name, type and description.
When the two differ, both are kept and the finding stays, since merging them is an editor's
call. So does a copy whose list item goes on under its line (a second line of description,
or an indented paragraph): deleting the bullet would leave that text to the entity above it.`,
	Before: "- **OpenStreetMap** (Organization): Volunteer-built open map.\n- **OpenStreetMap** (Organization): Volunteer-built open map.",
	After:  "- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Make:   makeDropDuplicateEntity,
}

func makeDropDuplicateEntity(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	es := doc.Episode.Entities
	if es == nil {
		return nil
	}
	idx := entityIndexOf(es)
	i, ok := idx.at[d.Span]
	if !ok || !idx.repeats[i] {
		return nil
	}
	e := es.Entities[i]
	if !rules.PlainEntity(doc, es, i) {
		return nil // a key besides the three, or a line under it, would go with it
	}
	removed := []string{string(doc.Src[e.Span.Start:e.Span.End])}
	if doc.Format == schema.JSON {
		// Delete the element with the comma and space before it.
		prev := es.Entities[i-1].Span.End
		return &Fix{Safety: Safe, Removed: removed, Delta: Shape{Entities: -1}, Edits: []Edit{{Start: prev, End: e.Span.End}}}
	}
	return &Fix{Safety: Safe, Removed: removed, Delta: Shape{Entities: -1}, Edits: []Edit{{Start: e.Span.Start, End: lineEnd(doc.Src, e.Span.End)}}}
}

// entityIndex is what the fixer needs of an entity list, worked out in one
// pass: a page with k duplicates of n entities costs n, not k times n.
type entityIndex struct {
	at      map[schema.Span]int // the first entity with each span
	repeats []bool              // the entity copies an earlier one exactly
}

// entityIndexes keeps the index of each entity list while the list lives:
// a fixer is asked once per finding, and a list is indexed once.
var entityIndexes sync.Map // weak.Pointer[schema.EntitySection] → *entityIndex

func entityIndexOf(es *schema.EntitySection) *entityIndex {
	key := weak.Make(es)
	if v, ok := entityIndexes.Load(key); ok {
		return v.(*entityIndex)
	}
	idx := &entityIndex{at: make(map[schema.Span]int, len(es.Entities)), repeats: make([]bool, len(es.Entities))}
	copies := rules.EntityCopies(es) // as duplicate-entity reads them
	for i, e := range es.Entities {
		if _, dup := idx.at[e.Span]; !dup {
			idx.at[e.Span] = i
		}
		idx.repeats[i] = copies[i] >= 0 && strings.TrimSpace(e.Name.Value) != ""
	}
	if v, loaded := entityIndexes.LoadOrStore(key, idx); loaded {
		return v.(*entityIndex)
	}
	runtime.AddCleanup(es, func(key weak.Pointer[schema.EntitySection]) { entityIndexes.Delete(key) }, key)
	return idx
}
