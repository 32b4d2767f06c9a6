// Package rules finds what is wrong with an episode. A rule is data: a name,
// a category, a default severity, documentation with a bad and a good example,
// and a run function that reports findings through a Pass. Rules never print,
// open files or exit.
package rules

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/podlint/podlint/restore"
	"github.com/podlint/podlint/schema"
)

// Severity is how much a finding matters.
type Severity int

const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// Categories group rules so that they can be enabled or disabled together.
const (
	Structure = "structure" // the page's shape is broken: content lost, leaked or misplaced
	Timing    = "timing"    // chapter and quote times
	Style     = "style"     // the canonical way to write things
	Entities  = "entities"  // the entity list
	Content   = "content"   // what an editor reading the text catches: names, the writer's notes
	Schema    = "schema"    // the JSON Schema and syntax
	// Suppressions holds unused-suppression: the suppression comments themselves.
	Suppressions = "suppressions"
	// Grounding holds the page to the episode's transcript: quotes said,
	// when and by whom, chapters that start with a sentence.
	Grounding = "grounding"
)

// Rule describes one check.
type Rule struct {
	Name     string
	Category string
	Severity Severity
	// Title is one line: what the rule finds.
	Title string
	// Doc says what the rule finds and why it matters, in a paragraph or two.
	Doc string
	// Bad and Good are small page excerpts: one that the rule flags, one it
	// accepts, each read as the page ExamplePage makes of it.
	Bad, Good string
	Run       func(*Pass)
	// Options are the settings the rule takes in the config file beside
	// its severity, each declared in the rule's file (see Option).
	Options []AnyOption
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Span     schema.Span
	Message  string
	// Related are other places of the page the finding points at (the
	// leaked JSON that may hold an orphan heading's content, the first of
	// two entities), each with what it is.
	Related []Related
	// SeenThrough marks a finding on a flattened page's restored view: its
	// span is mapped back to the file, and fixers answer it only once the
	// page has its lines back.
	SeenThrough bool
	// Fix is what the rule states about repairing the finding, so that a
	// report can say "fixable" without building the repair.
	Fix Fix
}

// Fix says whether podlint fix repairs a finding, as the rule reporting it
// states. A fixer answering the rule must agree: TestFixAvailability builds
// every fix of every finding on the project's pages and corpora and
// compares.
type Fix uint8

const (
	// NoFix: no fixer repairs the finding; it is left for a person.
	NoFix Fix = iota
	// SafeFix: podlint fix repairs it without changing a word.
	SafeFix
	// UnsafeFix: a repair exists, but only with --unsafe-fixes.
	UnsafeFix
	// FixerDecides: only building the repair tells whether there is one
	// and how safe it is (a leaked blob's recovery, a repeated intro): the
	// rule cannot say it more cheaply than the fixer.
	FixerDecides
)

// Pass is what a rule sees while it runs on one document.
type Pass struct {
	Doc     *schema.Document
	Episode *schema.Episode
	Config  *Config
	rule    *Rule
	out     *[]Diagnostic
	// directives are the page's suppression comments (unused-suppression).
	directives []*directive
	// shared holds what several rules compute from the same page.
	shared *shared
}

// shared is computed at most once per document and run.
type shared struct {
	leaked *leakage
}

