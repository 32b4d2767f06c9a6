package fixers

import (
	"fmt"
	"github.com/podlint/podlint/internal/racetest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// This file measures how flattened pages come back on text the restore
// heuristics were not tuned on: every structured page at hand is flattened
// the way the site's scraper flattens pages, fixed (safe, then unsafe), read
// again, and each chapter heading's title is compared with the structured
// page's title at the same start.

// flatten does to a page what the site's scraper does: the title line stays
// on its own, then a blank line, then every other non-blank line of the page
// joined by one space, and a final newline. The site does not show front
// matter; a page that has some keeps it above the title, as podgen's
// flattened pages do. ok is false for a page with no title line to keep.
func flatten(page string) (flat string, ok bool) {
	page = strings.ReplaceAll(strings.TrimPrefix(page, "\ufeff"), "\r\n", "\n")
	lines := strings.Split(strings.TrimRight(page, "\n"), "\n")
	head := 0 // lines kept as they are: the front matter, then the title
	if lines[0] == "---" {
		for i := 1; i < len(lines); i++ {
			if lines[i] == "---" {
				head = i + 1
				break
			}
		}
	}
	if head >= len(lines) || !strings.HasPrefix(lines[head], "# ") {
		return "", false
	}
	head++
	var body []string
	for _, l := range lines[head:] {
		if strings.TrimSpace(l) != "" {
			body = append(body, l)
		}
	}
	return strings.Join(lines[:head], "\n") + "\n\n" + strings.Join(body, " ") + "\n", true
}

// TestFlattenIsTheScrapers: flatten gives the shared collapsed pages byte
// for byte from the structured pages of the same name.
func TestFlattenIsTheScrapers(t *testing.T) {
	pairs := [][2]string{
		{"examples/clean.md", "examples/collapsed.md"},
		{"examples/leaked-json.md", "examples/leaked-json.collapsed.md"},
	}
	collapsed, _ := filepath.Glob(sharedtest.Path("samples", "collapsed", "*.md"))
	for _, c := range collapsed {
		pairs = append(pairs, [2]string{"samples/" + filepath.Base(c), "samples/collapsed/" + filepath.Base(c)})
	}
	for _, p := range pairs {
		structured, want := sharedtest.Read(t, p[0]), sharedtest.Read(t, p[1])
		got, ok := flatten(string(structured))
		if !ok || got != string(want) {
			t.Errorf("flatten(%s) is not %s:\n%s", p[0], p[1], Unified(p[1], want, []byte(got)))
		}
	}
}

// The modes and sources of the evaluation, in the order they are reported.
var (
	evalModes   = []string{"safe", "unsafe"}
	evalSources = []string{"own", "testdata", "podgen", "shared"}
)

// restoreTally counts chapter headings by how they came back.
type restoreTally struct {
	Exact int // title equal to the structured page's
	Whole int // title and body still on the heading line (or the page not restored)
	Wrong int // cut in the wrong place, or lost
}

func (t restoreTally) total() int { return t.Exact + t.Whole + t.Wrong }

func (t *restoreTally) add(o restoreTally) {
	t.Exact += o.Exact
	t.Whole += o.Whole
	t.Wrong += o.Wrong
}

// exactShare is the share of headings that came back exactly, 0 to 1.
func (t restoreTally) exactShare() float64 { return float64(t.Exact) / float64(max(t.total(), 1)) }

func (t restoreTally) String() string {
	return fmt.Sprintf("%d of %d exact (%.1f%%), %d left whole, %d cut wrongly",
		t.Exact, t.total(), 100*t.exactShare(), t.Whole, t.Wrong)
}

// wrongCut is a heading that did not come back exactly: cut in the wrong
// place, or left whole.
type wrongCut struct {
	page, start, truth, got string
}

// restoreEval is the evaluation's outcome.
type restoreEval struct {
	// tally by mode, then by source.
	tally map[string]map[string]*restoreTally
	// wrong cuts and headings left whole, by mode.
	wrong, whole map[string][]wrongCut
	// problems that fail the evaluation whatever the numbers: a fixer
	// error on a flattened page, a word lost.
	problems []string
	// unlike lists, by mode, the pages whose flattened form's repair leaves
	// other findings than the structured page's repair (collapsed-markdown
	// aside): reported, not asserted.
	unlike map[string][]string
	pages  map[string]int // pages evaluated by source
}

// total is mode's tally over every source.
func (e *restoreEval) total(mode string) restoreTally {
	var all restoreTally
	for _, s := range e.tally[mode] {
		all.add(*s)
	}
	return all
}

// source is mode's tally on one source.
func (e *restoreEval) source(mode, source string) restoreTally {
	if s := e.tally[mode][source]; s != nil {
		return *s
	}
	return restoreTally{}
}

var (
	evalOnce   sync.Once
	evalResult *restoreEval
	evalErr    error
)

// restoreEvaluation runs the evaluation once per test binary and returns its
// outcome: every test that asserts on the numbers shares one run, as in
//
//	if got := restoreEvaluation(t).total("unsafe"); got.exactShare() < 0.97 {
//		t.Errorf("unsafe restore: %v", got)
//	}
func restoreEvaluation(t *testing.T) *restoreEval {
	t.Helper()
	evalOnce.Do(func() {
		var pages []evalPage
		pages, evalErr = evalPages(t.TempDir())
		if evalErr == nil {
			evalResult = evaluate(pages)
		}
	})
	if evalErr != nil {
		t.Fatal(evalErr)
	}
	return evalResult
}

// TestRestoreEvaluation reports the three numbers per mode and source, and
// fails on any wrong cut by the safe fixes, any fixer error and any word
// lost. The thresholds on the exact rate and on the unsafe mode are asserted
// beside it, from restoreEvaluation.
func TestRestoreEvaluation(t *testing.T) {
	racetest.Skip(t)
	e := restoreEvaluation(t)
	for _, mode := range evalModes {
		for _, source := range evalSources {
			if e.pages[source] > 0 {
				t.Logf("%-6s %-8s %3d pages: %v", mode, source, e.pages[source], e.source(mode, source))
			}
		}
		t.Logf("%-6s all: %v", mode, e.total(mode))
	}
	for _, mode := range evalModes {
		for _, u := range e.unlike[mode] {
			t.Log(u)
		}
	}
	for _, mode := range evalModes {
		for _, w := range e.whole[mode] {
			t.Logf("%s left whole: %s [%s] %.100q", mode, w.page, w.start, w.got)
		}
	}
	for _, w := range e.wrong["unsafe"] {
		t.Logf("unsafe cut wrongly: %s [%s]\n\twant %q\n\t got %q", w.page, w.start, w.truth, w.got)
	}
	for _, w := range e.wrong["safe"] {
		t.Errorf("safe fix cut wrongly: %s [%s]\n\twant %q\n\t got %q", w.page, w.start, w.truth, w.got)
	}
	for _, p := range e.problems {
		t.Error(p)
	}
	if e.pages["own"] < 12 || e.pages["testdata"] == 0 || e.pages["podgen"] == 0 {
		t.Errorf("too few pages evaluated: %v", e.pages)
	}
}

// evalPage is a structured page of the evaluation.
type evalPage struct {
	source, name, text string
}

// evalPages gathers the structured pages: the restore fixtures written for
// this evaluation, every other Markdown page and fixed output under
// testdata, a podgen corpus, and the shared samples and examples when they
// are there (less the two collapsed samples, which restore was tuned on).
func evalPages(tmp string) ([]evalPage, error) {
	var pages []evalPage
	seen := map[string]bool{}
	add := func(source string, paths ...string) error {
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !seen[string(src)] {
				seen[string(src)] = true
				pages = append(pages, evalPage{source, p, string(src)})
			}
		}
		return nil
	}
	own, _ := filepath.Glob("../testdata/restore/*.md")
	if err := add("own", own...); err != nil {
		return nil, err
	}
	var fixtures []string
	for _, pattern := range []string{"*/*.md", "*/*/*.md", "*/*/*.md.fixed", "*/*.md.to-md"} {
		p, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		fixtures = append(fixtures, p...)
	}
	// Not the pages restore itself reads or writes: flattened inputs and
	// their restored outputs are no truth to measure it by.
	notTruth := []string{"restore", filepath.Join("fixers", "restore-lines"), filepath.Join("rules", "collapsed-markdown")}
	fixtures = slices.DeleteFunc(fixtures, func(p string) bool {
		rel, _ := filepath.Rel(filepath.Join("..", "testdata"), filepath.Dir(p))
		return slices.Contains(notTruth, rel)
	})
	if err := add("testdata", fixtures...); err != nil {
		return nil, err
	}
	generated, err := podgenPages(tmp)
	if err != nil {
		return nil, err
	}
	pages = append(pages, generated...)
	samples, _ := filepath.Glob(sharedtest.Path("samples", "*.md"))
	samples = slices.DeleteFunc(samples, func(p string) bool {
		_, err := os.Stat(sharedtest.Path("samples", "collapsed", filepath.Base(p)))
		return err == nil
	})
	examples, _ := filepath.Glob(sharedtest.Path("examples", "*.md"))
	examples = slices.DeleteFunc(examples, func(p string) bool { return strings.Contains(filepath.Base(p), "collapsed") })
	if err := add("shared", append(samples, examples...)...); err != nil {
		return nil, err
	}
	return pages, nil
}

