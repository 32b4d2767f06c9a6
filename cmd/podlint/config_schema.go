package main

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// configSchema is the config file's JSON Schema, compiled once.
var configSchema = sync.OnceValues(func() (*schema.ConfigSchemaValidator, error) {
	text, err := configSchemaText()
	if err != nil {
		return nil, err
	}
	return schema.CompileConfigSchema(text)
})

// configSchemaText is the config file's JSON Schema: the static parts
// shipped in schema/config.schema.json with what the rule registry knows
// spliced in, so that no rule or option is listed by hand: a setting per
// rule (a severity, or an object of its severity and the options the rule
// declares) and the names select, ignore and per-file-ignores take.
func configSchemaText() ([]byte, error) {
	var s map[string]any
	if err := json.Unmarshal(schema.ConfigSchema(), &s); err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	ruleSection, err := schemaObject(s, "properties", "rules")
	if err != nil {
		return nil, err
	}
	names, err := schemaObject(s, "$defs", "names")
	if err != nil {
		return nil, err
	}
	settings := map[string]any{}
	for _, r := range rules.All() {
		if settings[r.Name], err = ruleSetting(r); err != nil {
			return nil, err
		}
	}
	ruleSection["properties"] = settings
	names["items"] = map[string]any{"enum": rules.Names()}
	return json.MarshalIndent(s, "", "  ")
}

// ruleSetting is the schema of rules.<name>: the shared $defs/setting for
// a rule without options, else a severity alone or an object of the
// severity and the rule's options, none other.
func ruleSetting(r *rules.Rule) (any, error) {
	if len(r.Options) == 0 {
		return map[string]any{"$ref": "#/$defs/setting"}, nil
	}
	props := map[string]any{"severity": map[string]any{"$ref": "#/$defs/level"}}
	for _, o := range r.Options {
		spec := o.Spec()
		var fragment map[string]any
		if err := json.Unmarshal([]byte(spec.Schema), &fragment); err != nil {
			return nil, fmt.Errorf("rule %s: option %s: schema: %w", r.Name, spec.Name, err)
		}
		if _, ok := fragment["description"]; !ok {
			fragment["description"] = spec.Doc
		}
		props[spec.Name] = fragment
	}
	return map[string]any{"oneOf": []any{
		map[string]any{"$ref": "#/$defs/level"},
		map[string]any{"type": "object", "properties": props, "additionalProperties": false},
	}}, nil
}

// schemaObject finds the object at path in a decoded schema.
func schemaObject(s map[string]any, path ...string) (map[string]any, error) {
	for _, key := range path {
		next, ok := s[key].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("config schema: no object %v", path)
		}
		s = next
	}
	return s, nil
}