// Report records a finding of the running rule at span that no fixer
// repairs.
func (p *Pass) Report(span schema.Span, format string, args ...any) {
	p.Add(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}

// ReportFix records a finding with what the rule states about its repair.
func (p *Pass) ReportFix(fix Fix, span schema.Span, format string, args ...any) {
	p.Add(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// Related is a place a finding points at, with what it is.
type Related struct {
	Span    schema.Span
	Message string
}

// ReportRelated records a finding that points at other places too.
func (p *Pass) ReportRelated(span schema.Span, related []Related, format string, args ...any) {
	p.Add(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...), Related: related})
}

// Add records d as a finding of the running rule, with the rule's name and
// configured severity.
func (p *Pass) Add(d Diagnostic) {
	d.Rule, d.Severity = p.rule.Name, p.Config.SeverityOf(p.rule)
	*p.out = append(*p.out, d)
}

// all lists every rule; TestValidateRegistry holds it to validate.
var all = []*Rule{
	chapterMidSentence,
	chapterOrder,
	chapterStart,
	collapsedMarkdown,
	duplicateEntity,
	duplicateIntro,
	emptyChapter,
	entityFormat,
	entityType,
	leakedJSON,
	metaCommentary,
	missingChapters,
	missingSummary,
	nameVariant,
	orphanHeading,
	quoteFragment,
	quoteNotInTranscript,
	quoteOutOfRange,
	quoteSpeakerMismatch,
	quoteStyle,
	quoteTimeDrift,
	schemaRule,
	timestampFormat,
	titleFormat,
	unusedSuppression,
}

var byName = map[string]*Rule{}

// The registry's declarations are checked by TestValidateRegistry
// (validate(all)), not here: they are the source's, the same on every run,
// and checking them (options' defaults through JSON and back) would cost
// each run's start.
func init() {
	for _, r := range all {
		byName[r.Name] = r
	}
}

// validate checks what every rule must have, as go/analysis does for
// analyzers: a unique kebab-case name, a category, a severity, docs, examples.
func validate(rules []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		switch {
		case !isKebab(r.Name):
			return fmt.Errorf("rule %q: name must be kebab-case", r.Name)
		case seen[r.Name]:
			return fmt.Errorf("rule %q registered twice", r.Name)
		case !isCategory(r.Category):
			return fmt.Errorf("rule %q: unknown category %q", r.Name, r.Category)
		case r.Severity != Warning && r.Severity != Error:
			return fmt.Errorf("rule %q: no default severity", r.Name)
		case r.Title == "" || r.Doc == "" || r.Bad == "" || r.Good == "":
			return fmt.Errorf("rule %q: title, doc and both examples are required", r.Name)
		case r.Run == nil:
			return fmt.Errorf("rule %q: no run function", r.Name)
		}
		if err := validateOptions(r); err != nil {
			return err
		}
		seen[r.Name] = true
	}
	return nil
}

// CategoryNames lists the categories in the order they are documented.
var CategoryNames = []string{Structure, Schema, Timing, Style, Entities, Content, Grounding, Suppressions}

func isCategory(name string) bool {
	for _, c := range CategoryNames {
		if c == name {
			return true
		}
	}
	return false
}

