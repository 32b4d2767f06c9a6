package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/podlint/podlint/rules"
)

// TestConfigSchemaKnowsEveryRule checks the config schema podlint builds
// from the registry: a setting per rule, with the options the rule
// declares and none other, and every rule and category name for select
// and ignore.
func TestConfigSchemaKnowsEveryRule(t *testing.T) {
	text, err := configSchemaText()
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties struct {
			Rules struct {
				Properties map[string]struct {
					Ref   string `json:"$ref"`
					OneOf []struct {
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"oneOf"`
				} `json:"properties"`
			} `json:"rules"`
		} `json:"properties"`
		Defs struct {
			Names struct {
				Items struct {
					Enum []string `json:"enum"`
				} `json:"items"`
			} `json:"names"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(text, &s); err != nil {
		t.Fatal(err)
	}
	var want, inRules []string
	for _, r := range rules.All() {
		want = append(want, r.Name)
		setting, ok := s.Properties.Rules.Properties[r.Name]
		if !ok {
			continue
		}
		var keys []string
		if len(setting.OneOf) == 2 {
			for k := range setting.OneOf[1].Properties {
				keys = append(keys, k)
			}
		}
		declared := []string{"severity"}
		for _, o := range r.Options {
			declared = append(declared, o.Spec().Name)
		}
		sort.Strings(keys)
		sort.Strings(declared)
		switch {
		case len(r.Options) == 0 && setting.Ref != "#/$defs/setting":
			t.Errorf("rule %s has no options, but its setting is not $defs/setting", r.Name)
		case len(r.Options) > 0 && !slices.Equal(keys, declared):
			t.Errorf("rule %s: the schema allows %v, the rule declares %v", r.Name, keys, declared)
		}
	}
	for name := range s.Properties.Rules.Properties {
		inRules = append(inRules, name)
	}
	sort.Strings(inRules)
	if !slices.Equal(inRules, want) {
		t.Errorf("config schema rules: %v\nregistry: %v", inRules, want)
	}
	names := append(append([]string(nil), want...), rules.CategoryNames...)
	sort.Strings(names)
	names = slices.Compact(names) // schema is a rule and a category
	enum := append([]string(nil), s.Defs.Names.Items.Enum...)
	sort.Strings(enum)
	if !slices.Equal(enum, names) {
		t.Errorf("config schema names: %v\nwant: %v", enum, names)
	}
}

// TestInitConfigSetsEveryOption loads the config podlint init writes: it
// must pass the schema and set every option of every rule to its default,
// so each option's schema, its documentation line and its decoding agree.
func TestInitConfigSetsEveryOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".podlint.yaml")
	if err := os.WriteFile(path, []byte(defaultConfig()), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(path, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		for _, o := range r.Options {
			spec := o.Spec()
			got, ok := c.options[o]
			if !ok {
				t.Errorf("rules.%s.%s: not in the config podlint init writes", r.Name, spec.Name)
				continue
			}
			gotJSON, _ := json.Marshal(got)
			wantJSON, _ := json.Marshal(spec.Default)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("rules.%s.%s: podlint init writes %s, the default is %s", r.Name, spec.Name, gotJSON, wantJSON)
			}
		}
	}
}

func TestFlowYAML(t *testing.T) {
	for _, tc := range []struct {
		value any
		want  string
	}{
		{"auto", "auto"},
		{"hh:mm:ss", `"hh:mm:ss"`},
		{"no", `"no"`},
		{"Work in progress", "Work in progress"},
		{"", `""`},
		{0.9, "0.9"},
		{1.0, "1"},
		{true, "true"},
		{[]string{"Person", "Place"}, "[Person, Place]"},
		{[]string{}, "[]"},
	} {
		got := flowYAML(tc.value)
		if got != tc.want {
			t.Errorf("flowYAML(%#v) = %s, want %s", tc.value, got, tc.want)
		}
		var back map[string]any
		if err := yaml.Unmarshal([]byte("v: "+got), &back); err != nil {
			t.Errorf("flowYAML(%#v) = %s: not YAML: %v", tc.value, got, err)
		}
		wrote, _ := json.Marshal(tc.value)
		read, _ := json.Marshal(back["v"])
		if string(read) != string(wrote) {
			t.Errorf("flowYAML(%#v) = %s reads back as %s", tc.value, got, read)
		}
	}
}