// buildPodgen builds the podgen command into dir and returns its path.
func buildPodgen(dir string) (string, error) {
	bin := filepath.Join(dir, "podgen")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/podgen").CombinedOutput(); err != nil {
		return "", fmt.Errorf("building podgen: %w\n%s", err, out)
	}
	return bin, nil
}

// podgenPages generates a corpus with podgen (a command, so it is built and
// run, in dir) with a few seeds and the usual share of defects.
func podgenPages(dir string) ([]evalPage, error) {
	bin, err := buildPodgen(dir)
	if err != nil {
		return nil, err
	}
	var pages []evalPage
	for _, seed := range []string{"11", "12", "13"} {
		corpus := filepath.Join(dir, seed)
		if out, err := exec.Command(bin, "-n", "16", "-seed", seed, "-o", corpus).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("podgen: %w\n%s", err, out)
		}
		names, _ := filepath.Glob(filepath.Join(corpus, "*.md"))
		for _, n := range names {
			src, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			pages = append(pages, evalPage{"podgen", "podgen-seed" + seed + "/" + filepath.Base(n), string(src)})
		}
	}
	return pages, nil
}

// evaluate flattens and fixes every page that has chapters to compare, a
// few pages at a time.
func evaluate(pages []evalPage) *restoreEval {
	results := make([]pageResult, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = evaluatePage(pages[i])
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()

	e := &restoreEval{tally: map[string]map[string]*restoreTally{}, wrong: map[string][]wrongCut{}, whole: map[string][]wrongCut{}, unlike: map[string][]string{}, pages: map[string]int{}}
	for _, mode := range evalModes {
		e.tally[mode] = map[string]*restoreTally{}
	}
	for i, r := range results {
		e.problems = append(e.problems, r.problems...)
		if !r.evaluated {
			continue
		}
		source := pages[i].source
		e.pages[source]++
		for _, mode := range evalModes {
			if e.tally[mode][source] == nil {
				e.tally[mode][source] = &restoreTally{}
			}
			e.tally[mode][source].add(r.tally[mode])
			e.wrong[mode] = append(e.wrong[mode], r.wrong[mode]...)
			e.whole[mode] = append(e.whole[mode], r.whole[mode]...)
			if r.unlike[mode] != "" {
				e.unlike[mode] = append(e.unlike[mode], r.unlike[mode])
			}
		}
	}
	return e
}

// pageResult is the evaluation of one page.
type pageResult struct {
	evaluated bool
	tally     map[string]restoreTally
	wrong     map[string][]wrongCut
	whole     map[string][]wrongCut
	unlike    map[string]string
	problems  []string
}

// evaluatePage flattens a structured page, fixes it in each mode and
// compares the chapter titles that come back with the structured page's. The
// structured page's own repair is the reference: its titles (as the safe
// fixes leave them) are the truth, and the flattened page's repair in the
// same mode must keep all of its words. A page whose headings are no truth
// (it has none, one without a title, or one that collapsed-markdown takes
// for a title with its paragraph glued on) is not evaluated.
func evaluatePage(p evalPage) pageResult {
	r := pageResult{tally: map[string]restoreTally{}, wrong: map[string][]wrongCut{}, whole: map[string][]wrongCut{}, unlike: map[string]string{}}
	flat, ok := flatten(p.text)
	if !ok {
		return r
	}
	structured := []byte(strings.ReplaceAll(strings.TrimPrefix(p.text, "\ufeff"), "\r\n", "\n"))
	if doc := schema.Read(p.name, structured); doc.Episode.Collapsed != nil || len(doc.Episode.Chapters) == 0 {
		return r
	}
	refs := map[string]*Outcome{}
	for _, mode := range evalModes {
		ref, err := Run(p.name, structured, Options{Config: rules.DefaultConfig(), Unsafe: mode == "unsafe"})
		if err != nil {
			r.problems = append(r.problems, fmt.Sprintf("%s (%s, structured): %v", p.name, mode, err))
			return r
		}
		refs[mode] = ref
	}
	if !trueHeadings(refs["safe"]) {
		return r
	}
	r.evaluated = true
	truth := headingTitles(refs["safe"].Doc)
	for _, mode := range evalModes {
		out, err := Run(p.name, []byte(flat), Options{Config: rules.DefaultConfig(), Unsafe: mode == "unsafe"})
		if err != nil {
			r.problems = append(r.problems, fmt.Sprintf("%s (%s, flattened): %v", p.name, mode, err))
			r.tally[mode] = restoreTally{Whole: len(truth)}
			continue
		}
		r.tally[mode], r.wrong[mode], r.whole[mode] = compareTitles(p.name, truth, out.Doc)
		if lost := lostWords(withoutTimes(refs[mode].Src), withoutTimes(out.Src), nil); len(lost) > 0 {
			r.problems = append(r.problems, fmt.Sprintf("%s (%s): words lost from the flattened page: %q", p.name, mode, lost))
		}
		if want, got := findingCounts(refs[mode].Remaining), findingCounts(out.Remaining); want != got {
			r.unlike[mode] = fmt.Sprintf("%s (%s): the structured page's repair leaves [%s], the flattened page's [%s]", p.name, mode, want, got)
		}
	}
	return r
}

// findingCounts lists the rules of diags with their counts, collapsed-markdown
// aside.
func findingCounts(diags []rules.Diagnostic) string {
	count := map[string]int{}
	for _, d := range diags {
		if d.Rule != "collapsed-markdown" {
			count[d.Rule]++
		}
	}
	var out []string
	for r, n := range count {
		out = append(out, fmt.Sprintf("%s×%d", r, n))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// trueHeadings: the repaired structured page's headings can serve as truth.
func trueHeadings(ref *Outcome) bool {
	for _, d := range ref.Remaining {
		if d.Rule == "collapsed-markdown" {
			return false
		}
	}
	for _, c := range ref.Doc.Episode.Chapters {
		if strings.TrimSpace(c.Title.Value) == "" {
			return false
		}
	}
	return len(ref.Doc.Episode.Chapters) > 0
}

// headingKey names a chapter by its start and, for a start that repeats,
// its rank among the chapters with that start.
type headingKey struct {
	start int // seconds, -1 when the time does not read
	rank  int
}

// heading is a chapter heading as read back.
type heading struct {
	title string
	// cut: a paragraph opens the chapter, so the heading line was split
	// from it (a heading left whole holds all the text up to the next quote,
	// heading or bullet).
	cut bool
}

func headingTitles(doc *schema.Document) map[headingKey]heading {
	out := map[headingKey]heading{}
	for _, c := range doc.Episode.Chapters {
		k := headingKey{start: -1}
		if c.Start.Valid {
			k.start = c.Start.Seconds
		}
		for {
			if _, dup := out[k]; !dup {
				break
			}
			k.rank++
		}
		out[k] = heading{strings.TrimSpace(c.Title.Value), len(c.Blocks) > 0 && c.Blocks[0].Kind == schema.Paragraph}
	}
	return out
}

// compareTitles sorts each heading of the truth by how it came back in got:
// exact, left whole (its title and the text after it, uncut), or cut
// wrongly (anything else, a missing heading included).
func compareTitles(page string, truth map[headingKey]heading, got *schema.Document) (t restoreTally, wrong, whole []wrongCut) {
	if got.Episode.Collapsed != nil {
		t.Whole = len(truth)
		return t, nil, []wrongCut{{page: page, start: "*", got: "(the page is still flattened)"}}
	}
	titles := headingTitles(got)
	keys := make([]headingKey, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].start != keys[j].start {
			return keys[i].start < keys[j].start
		}
		return keys[i].rank < keys[j].rank
	})
	for _, k := range keys {
		want := truth[k].title
		h, found := titles[k]
		switch {
		case found && h.title == want:
			t.Exact++
		case found && strings.HasPrefix(h.title, want+" ") && !h.cut:
			t.Whole++
			whole = append(whole, wrongCut{page, schema.FormatTimestamp(max(k.start, 0)), want, h.title})
		default:
			got := h.title
			if !found {
				got = "(no heading at this start)"
			}
			t.Wrong++
			wrong = append(wrong, wrongCut{page, schema.FormatTimestamp(max(k.start, 0)), want, got})
		}
	}
	return t, wrong, whole
}

// times are timestamps in either form, [12:05] or the pipeline's [12, 5]:
// a repair may turn one into the other, which loses no word.
var times = regexp.MustCompile(`\[\d+(:\d+)+\]|\[\d+, \d+\]`)

func withoutTimes(src []byte) []byte { return times.ReplaceAll(src, []byte("[]")) }

func TestFlatten(t *testing.T) {
	tests := []struct{ page, want string }{
		{"# T\n\nSum.\n\n## [00:00] A\n\nBody one\nand two.\n\n> *\"Q.\"* [00:05]\n\n## Entities\n\n- **N** (Person): D.\n- **M** (Place): E.\n",
			"# T\n\nSum. ## [00:00] A Body one and two. > *\"Q.\"* [00:05] ## Entities - **N** (Person): D. - **M** (Place): E.\n"},
		{"\ufeff---\r\nslug: t\r\n---\r\n# T\r\n\r\nSum.\r\n\r\n## [00:00] A\r\n", "---\nslug: t\n---\n# T\n\nSum. ## [00:00] A\n"},
		{"Sum.\n\n## [00:00] A\n", ""},
	}
	for _, tt := range tests {
		if got, _ := flatten(tt.page); got != tt.want {
			t.Errorf("flatten(%q)\n got %q\nwant %q", tt.page, got, tt.want)
		}
	}
}

// TestCompareTitles: a heading comes back exact, whole (title and all the
// text after it, uncut) or wrong (cut short, cut inside the body, missing).
func TestCompareTitles(t *testing.T) {
	truth := headingTitles(schema.Read("p.md", []byte("# T\n\n## [00:00] Cold open\n\nAda opens.\n\n## [01:00] Maps\n\nBo maps.\n\n## [02:00] Tides\n\nCy sails.\n\n## [03:00] Ends\n\nDi ends.\n")))
	got := schema.Read("p.md", []byte("# T\n\n## [00:00] Cold open\n\nAda opens.\n\n## [01:00] Maps Bo maps.\n\n## [02:00] Tides Cy\n\nsails.\n\n## [04:00] Ends\n\nDi ends.\n"))
	tally, wrong, whole := compareTitles("p.md", truth, got)
	if tally != (restoreTally{Exact: 1, Whole: 1, Wrong: 2}) {
		t.Errorf("tally %+v, want 1 exact, 1 whole, 2 wrong", tally)
	}
	if len(wrong) != 2 || wrong[0].start != "02:00" || wrong[0].got != "Tides Cy" || wrong[1].start != "03:00" {
		t.Errorf("wrong cuts %+v", wrong)
	}
	if len(whole) != 1 || whole[0].start != "01:00" || whole[0].got != "Maps Bo maps." {
		t.Errorf("left whole %+v", whole)
	}
}
