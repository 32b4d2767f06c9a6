package rules

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

const fixtures = "../testdata/rules"

// render writes findings as the CLI does, without the file name.
func render(doc *schema.Document, ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		pos := doc.Lines.Position(d.Span.Start)
		fmt.Fprintf(&b, "%d:%d: %s %s: %s\n", pos.Line, pos.Column, d.Severity, d.Rule, d.Message)
		for _, r := range d.Related {
			rp := doc.Lines.Position(r.Span.Start)
			fmt.Fprintf(&b, "    %d:%d: note: %s\n", rp.Line, rp.Column, r.Message)
		}
	}
	return b.String()
}

// TestGolden runs every rule on every fixture and compares the findings with
// the .golden file beside it: a missing or an unexpected finding fails.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(fixtures, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]bool{}
	optionSet := map[AnyOption]bool{}
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") || strings.HasSuffix(in, optionsSuffix) || isTranscript(in) {
			continue
		}
		rel, _ := filepath.Rel(fixtures, in)
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc := schema.Read(filepath.Base(in), src)
			cfg := fixtureConfig(t, in)
			ds := Run(doc, cfg)
			dir := filepath.Base(filepath.Dir(in))
			for _, d := range ds {
				if d.Rule == dir {
					fired[dir] = true
				}
			}
			got := render(doc, ds)
			if cfg.Options != nil {
				// Options that change nothing on their fixture test nothing.
				if got == render(doc, Run(doc, withTranscript(DefaultConfig(), cfg.Transcript))) {
					t.Errorf("%s%s changes no finding", in, optionsSuffix)
				}
				for _, o := range Lookup(dir).Options {
					if _, ok := cfg.Options[o]; ok {
						optionSet[o] = true
					}
				}
			}
			golden := in + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden file (run go test ./rules -update and review it): %v", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s\n--- want\n%s--- got\n%s", golden, want, got)
			}
		})
	}
	for _, r := range All() {
		if !fired[r.Name] {
			t.Errorf("rule %s: no fixture in %s/%s makes it fire", r.Name, fixtures, r.Name)
		}
		for _, o := range r.Options {
			if !optionSet[o] {
				t.Errorf("rule %s: no fixture in %s/%s sets option %s (a PAGE%s beside the page)", r.Name, fixtures, r.Name, o.Spec().Name, optionsSuffix)
			}
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(fixtures, "*"))
	for _, d := range dirs {
		if Lookup(filepath.Base(d)) == nil {
			t.Errorf("%s is named after no rule: a new rule goes in the list all in rule.go", d)
		}
	}
}

// optionsSuffix names a fixture's options: FIXTURE.options.yaml holds rule
// options as a config file's rules section writes them, and the fixture
// runs with them.
const optionsSuffix = ".options.yaml"

// fixtureConfig is the config a fixture runs with: the defaults, and the
// options beside it if any.
func fixtureConfig(t *testing.T, fixture string) *Config {
	t.Helper()
	cfg := withTranscript(DefaultConfig(), fixtureTranscript(t, fixture))
	src, err := os.ReadFile(fixture + optionsSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg
	}
	if err != nil {
		t.Fatal(err)
	}
	y := schema.ReadYAML(fixture+optionsSuffix, src)
	section, ok := y.Doc.Instance.(map[string]any)
	if len(y.Problems) > 0 || !ok {
		t.Fatalf("%s%s: not a map of rules to options: %v", fixture, optionsSuffix, y.Problems)
	}
	cfg.Options = OptionValues{}
	if err := cfg.Options.Set(section); err != nil {
		t.Fatalf("%s%s: %v", fixture, optionsSuffix, err)
	}
	return cfg
}

func TestSelect(t *testing.T) {
	names := func(rs []*Rule) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		enable, disable []string
		want            string
		err             string
	}{
		{enable: []string{"timing"}, want: "chapter-order,chapter-start,quote-out-of-range,timestamp-format"},
		{enable: []string{"timing", "schema"}, disable: []string{"chapter-start"}, want: "chapter-order,quote-out-of-range,schema,timestamp-format"},
		{enable: []string{"entity-type"}, want: "entity-type"},
		{disable: []string{"structure", "timing", "style", "schema", "content", "grounding", "suppressions"}, want: "duplicate-entity,entity-format,entity-type"},
		{enable: []string{"no-such-rule"}, err: `unknown rule or category "no-such-rule"`},
		{disable: []string{"Timing"}, err: `unknown rule or category "Timing"`},
	}
	for _, tt := range tests {
		got, err := Select(tt.enable, tt.disable)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Select(%v, %v) error = %v, want %q", tt.enable, tt.disable, err, tt.err)
			}
			continue
		}
		if err != nil || names(got) != tt.want {
			t.Errorf("Select(%v, %v) = %s, %v; want %s", tt.enable, tt.disable, names(got), err, tt.want)
		}
	}
	if all, _ := Select(nil, nil); len(all) != len(All()) {
		t.Errorf("Select(nil, nil) selects %d rules, want all %d", len(all), len(All()))
	}
}

