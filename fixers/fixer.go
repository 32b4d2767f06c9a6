// Package fixers repairs what rules find. A fixer is data, like a rule: a
// name, the rules it answers, its safety, documentation with a before and
// after example, and a function that turns one diagnostic into a Fix: byte
// range edits against the unchanged source. Fixers never decide what is
// wrong; they answer diagnostics. The engine (engine.go) merges fixes, runs
// passes until nothing changes, and guards against lost content.
package fixers

import (
	"fmt"
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// Safety says whether a fix may change words.
type Safety int

const (
	// Safe fixes repair structure without dropping any content.
	Safe Safety = iota
	// Unsafe fixes may drop or reword text; they run only with --unsafe-fixes.
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
	// Safety is the fixer's usual safety; a single Fix may be less safe.
	Safety Safety
	Title  string
	Doc    string
	// Before and After are a page excerpt and its repair, read as the page
	// rules.ExamplePage makes of them (TestExamples holds them to it).
	Before, After string
	// Reveals names the rules whose findings may grow when the fix moves
	// content into place (a recovered chapter without a summary is an
	// empty chapter): the structural guard lets those grow.
	Reveals []string
	// Brings names the rules whose findings may come with the text the fix
	// moves into place (a note left in a leaked summary): the structural
	// guard lets those grow only inside the text the fix writes.
	Brings []string
	// Reshapes is set for a fix whose job is the page's structure itself
	// (a flattened page's lines): the structural guard does not apply.
	Reshapes bool
	// Make returns the fix for one diagnostic, or nil when this one cannot
	// be repaired (the finding then stays).
	Make func(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix
	// Assess, when set, builds the fix only as far as its safety: enough
	// for Verdict to label a finding, where Make's bookkeeping (the
	// words the content guard is told of) is the costly part. Its Safety
	// must be Make's; TestFixAvailability holds it to that.
	Assess func(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix
	// Explain, when set, says why Make gives no fix for d ("" when it
	// cannot say): the finding tells a person what stood in the way.
	Explain func(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) string
}

// Fix is one repair: edits that are applied together or not at all.
type Fix struct {
	Fixer  *Fixer
	Safety Safety
	Edits  []Edit
	// Removed is text whose words the fix removes on purpose (a repeated
	// intro, a time pair turned into a timestamp). The content guard allows
	// exactly these words to disappear.
	Removed []string
	// Kept is text the fix deletes because the page has it elsewhere (a
	// leaked title its heading carries). The content guard allows its words
	// to disappear only while the fixed page still holds each text whole.
	Kept []string
	// syntax counts more words the fix removes on purpose, as Removed
	// declares them: a leaked blob's keys and brackets (recovery.account).
	syntax *wordTally
	// Delta is how the fix changes the page's chapters, quotes and
	// entities; the structural guard holds the fixed page to it.
	Delta Shape
	// Why says, for an unsafe fix, what makes it a guess: what a person
	// should confirm before applying it. The finding says the first.
	Why []string
}

// all lists every fixer.
var all = []*Fixer{
	attachQuoteTimestamp,
	canonicalName,
	canonicalTimestamp,
	dropDuplicateEntity,
	dropDuplicateIntro,
	entityTypeCase,
	quoteMarks,
	recoverLeaked,
	restoreLines,
	titlePunctuation,
	titleSpacing,
	transcriptTimestamp,
}

func init() {
	if err := validate(all); err != nil {
		panic(err)
	}
}

func validate(fixers []*Fixer) error {
	seen := map[string]bool{}
	for _, f := range fixers {
		switch {
		case f.Name == "" || strings.ToLower(f.Name) != f.Name || strings.ContainsAny(f.Name, " _"):
			return fmt.Errorf("fixer %q: name must be kebab-case", f.Name)
		case seen[f.Name]:
			return fmt.Errorf("fixer %q registered twice", f.Name)
		case len(f.Answers) == 0:
			return fmt.Errorf("fixer %q answers no rule", f.Name)
		case f.Title == "" || f.Doc == "" || f.Before == "" || f.After == "":
			return fmt.Errorf("fixer %q: title, doc and both examples are required", f.Name)
		case f.Make == nil:
			return fmt.Errorf("fixer %q: no Make function", f.Name)
		}
		for _, r := range f.Answers {
			if rules.Lookup(r) == nil {
				return fmt.Errorf("fixer %q answers unknown rule %q", f.Name, r)
			}
		}
		seen[f.Name] = true
	}
	return nil
}

// For returns the fixers that answer the named rule.
func For(rule string) []*Fixer { return answering(all, rule) }

func answering(fixers []*Fixer, rule string) []*Fixer {
	var out []*Fixer
	for _, f := range fixers {
		for _, r := range f.Answers {
			if r == rule {
				out = append(out, f)
			}
		}
	}
	return out
}

// Verdict is the fix available for d, as check labels the finding, and
// what a person should know of it: for a finding whose rule leaves the fix
// to its fixer, why the only fix is a guess, or why there is none, when
// the fixer can say. The note is said after the finding's message (""
// when there is nothing to say). A rule that states its fix (d.Fix) is
// taken at its word; only a finding the rule leaves to its fixer
// (FixerDecides) has its fix built to tell.
func Verdict(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) (rules.Fix, string) {
	if d.Fix != rules.FixerDecides {
		return d.Fix, ""
	}
	fix := suggest(doc, cfg, d, true)
	return availabilityOf(fix), Note(doc, cfg, d, fix)
}

// Note is what a finding adds to its message of fix, the fix podlint would
// make for it: why it is a guess, or when it is nil, why there is none
// (when the fixer can say); "" for a safe fix, or when the rule states its
// fix itself.
func Note(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic, fix *Fix) string {
	switch {
	case d.Fix != rules.FixerDecides || d.SeenThrough:
		return ""
	case fix == nil:
		for _, f := range For(d.Rule) {
			if f.Explain != nil {
				if why := f.Explain(doc, cfg, d); why != "" {
					return "; left whole: " + why
				}
			}
		}
	case fix.Safety == Unsafe && len(fix.Why) > 0:
		note := "; its repair is a guess, made only with --unsafe-fixes: " + fix.Why[0]
		if n := len(fix.Why) - 1; n > 0 {
			note += fmt.Sprintf(" (and %d more)", n)
		}
		return note
	}
	return ""
}

// availabilityOf is a built fix's availability.
func availabilityOf(fix *Fix) rules.Fix {
	switch {
	case fix == nil:
		return rules.NoFix
	case fix.Safety == Unsafe:
		return rules.UnsafeFix
	}
	return rules.SafeFix
}

// Suggest returns the fix podlint would make for d, a safe one if there is
// one, or nil. The fix's edits are against doc.Src.
func Suggest(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	return suggest(doc, cfg, d, false)
}

// suggest is Suggest; with assess, a fixer's Assess stands in for Make.
func suggest(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic, assess bool) *Fix {
	if d.SeenThrough {
		return nil // its fix comes after restore-lines
	}
	var best *Fix
	for _, f := range For(d.Rule) {
		make := f.Make
		if assess && f.Assess != nil {
			make = f.Assess
		}
		fix := make(doc, cfg, d)
		if fix == nil {
			continue
		}
		fix.Fixer = f
		if best == nil || (best.Safety == Unsafe && fix.Safety == Safe) {
			best = fix
		}
	}
	return best
}
