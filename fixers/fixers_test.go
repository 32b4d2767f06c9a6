package fixers

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

const fixtures = "../testdata/fixers"

// TestGolden fixes every fixture with every rule and compares the result
// with the .fixed file and the diff with the .diff file beside it. Fixtures
// whose name holds ".unsafe." run with unsafe fixes. Every fixture must also
// be idempotent, and its diff must apply with git apply.
func TestGolden(t *testing.T) {
	used := map[string]bool{}
	eachFixture(t, func(t *testing.T, in, name string, src []byte, opts Options) {
		out, err := Run(name, src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if out.Applied[filepath.Base(filepath.Dir(in))] > 0 {
			used[filepath.Base(filepath.Dir(in))] = true
		}
		if filepath.Ext(name) == ".json" && out.Changed() {
			if _, _, err := schema.ParseJSON(out.Src); err != nil {
				t.Errorf("the fixed JSON does not parse: %v", err)
			}
		}
		diff := Unified(name, src, out.Src)
		compareGolden(t, in+".fixed", out.Src)
		compareGolden(t, in+".diff", []byte(diff))

		again, err := Run(name, out.Src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if again.Changed() {
			t.Errorf("not idempotent: fixing the fixed output changes it again:\n%s", Unified(name, out.Src, again.Src))
		}
		if diff != "" {
			if applied, err := applyUnified(src, diff); err != nil || !bytes.Equal(applied, out.Src) {
				t.Errorf("applyUnified disagrees with the fix (%v)", err)
			}
			// A subtest of its own: without git it is skipped, and
			// nothing else with it.
			t.Run("git-apply", func(t *testing.T) { checkGitApply(t, name, src, diff, out.Src) })
		}
	})
	for _, f := range all {
		if !used[f.Name] {
			t.Errorf("fixer %s: no fixture in %s/%s makes it apply", f.Name, fixtures, f.Name)
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(fixtures, "*"))
	for _, d := range dirs {
		if !slices.ContainsFunc(all, func(f *Fixer) bool { return f.Name == filepath.Base(d) }) {
			t.Errorf("%s is named after no fixer: a new fixer goes in the list all in fixer.go", d)
		}
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file (run go test ./fixers -update and review it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// checkGitApply applies the diff to the original with git apply, as a user
// piping podlint fix into it would, and expects the fixed file.
func checkGitApply(t *testing.T, name string, before []byte, diff string, after []byte) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), before, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--unsafe-paths", "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\n%s", err, msg, diff)
	}
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, after) {
		t.Errorf("git apply gave\n%q\nwant\n%q", got, after)
	}
}

// fakeFixer builds a test fixer answering rule with make.
func fakeFixer(name, rule string, make func(*schema.Document, *rules.Config, rules.Diagnostic) *Fix) *Fixer {
	return &Fixer{Name: name, Answers: []string{rule}, Title: "t", Doc: "d", Before: "b", After: "a", Make: make}
}

const page = "# Tide Pools\n\nA summary of the tide pool episode here.\n\n## [5:07] Cold open\n\nInes kneels on wet rock.\n"

func TestContentGuard(t *testing.T) {
	greedy := fakeFixer("greedy", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		// Rewrites the timestamp and, wrongly, drops the chapter's prose.
		i := bytes.Index(doc.Src, []byte("Ines kneels"))
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}, {Start: i, End: i + len("Ines kneels")}},
			Removed: []string{"5:07"}}
	})
	_, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{greedy}})
	var fe *FixerError
	if !errors.As(err, &fe) || fe.Fixer != "greedy" || !strings.Contains(err.Error(), "content guard") || !strings.Contains(err.Error(), "ines kneels") {
		t.Fatalf("err = %v, want a content guard error naming greedy and the lost words", err)
	}
}