// All returns every rule, sorted by name.
func All() []*Rule {
	out := append([]*Rule(nil), all...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the rule named name, or nil.
func Lookup(name string) *Rule { return byName[name] }

// Select resolves --enable and --disable lists (rule names or categories):
// with enable, only what it names runs; disable then removes. An unknown
// name is an error, never ignored.
func Select(enable, disable []string) ([]*Rule, error) {
	on := map[string]bool{}
	if len(enable) == 0 {
		for _, r := range all {
			on[r.Name] = true
		}
	}
	if err := mark(on, enable, true); err != nil {
		return nil, err
	}
	if err := mark(on, disable, false); err != nil {
		return nil, err
	}
	var out []*Rule
	for _, r := range All() {
		if on[r.Name] {
			out = append(out, r)
		}
	}
	return out, nil
}

func mark(on map[string]bool, names []string, value bool) error {
	for _, name := range names {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
		case byName[name] != nil:
			on[name] = value
		case isCategory(name):
			for _, r := range all {
				if r.Category == name {
					on[r.Name] = value
				}
			}
		default:
			return fmt.Errorf("unknown rule or category %q%s (see `podlint rules`)", name, DidYouMean(name, Names()))
		}
	}
	return nil
}

// Run applies the configured rules to doc and returns the findings sorted
// by position, then rule, then message. A broken document (JSON that does
// not parse) only gets its schema findings.
//
// Suppression comments hide the findings they cover; unused-suppression,
// when it runs, then reports the comments that hid nothing.
//
// A page flattened onto one line gets collapsed-markdown, and every other
// rule looks at the page restored in memory (what restore-lines would
// write): its findings are reported at their places in the file as it is,
// marked SeenThrough, so that a flattened page and its restored form
// report the same problems.
func Run(doc *schema.Document, cfg *Config) []Diagnostic {
	view, ok := restore.ViewOf(doc)
	if !ok {
		return runOn(doc, cfg, func(*Rule) bool { return true })
	}
	// Clipped: what is added goes to a list of its own, not into the one
	// runOn keeps for the next page (see runScratch).
	out := slices.Clip(runOn(doc, cfg, func(r *Rule) bool { return r == collapsedMarkdown }))
	seen := runOn(view.Doc, cfg, func(r *Rule) bool { return r != collapsedMarkdown })
	// Kept for RunRestored as found: each finding below is a copy, and so
	// are the related places it maps.
	view.Doc.Memo(restoredKey{}, func() any { return restoredRun{cfg, seen} })
	for _, d := range seen {
		d.Related = slices.Clone(d.Related)
		d.Span = view.ToSource(d.Span)
		for i := range d.Related {
			d.Related[i].Span = view.ToSource(d.Related[i].Span)
		}
		// Its fix comes once restore-lines has given the page its lines.
		d.SeenThrough, d.Fix = true, NoFix
		out = append(out, d)
	}
	Sort(out)
	return out
}

// restoredKey keys, in the memo of a flattened page's restored view, what
// its rules (all but collapsed-markdown) found on it, as restoredRun.
type restoredKey struct{}

type restoredRun struct {
	cfg   *Config
	diags []Diagnostic
}

func cloneDiagnostics(ds []Diagnostic) []Diagnostic {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Related = slices.Clone(out[i].Related)
	}
	return out
}

// RunRestored is Run on the page src, when src is doc (a flattened page)
// restored, as restore-lines writes it: the rules have read that page
// already, through doc's view, and only collapsed-markdown is run again.
// ok is false when src is not that page, the view was not checked with
// cfg, or the page has suppression comments (their use depends on every
// rule's findings); the caller then reads and checks src afresh.
func RunRestored(doc *schema.Document, cfg *Config, src []byte) (restored *schema.Document, diags []Diagnostic, ok bool) {
	view, ok := restore.ViewOf(doc)
	if !ok || !bytes.Equal(view.Doc.Src, src) || view.Doc.Episode.Collapsed != nil || mayHaveDirectives(src) {
		return nil, nil, false
	}
	memo, _ := view.Doc.Memoized(restoredKey{})
	run, ok := memo.(restoredRun)
	if !ok || run.cfg != cfg {
		return nil, nil, false
	}
	diags = cloneDiagnostics(run.diags)
	diags = append(diags, runOn(view.Doc, cfg, func(r *Rule) bool { return r == collapsedMarkdown })...)
	Sort(diags)
	return view.Doc, diags, true
}

// runScratch is the list runOn gathers a page's findings in and the
// passes it runs the rules with, kept from a page done with (see
// schema.Document.Release) for the next: a list grown finding by finding
// for every page was among the largest allocations of a check of pages of
// many findings.
type runScratch struct {
	// out is the list as far as runOn filled it, for put to clear.
	out    []Diagnostic
	passes []Pass
}

var runScratches = sync.Pool{New: func() any { return new(runScratch) }}

// maxKeptFindings is the most findings a kept list has room for: one
// grown for a page of thousands is dropped.
const maxKeptFindings = 1 << 12

func (sc *runScratch) put() {
	if cap(sc.out) > maxKeptFindings {
		return
	}
	clear(sc.out) // no page's messages kept alive
	clear(sc.passes)
	sc.out, sc.passes = sc.out[:0], sc.passes[:0]
	runScratches.Put(sc)
}

