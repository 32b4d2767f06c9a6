package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestValidateOptions checks what the registry asks of an option, as
// TestValidateRegistry does for the rule itself.
func TestValidateOptions(t *testing.T) {
	good := func() *Option[[]string] {
		return &Option[[]string]{Name: "words", Doc: "The words.", Schema: `{"type": "array"}`, Default: []string{"a"}}
	}
	tests := []struct {
		name    string
		options func() []AnyOption
		want    string
	}{
		{"upper-case name", func() []AnyOption { o := good(); o.Name = "Words"; return []AnyOption{o} }, "kebab-case"},
		{"named severity", func() []AnyOption { o := good(); o.Name = "severity"; return []AnyOption{o} }, "not severity"},
		{"twice", func() []AnyOption { return []AnyOption{good(), good()} }, "declared twice"},
		{"no doc", func() []AnyOption { o := good(); o.Doc = ""; return []AnyOption{o} }, "doc must be one line"},
		{"two-line doc", func() []AnyOption { o := good(); o.Doc = "One.\nTwo."; return []AnyOption{o} }, "doc must be one line"},
		{"schema not JSON", func() []AnyOption { o := good(); o.Schema = `{type: array}`; return []AnyOption{o} }, "JSON object"},
		{"schema not an object", func() []AnyOption { o := good(); o.Schema = `true`; return []AnyOption{o} }, "JSON object"},
		{"default that does not encode", func() []AnyOption {
			return []AnyOption{&Option[func()]{Name: "hook", Doc: "d", Schema: `{}`, Default: func() {}}}
		}, "default"},
		{"default that does not read back", func() []AnyOption {
			return []AnyOption{&Option[hidden]{Name: "hidden", Doc: "d", Schema: `{}`, Default: hidden{n: 1}}}
		}, "does not read back"},
	}
	for _, tt := range tests {
		r := *orphanHeading
		r.Options = tt.options()
		if err := validate([]*Rule{&r}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: validate = %v, want %q", tt.name, err, tt.want)
		}
	}
	r := *orphanHeading
	r.Options = []AnyOption{good()}
	if err := validate([]*Rule{&r}); err != nil {
		t.Errorf("a good option: %v", err)
	}
}

// hidden encodes as {} whatever it holds: it cannot be configured.
type hidden struct{ n int }

func (h hidden) MarshalJSON() ([]byte, error) { return []byte(`{"n":` + itoa(h.n) + `}`), nil }

// TestOptionValuesSet reads options as a config file's rules section
// gives them, severities beside them.
func TestOptionValuesSet(t *testing.T) {
	values := OptionValues{}
	err := values.Set(map[string]any{
		"quote-style": "off",
		"entity-type": map[string]any{"severity": "error", "types": []any{"Person", "Vessel"}},
		"timestamp-format": map[string]any{
			"style": "hh:mm:ss",
		},
		"duplicate-intro": map[string]any{"similarity": 1.0},
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Options: values}
	if got := cfg.EntityTypes(); !slices.Equal(got, []string{"Person", "Vessel"}) {
		t.Errorf("types = %v", got)
	}
	if got := cfg.FormatTimestamp(65); got != "00:01:05" {
		t.Errorf("FormatTimestamp(65) = %q with style hh:mm:ss", got)
	}
	if got := introSimilarity.In(cfg); got != 1 {
		t.Errorf("similarity = %v", got)
	}
	defaults := DefaultConfig()
	if got := defaults.EntityTypes(); !slices.Equal(got, defaultEntityTypes) {
		t.Errorf("default types = %v", got)
	}
	if got := defaults.FormatTimestamp(65); got != "01:05" {
		t.Errorf("default FormatTimestamp(65) = %q", got)
	}
	if got := defaults.Value(introSimilarity); got != 0.9 {
		t.Errorf("default similarity = %v", got)
	}

	for _, tt := range []struct {
		section map[string]any
		want    string
	}{
		{map[string]any{"entity-type": map[string]any{"types": "Person"}}, "rules.entity-type.types: expected array, but got string"},
		{map[string]any{"duplicate-intro": map[string]any{"similarity": "high"}}, "rules.duplicate-intro.similarity: expected number, but got string"},
		{map[string]any{"entity-type": map[string]any{"style": "auto"}}, "rules.entity-type.style: not an option of this rule"},
		{map[string]any{"no-such-rule": map[string]any{"style": "auto"}}, "rules.no-such-rule: no such rule"},
	} {
		err := OptionValues{}.Set(tt.section)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Set(%v) = %v, want %q", tt.section, err, tt.want)
		}
	}
}