func TestLoopIsReported(t *testing.T) {
	// Two fixers that undo each other: [5:07] -> [05:07] is canonical, so
	// make one that writes it back out of form on a clean page.
	flip := fakeFixer("flip", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}}, Removed: []string{"5:07"}}
	})
	flop := fakeFixer("flop", "chapter-start", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "5:07"}}, Removed: []string{"05:07"}}
	})
	_, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{flip, flop}})
	var fe *FixerError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "recreates an earlier state") || !strings.Contains(fe.Fixer, "flop") {
		t.Fatalf("err = %v, want a loop error naming flop", err)
	}
}

func TestInvalidEditsAreAFixerBug(t *testing.T) {
	wild := fakeFixer("wild", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: 0, End: len(doc.Src) + 10}}}
	})
	overlapping := fakeFixer("overlapping", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: 2, End: 8}, {Start: 5, End: 9}}}
	})
	for _, f := range []*Fixer{wild, overlapping} {
		_, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{f}})
		var fe *FixerError
		if !errors.As(err, &fe) || fe.Fixer != f.Name {
			t.Errorf("%s: err = %v, want a FixerError", f.Name, err)
		}
	}
}

func TestConflictingFixesWaitAPass(t *testing.T) {
	// Both fixes touch offset 0: the second must wait for the next pass,
	// where it no longer applies because the first already did the work.
	calls := 0
	prefix := fakeFixer("prefix", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		calls++
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}}, Removed: []string{"5:07"}}
	})
	out, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{prefix, canonicalTimestamp}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Src, []byte("## [05:07] Cold open")) || out.Passes != 1 || calls != 1 {
		t.Errorf("passes %d, calls %d, result:\n%s", out.Passes, calls, out.Src)
	}
	if merged := merge([]*Fix{
		{Edits: []Edit{{Start: 0, End: 2, New: "x"}}},
		{Edits: []Edit{{Start: 2, End: 3}}},
		{Edits: []Edit{{Start: 4, End: 5}}},
	}); len(merged) != 2 || merged[1].Edits[0].Start != 4 {
		t.Errorf("merge kept %d fixes; touching edits must wait", len(merged))
	}
	// Deletions that only meet are one deletion; one that overlaps a
	// taken edit beyond the one it meets still waits.
	if merged := merge([]*Fix{
		{Edits: []Edit{{Start: 0, End: 2}}},
		{Edits: []Edit{{Start: 2, End: 3}}},
		{Edits: []Edit{{Start: 3, End: 6}}},
	}); len(merged) != 3 {
		t.Errorf("merge kept %d of 3 deletions that only meet", len(merged))
	}
	if merged := merge([]*Fix{
		{Edits: []Edit{{Start: 0, End: 2}}},
		{Edits: []Edit{{Start: 2, End: 4}, {Start: 10, End: 12}}},
		{Edits: []Edit{{Start: 3, End: 3, New: "x"}}},
	}); len(merged) != 2 {
		t.Errorf("merge kept %d fixes; an insertion inside a deletion must wait", len(merged))
	}
	if merged := merge([]*Fix{
		{Edits: []Edit{{Start: 5, End: 8}}},
		{Edits: []Edit{{Start: 8, End: 9}}},
		{Edits: []Edit{{Start: 2, End: 5}, {Start: 6, End: 7}}},
	}); len(merged) != 2 {
		t.Errorf("merge kept %d fixes; a fix overlapping the second of two taken deletions must wait", len(merged))
	}
}

