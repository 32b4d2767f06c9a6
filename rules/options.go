package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Option is one setting a rule takes in the config file beside its
// severity, under rules.<rule>.<Name>, with a value of type T. A rule
// declares its options in its own file (as revive's rule.Configure and
// staticcheck's per-check options keep a check's knobs with the check);
// the config file's schema, podlint init, explain, the rule reference and
// the result cache's key are derived from the registry.
type Option[T any] struct {
	Name string // kebab-case, unique among the rule's options
	// Doc is one line: what the value changes. It is the comment podlint
	// init writes above the option and its line in explain.
	Doc string
	// Schema is the JSON Schema of the value, spliced into the config
	// file's schema: a config that gets it wrong is refused with the
	// file, line, column and key.
	Schema string
	// Default is the value when the config file does not set it.
	Default T
}

// AnyOption is an Option of any type, as a rule lists them.
type AnyOption interface {
	// Spec is the option's declaration, its default boxed.
	Spec() OptionSpec
	// Decode reads the option's value as a YAML or JSON decoder gives it
	// (string, float64, bool, []any, map[string]any); the result has the
	// option's type.
	Decode(raw any) (any, error)
}

// OptionSpec is an option's declaration without its type.
type OptionSpec struct {
	Name, Doc, Schema string
	Default           any
}

// Spec implements AnyOption.
func (o *Option[T]) Spec() OptionSpec {
	return OptionSpec{Name: o.Name, Doc: o.Doc, Schema: o.Schema, Default: o.Default}
}

// Decode implements AnyOption. The value goes through JSON into a T, so
// that a list of strings becomes a []string; the config schema has already
// refused a value of another shape.
func (o *Option[T]) Decode(raw any) (any, error) {
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var v T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		want, _ := json.Marshal(o.Default)
		return nil, fmt.Errorf("expected %s, but got %s", jsonKind(want), jsonKind(data))
	}
	return v, nil
}

// In is the option's value under c: what c's config file sets, else the
// default.
func (o *Option[T]) In(c *Config) T {
	if v, ok := c.Options[o]; ok {
		return v.(T)
	}
	return o.Default
}

// jsonKind names the JSON type of an encoded value, in the words of the
// schema validator's messages.
func jsonKind(data []byte) string {
	switch data = bytes.TrimSpace(data); {
	case len(data) == 0:
		return "nothing"
	case data[0] == '[':
		return "array"
	case data[0] == '{':
		return "object"
	case data[0] == '"':
		return "string"
	case data[0] == 't' || data[0] == 'f':
		return "boolean"
	case data[0] == 'n':
		return "null"
	}
	return "number"
}

// OptionValues are the options a config file sets; an option it does not
// hold has its default.
type OptionValues map[AnyOption]any

// Value is the value of o under c, set or default.
func (c *Config) Value(o AnyOption) any {
	if v, ok := c.Options[o]; ok {
		return v
	}
	return o.Spec().Default
}

// OptionError is an option of a config file that cannot be used.
type OptionError struct {
	Rule, Option string
	Err          error
}

func (e *OptionError) Error() string {
	if e.Option == "" {
		return "rules." + e.Rule + ": " + e.Err.Error()
	}
	return "rules." + e.Rule + "." + e.Option + ": " + e.Err.Error()
}

func (e *OptionError) Unwrap() error { return e.Err }

// Set reads the options a config file's rules section sets: rule name to
// its severity, or to a map of its severity and options, as a YAML or JSON
// decoder gives them. Severities are left to the caller. The first problem,
// in the order of rule and option names, is an *OptionError.
func (v OptionValues) Set(section map[string]any) error {
	for _, name := range sortedKeys(section) {
		settings, ok := section[name].(map[string]any)
		if !ok {
			continue // a severity alone
		}
		r := Lookup(name)
		if r == nil {
			return &OptionError{Rule: name, Err: errors.New("no such rule")}
		}
		for _, key := range sortedKeys(settings) {
			if key == "severity" {
				continue
			}
			o := optionNamed(r, key)
			if o == nil {
				return &OptionError{Rule: name, Option: key, Err: errors.New("not an option of this rule")}
			}
			value, err := o.Decode(settings[key])
			if err != nil {
				return &OptionError{Rule: name, Option: key, Err: err}
			}
			v[o] = value
		}
	}
	return nil
}

func optionNamed(r *Rule, name string) AnyOption {
	for _, o := range r.Options {
		if o.Spec().Name == name {
			return o
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validateOptions checks a rule's option declarations as validate checks
// the rule: a kebab-case name other than severity, used once; one line of
// doc; a schema that is a JSON object; a default that reads back as itself.
func validateOptions(r *Rule) error {
	seen := map[string]bool{}
	for _, o := range r.Options {
		spec := o.Spec()
		switch {
		case !isKebab(spec.Name) || spec.Name == "severity":
			return fmt.Errorf("rule %q: option %q: name must be kebab-case and not severity", r.Name, spec.Name)
		case seen[spec.Name]:
			return fmt.Errorf("rule %q: option %q declared twice", r.Name, spec.Name)
		case spec.Doc == "" || strings.Contains(spec.Doc, "\n"):
			return fmt.Errorf("rule %q: option %q: doc must be one line", r.Name, spec.Name)
		case !json.Valid([]byte(spec.Schema)) || !strings.HasPrefix(strings.TrimSpace(spec.Schema), "{"):
			return fmt.Errorf("rule %q: option %q: schema must be a JSON object", r.Name, spec.Name)
		}
		seen[spec.Name] = true
		want, err := json.Marshal(spec.Default)
		if err != nil {
			return fmt.Errorf("rule %q: option %q: default: %w", r.Name, spec.Name, err)
		}
		var raw any
		_ = json.Unmarshal(want, &raw)
		back, err := o.Decode(raw)
		got, _ := json.Marshal(back)
		if err != nil || !bytes.Equal(got, want) {
			return fmt.Errorf("rule %q: option %q: the default %s does not read back as itself", r.Name, spec.Name, want)
		}
	}
	return nil
}

// isKebab tells names made of lower-case words joined by hyphens.
func isKebab(name string) bool {
	return name != "" && strings.ToLower(name) == name && !strings.ContainsAny(name, " _")
}
