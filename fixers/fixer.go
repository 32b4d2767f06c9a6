// Package fixers repairs what rules find. A fixer is data, like a rule: a
// name, the rules it answers, its safety, and documentation with a before and
// after example. Fixers never decide what is wrong: they answer diagnostics.
package fixers

// Safety says whether a fixer may change words.
type Safety int

const (
	// Safe fixers repair structure without dropping any content.
	Safe Safety = iota
	// Unsafe fixers may drop or reword text; they run only with --unsafe-fixes.
	Unsafe
)

func (s Safety) String() string {
	if s == Unsafe {
		return "unsafe"
	}
	return "safe"
}

// Fixer describes one repair.
type Fixer struct {
	Name    string
	Answers []string // rule names
	Safety  Safety
	Title   string
	Doc     string
	// Before and After are a page excerpt and its repair.
	Before, After string
}

// all lists every fixer.
var all []*Fixer

// For returns the fixers that answer the named rule.
func For(rule string) []*Fixer {
	var out []*Fixer
	for _, f := range all {
		for _, r := range f.Answers {
			if r == rule {
				out = append(out, f)
			}
		}
	}
	return out
}