func TestUnsafeFixesNeedTheFlag(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fixtures, "drop-duplicate-intro", "near-repeat.md"))
	if err != nil {
		t.Fatal(err)
	}
	safe, err := Run("p.md", src, Options{Config: rules.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	if safe.Changed() {
		t.Errorf("a near repeat was deleted without --unsafe-fixes")
	}
	i := slices.IndexFunc(safe.Remaining, func(d rules.Diagnostic) bool { return d.Rule == "duplicate-intro" })
	if i < 0 {
		t.Fatalf("the near repeat is not reported: %v", safe.Remaining)
	}
	if fix := Suggest(safe.Doc, rules.DefaultConfig(), safe.Remaining[i]); fix == nil || fix.Safety != Unsafe {
		t.Errorf("Suggest = %+v; want an unsafe fix", fix)
	}
}

func TestUnified(t *testing.T) {
	tests := []struct{ name, a, b, want string }{
		{"equal", "a\n", "a\n", ""},
		{"no final newline", "a\nb", "a\nc", "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"newline added", "a", "a\n", "--- a/f.md\n+++ b/f.md\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{"from empty", "", "a\n", "--- a/f.md\n+++ b/f.md\n@@ -0,0 +1 @@\n+a\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ny\n",
			"--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+y\n"},
		{"close changes merge", "1\n2\n3\n4\n5\n6\n7\n", "x\n2\n3\n4\n5\n6\ny\n",
			"--- a/f.md\n+++ b/f.md\n@@ -1,7 +1,7 @@\n-1\n+x\n 2\n 3\n 4\n 5\n 6\n-7\n+y\n"},
	}
	for _, tt := range tests {
		if got := Unified("./f.md", []byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

func TestValidateRegistry(t *testing.T) {
	good := *canonicalTimestamp
	bad := good
	bad.Answers = []string{"no-such-rule"}
	if err := validate([]*Fixer{&bad}); err == nil || !strings.Contains(err.Error(), "unknown rule") {
		t.Errorf("validate = %v, want unknown rule", err)
	}
	if err := validate([]*Fixer{&good, &good}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("validate = %v, want registered twice", err)
	}
	if err := validate(all); err != nil {
		t.Errorf("registry: %v", err)
	}
}

// TestGoldenCRLF fixes every fixture with its lines ended in CRLF: the
// result is the LF golden file with CRLF line ends, and no fix writes a
// bare LF into a CRLF file.
func TestGoldenCRLF(t *testing.T) {
	eachFixture(t, func(t *testing.T, in, name string, src []byte, opts Options) {
		want, err := os.ReadFile(in + ".fixed")
		if err != nil {
			t.Fatal(err)
		}
		out, err := Run(name, crlf(src), opts)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ReplaceAll(out.Src, []byte("\r\n"), nil), []byte("\n")) {
			t.Errorf("a bare LF in the fixed CRLF file:\n%q", out.Src)
		}
		if !bytes.Equal(out.Src, crlf(want)) {
			t.Errorf("CRLF result differs from the golden file in CRLF\n--- want\n%q\n--- got\n%q", crlf(want), out.Src)
		}
	})
}

// eachFixture runs fn as a subtest for every fixer fixture input (not its
// .fixed and .diff golden files), with its name, its bytes and the options
// it runs with: unsafe fixes when its name holds ".unsafe.".
func eachFixture(t *testing.T, fn func(t *testing.T, in, name string, src []byte, opts Options)) {
	t.Helper()
	inputs, err := filepath.Glob(filepath.Join(fixtures, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		if ext := filepath.Ext(in); ext == ".fixed" || ext == ".diff" || slices.Contains(transcript.Extensions, ext) {
			continue
		}
		rel, _ := filepath.Rel(fixtures, in)
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(in)
			fn(t, in, name, src, Options{Config: fixtureConfig(t, in), Unsafe: strings.Contains(name, ".unsafe.")})
		})
	}
}

// crlf ends every line of an LF text in CRLF.
func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// conflictPage has a leaked blob whose chapter title spells the guest's
// name wrong, as does the bare heading it belongs under: recover-leaked
// keeps the title (the heading carries it) while canonical-name, an unsafe
// fix, spells the heading's name right.
const conflictPage = "# Maps of the Coast: A Field Guide — Soren Marchetti\n\n" +
	"Soren Marchetti walks the coast with a chart and a pencil, and the show follows.\n\n" +
	"## [00:00] Cold open\n\nSoren Marchetti unrolls a chart on wet rock.\n\n" +
	"> *\"A chart is an argument about the coast.\"* — Soren Marchetti [00:14]\n\n" +
	"> *'\\n ]\\n },\\n {\\n ', 'title\": \"Tides and Charts With Soren Marcheoti', {'start': 30.0, " +
	"'summary': 'Soren compares the tide tables with the charts of the bay.', 'quotes': ['The bay moves faster than the charts.', [0, 35]]}*\n\n" +
	"## [00:30] Tides and Charts With Soren Marcheoti\n\n" +
	"## [01:00] Closing\n\nSoren Marchetti packs the charts away.\n\n" +
	"## Entities\n\n- **Soren Marchetti** (Person): The guest of the episode.\n"

// TestGuardedFixesWaitAPass: two fixes that each keep the content but
// together fail the content guard (a title kept as the heading has it, and
// the heading's name spelled right) are applied a pass apart, the fixer the
// guard named first.
func TestGuardedFixesWaitAPass(t *testing.T) {
	out, err := Run("p.md", []byte(conflictPage), Options{Config: rules.DefaultConfig(), Unsafe: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Applied["recover-leaked"] != 1 || out.Applied["canonical-name"] != 1 || len(out.Remaining) != 0 {
		t.Fatalf("applied %v, remaining %v", out.Applied, out.Remaining)
	}
	want := "## [00:30] Tides and Charts With Soren Marchetti\n\nSoren compares the tide tables with the charts of the bay.\n\n" +
		"> *\"The bay moves faster than the charts.\"* [00:35]\n\n## [01:00] Closing"
	if !strings.Contains(string(out.Src), want) || strings.Contains(string(out.Src), "Marcheoti") {
		t.Fatalf("fixed page:\n%s", out.Src)
	}
	// Safe fixes alone: the chapter comes back under the heading as it is.
	safe, err := Run("p.md", []byte(conflictPage), Options{Config: rules.DefaultConfig()})
	if err != nil || safe.Applied["recover-leaked"] != 1 || !strings.Contains(string(safe.Src), "## [00:30] Tides and Charts With Soren Marcheoti\n\nSoren compares") {
		t.Fatalf("safe fix: %v, applied %v:\n%s", err, safe.Applied, safe.Src)
	}
}

// TestLiarBesideAnHonestFix: a fix that fails the content guard alone is
// still reported when another fix shares its pass: the honest one goes
// alone, and the liar is named the pass after.
func TestLiarBesideAnHonestFix(t *testing.T) {
	const page = "# Tide Pools\n\nA summary of the tide pool episode here.\n\n## [5:07] Cold open\n\nInes kneels on wet rock.\n\n" +
		"## [06:00] Dawn\n\nThe hour before sunrise.\n"
	liar := fakeFixer("liar", "chapter-start", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		i := bytes.Index(doc.Src, []byte("Ines kneels on wet rock."))
		return &Fix{Edits: []Edit{{Start: i, End: i + len("Ines kneels on wet rock.")}}, Kept: []string{"Ines kneels on wet rock."}}
	})
	honest := fakeFixer("honest", "timestamp-format", func(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
		return &Fix{Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: "05:07"}}, Removed: []string{"5:07"}}
	})
	_, err := Run("p.md", []byte(page), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{liar, honest}})
	var fe *FixerError
	if !errors.As(err, &fe) || fe.Fixer != "liar" || !strings.Contains(err.Error(), "does not have it") {
		t.Fatalf("err = %v, want a content guard error naming liar", err)
	}
}

// TestPairAfterAnotherValue: in a JSON quotes list, a time pair takes the
// text before it only when nothing but the comma stands between them. A
// value between them that is no quote ([0]) would go with the edit: the
// finding is then reported with no fix, and fix leaves the list as it is.
// An adjacent text and pair in the same list are still joined.
func TestPairAfterAnotherValue(t *testing.T) {
	src := `{"title": "Hives — Mara Quill", "summary": "Mara on hives.", "chapters": [{"start": 0, "title": "Cold open", "summary": "Mara opens.",` +
		` "quotes": ["The queen rules nothing.", [0], [0, 12], "Bees vote.", [1, 5]]}]}`
	cfg := rules.DefaultConfig()
	var fixable, unfixable int
	for _, d := range rules.Run(schema.Read("episode.json", []byte(src)), cfg) {
		if d.Rule == "quote-fragment" {
			if d.Fix == rules.SafeFix {
				fixable++
			} else {
				unfixable++
			}
		}
	}
	if fixable != 1 || unfixable != 1 {
		t.Errorf("quote-fragment: %d findings with a safe fix, %d without; want one of each", fixable, unfixable)
	}
	out, err := Run("episode.json", []byte(src), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out.Src)
	if !strings.Contains(got, `"The queen rules nothing.", [0], [0, 12]`) || !strings.Contains(got, `{"text": "Bees vote.", "at": 65}`) {
		t.Errorf("fixed list:\n%s\nwant the first pair left and the second joined", got)
	}
	if out.Applied["attach-quote-timestamp"] != 1 {
		t.Errorf("applied %v, want attach-quote-timestamp once", out.Applied)
	}
}

// TestPairAttachesAlone: a time pair is joined to its quote only when the
// edit takes nothing but the pair: not a pair whose line goes on (a
// speaker, words), nor one after a JSON quote object (which would be
// written whole into the new one). Each is reported with no fix and left.
func TestPairAttachesAlone(t *testing.T) {
	md := "# Tide Pools — Ines Ferro\n\nInes on tide pools.\n\n## [00:00] Cold open\n\nInes kneels.\n\n"
	for name, src := range map[string]string{
		"speaker.md": md + "> *\"A tide pool is an ocean in your hands.\"*\n> *[0, 14]* — Mara Quill\n",
		"words.md":   md + "> *\"Bring a torch with a red filter.\"*\n> *[1, 5]* and then she laughed\n",
		"object.json": `{"title": "Tide Pools — Ines Ferro", "summary": "Ines on tide pools.", "chapters": [{"start": 0, "title": "Cold open",` +
			` "summary": "Ines kneels.", "quotes": [{"text": "A tide pool is an ocean."}, [0, 14]]}]}`,
	} {
		cfg := rules.DefaultConfig()
		for _, d := range rules.Run(schema.Read(name, []byte(src)), cfg) {
			if d.Rule == "quote-fragment" && d.Fix != rules.NoFix {
				t.Errorf("%s: quote-fragment states a fix: %s", name, d.Message)
			}
		}
		out, err := Run(name, []byte(src), Options{Config: cfg})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := out.Applied["attach-quote-timestamp"]; n != 0 {
			t.Errorf("%s: attach-quote-timestamp applied %d times:\n%s", name, n, out.Src)
		}
	}
}

// TestSentenceBreak: the repeated summary is cut off a paragraph only where
// a sentence ends beyond doubt.
func TestSentenceBreak(t *testing.T) {
	for _, tc := range []struct {
		head, tail string
		want       bool
	}{
		{"She keeps bees in Madrid.", "The hives sit on roofs.", true},
		{"She keeps bees in Madrid.", "3 hives sit on roofs.", true},
		{`She said "no."`, "Then she left.", true},
		{"She keeps bees (in Madrid.)", `"Hives," she says.`, true},
		{"Why bees?", "Because they stay.", true},
		{"Why bees?", "¿Por qué no?", true},
		{"Она держит пчёл.", "Ульи стоят на крышах.", true},
		{"她养蜂。", "蜂箱在屋顶上。", true},
		{"Before bees, she served in the U.S.", "Army for ten years.", false},
		{"She moved to Washington, D.C.", "Officials were not told.", false},
		{"She holds a Ph.D.", "Candidate no more.", false},
		{"She met Dr.", "Ruiz at noon.", false},
		{"She met Ruiz in Jan.", "Snow had fallen.", false},
		{"Her name is Ada J.", "Ruiz.", false},
		{"She waited...", "Then the bees came.", false},
		{"She waited…", "Then the bees came.", false},
		{"Why bees?", "she asked aloud.", false},
		{"She keeps bees in Madrid", "The hives sit on roofs.", false},
		{"She keeps bees in Madrid.", "and on roofs.", false},
		{"She keeps bees in Madrid.", "— on roofs.", false},
	} {
		if got := sentenceBreak(tc.head, tc.tail); got != tc.want {
			t.Errorf("sentenceBreak(%q, %q) = %v, want %v", tc.head, tc.tail, got, tc.want)
		}
	}
}
