package fixers

import (
	"reflect"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/podlint/podlint/schema"
)

// TestEntityIndex: an entity repeats when an earlier one has exactly its
// name, type and description (a blank name never repeats, a malformed
// entry is no earlier one), and the index of a list goes when the list
// does.
func TestEntityIndex(t *testing.T) {
	entity := func(at int, name, typ, desc string) schema.Entity {
		return schema.Entity{Span: schema.Span{Start: at, End: at + 1}, Name: schema.Text{Value: name}, Type: schema.Text{Value: typ}, Description: schema.Text{Value: desc}}
	}
	es := &schema.EntitySection{Entities: []schema.Entity{
		entity(0, "Ada", "Person", "x"),
		entity(10, "Ada", "Person", "y"),
		entity(20, "Ada", "Person", "y"),
		entity(30, "Ada", "Person", "x"),
		entity(40, "ada", "Person", "x"),
		entity(50, " ", "Person", "z"),
		entity(60, " ", "Person", "z"),
		entity(70, "Bo", "Person", "w"),
		entity(80, "Bo", "Person", "w"),
	}}
	es.Entities[7].Malformed = "no type in parentheses" // passed over, as duplicate-entity does
	idx := entityIndexOf(es)
	if want := []bool{false, false, true, true, false, false, false, false, false}; !reflect.DeepEqual(idx.repeats, want) {
		t.Errorf("repeats %v, want %v", idx.repeats, want)
	}
	if i, ok := idx.at[schema.Span{Start: 30, End: 31}]; !ok || i != 3 {
		t.Errorf("entity at 30: %d, %v; want 3", i, ok)
	}
	if again := entityIndexOf(es); again != idx {
		t.Error("a list was indexed twice")
	}
	key := weak.Make(es) // the list's last use
	for range 50 {
		runtime.GC()
		if _, ok := entityIndexes.Load(key); !ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("the index of a list that is gone is still kept")
}