// runOn runs the rules that use accepts on doc. What it returns is doc's:
// good until doc is released.
func runOn(doc *schema.Document, cfg *Config, use func(*Rule) bool) []Diagnostic {
	sc := runScratches.Get().(*runScratch)
	doc.OnRelease(sc.put)
	out := sc.out[:0]
	memo := &shared{}
	checkSuppressions := false
	// Each rule gets a pass of its own, all made at once: one list a page,
	// not one pass a rule.
	passes := slices.Grow(sc.passes[:0], len(cfg.Rules))[:len(cfg.Rules)]
	sc.passes = passes
	for i, r := range cfg.Rules {
		if (doc.Broken && r != schemaRule) || cfg.SeverityOf(r) == Off || !use(r) {
			continue
		}
		if r == unusedSuppression {
			checkSuppressions = true
			continue
		}
		passes[i] = Pass{Doc: doc, Episode: doc.Episode, Config: cfg, rule: r, out: &out, shared: memo}
		r.Run(&passes[i])
	}
	sc.out = out
	directives := parseDirectives(doc)
	out = suppress(doc, out, directives)
	if checkSuppressions {
		unusedSuppression.Run(&Pass{Doc: doc, Episode: doc.Episode, Config: cfg, rule: unusedSuppression, out: &out, directives: directives, shared: memo})
		if len(out) > len(sc.out) && cap(sc.out) > 0 && &out[:1][0] == &sc.out[:1][0] {
			sc.out = out // added to in place
		}
	}
	Sort(out)
	return out
}

// Sort orders findings by position, then rule, then message, findings
// that compare equal keeping their order. A page of many findings comes
// as one sorted run per rule, so the runs are merged (a natural merge
// sort, stable: a tie goes to the earlier run), a pass of merges for each
// doubling of the runs, not the passes of a sort that knows no runs. The
// merges order indexes; the findings are then moved once each, in place.
func Sort(ds []Diagnostic) {
	var endsOf [8]int32
	ends := endsOf[:0] // where each run ends
	for i := 1; i < len(ds); i++ {
		if compareDiagnostics(&ds[i-1], &ds[i]) > 0 {
			ends = append(ends, int32(i))
		}
	}
	if len(ends) == 0 {
		return
	}
	ends = append(ends, int32(len(ds)))
	order, spare := make([]int32, len(ds)), make([]int32, len(ds))
	for i := range order {
		order[i] = int32(i)
	}
	for len(ends) > 1 {
		// Runs two by two, into spare; a last run left alone is copied.
		// The ends of the merged runs take the place of the old ones,
		// written no further on than where they are read.
		merged, from := ends[:0], int32(0)
		for k := 0; k < len(ends); k += 2 {
			if k+1 == len(ends) {
				copy(spare[from:ends[k]], order[from:ends[k]])
				merged = append(merged, ends[k])
				break
			}
			mid, end := ends[k], ends[k+1]
			mergeRuns(ds, order[from:mid], order[mid:end], spare[from:end])
			merged, from = append(merged, end), end
		}
		ends, order, spare = merged, spare, order
	}
	permute(ds, order)
}

// mergeRuns merges the sorted runs a and b, indexes of ds, into out,
// taking from a on a tie.
func mergeRuns(ds []Diagnostic, a, b, out []int32) {
	i, j := 0, 0
	for k := range out {
		if j == len(b) || i < len(a) && compareDiagnostics(&ds[a[i]], &ds[b[j]]) <= 0 {
			out[k] = a[i]
			i++
		} else {
			out[k] = b[j]
			j++
		}
	}
}

// permute moves ds[order[i]] to ds[i] for every i, a cycle of moves at a
// time, with one finding held aside; order is spent (a place done is -1).
func permute(ds []Diagnostic, order []int32) {
	for start := range order {
		if order[start] < 0 || int(order[start]) == start {
			continue
		}
		held, to := ds[start], start
		for {
			from := int(order[to])
			order[to] = -1
			if from == start {
				ds[to] = held
				break
			}
			ds[to] = ds[from]
			to = from
		}
	}
}

func compareDiagnostics(a, b *Diagnostic) int {
	if a.Span.Start != b.Span.Start {
		return cmp.Compare(a.Span.Start, b.Span.Start)
	}
	if a.Rule != b.Rule {
		return strings.Compare(a.Rule, b.Rule)
	}
	return strings.Compare(a.Message, b.Message)
}