func TestValidateRegistry(t *testing.T) {
	good := *orphanHeading
	tests := []struct {
		name   string
		mutate func(r *Rule)
		want   string
	}{
		{"upper-case name", func(r *Rule) { r.Name = "Orphan" }, "kebab-case"},
		{"no category", func(r *Rule) { r.Category = "misc" }, "unknown category"},
		{"no severity", func(r *Rule) { r.Severity = 0 }, "no default severity"},
		{"no example", func(r *Rule) { r.Good = "" }, "both examples"},
		{"no run", func(r *Rule) { r.Run = nil }, "no run function"},
	}
	for _, tt := range tests {
		r := good
		tt.mutate(&r)
		if err := validate([]*Rule{&r}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: validate = %v, want %q", tt.name, err, tt.want)
		}
	}
	if err := validate([]*Rule{&good, &good}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate rule: validate = %v", err)
	}
	if err := validate(all); err != nil {
		t.Errorf("registry: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2873: "2,873", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCommonWords(t *testing.T) {
	for _, tc := range []struct {
		a, b []uint64
		want int
	}{
		{nil, []uint64{1}, 0},
		{[]uint64{1, 2, 3}, []uint64{1, 2, 3}, 3},
		{[]uint64{1, 1, 2}, []uint64{1, 2, 2}, 2}, // a repeat counts as often as both have it
		{[]uint64{1, 1, 1}, []uint64{1, 1}, 2},
		{[]uint64{1, 3, 5}, []uint64{2, 4, 6}, 0},
	} {
		if got := common(tc.a, tc.b); got != tc.want {
			t.Errorf("common(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSeenThroughRelatedOnce: on a flattened page, the place several
// findings point at (the leaked JSON every empty chapter may have lost its
// content to) is mapped back to the file once for each finding, not once
// for every finding that shares it: each note points where the leaked-json
// finding does. (It once moved back further with each finding sharing it.)
func TestSeenThroughRelatedOnce(t *testing.T) {
	page := "# Night Shift at the Observatory — Teo Varga\n\n" +
		"Astronomer Teo Varga on a winter of night shifts and the comet that nearly slipped past. " +
		"## [00:00] Cold open Teo describes the first night the dome froze shut. " +
		`> *"The dome froze shut at minus twenty."* [00:15] ` +
		`> *{'start': 260.0, 'summary': 'A faint smudge on one frame turned out to be a comet.', 'quotes': []}* ` +
		"## [04:20] The comet ## [09:10] The second frame ## [15:00] The report " +
		"## Entities - **Teo Varga** (Person): Night-shift astronomer.\n"
	ds := Run(schema.Read("flat.md", []byte(page)), DefaultConfig())
	leaked, notes := -1, 0
	for _, d := range ds {
		if d.Rule == "leaked-json" {
			leaked = d.Span.Start
		}
	}
	for _, d := range ds {
		if d.Rule != "orphan-heading" {
			continue
		}
		if !d.SeenThrough || len(d.Related) != 1 {
			t.Fatalf("orphan-heading %+v: want one related place, seen through the restored page", d)
		}
		if got := d.Related[0].Span.Start; got != leaked {
			t.Errorf("%s: its note points at byte %d, the leaked JSON is at %d", d.Message, got, leaked)
		}
		notes++
	}
	if leaked < 0 || notes < 3 {
		t.Fatalf("leaked-json at %d and %d orphan-heading notes: the page does not test the shared place", leaked, notes)
	}
}

// TestEntityTypeMessageQuotes: the message of a type in the wrong case
// quotes the type and the name as %q does, whatever they hold.
func TestEntityTypeMessageQuotes(t *testing.T) {
	for _, name := range []string{"Ada Pemberton", `Ada "the" Cartographer`, "Zoë \u202e Ng", "Tab\there", "bad \xff byte", "🎉 Party"} {
		page := "# Maps — Ada\n\nA summary.\n\n## [00:00] Cold open\n\nAda opens.\n\n## Entities\n\n- **" + name + "** (person): A guest.\n"
		var got []string
		for _, d := range Run(schema.Read("types.md", []byte(page)), DefaultConfig()) {
			if d.Rule == entityType.Name {
				got = append(got, d.Message)
			}
		}
		want := fmt.Sprintf("entity type %q of %q is not capitalized: write %q", "person", name, "Person")
		if len(got) != 1 || got[0] != want {
			t.Errorf("name %q: entity-type says %q, want [%q]", name, got, want)
		}
	}
}
