package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// Config errors name the key as a person reads it, and a mistyped name
// with the name that was meant.

// keyPath turns the JSON Pointer /rules/entity-type/types into
// rules.entity-type.types; a key that is not a plain word is quoted as
// written (per-file-ignores."ep/**".0).
func keyPath(ptr string) string {
	if ptr == "" {
		return "(top level)"
	}
	tokens := pointerTokens(ptr)
	for i, t := range tokens {
		if !plainKey.Get().MatchString(t) {
			tokens[i] = strconv.Quote(t)
		}
	}
	return strings.Join(tokens, ".")
}

var plainKey = lazyre.New(`^[A-Za-z0-9_-]+$`)

// pointerTokens splits a JSON Pointer into its keys. The validator's
// pointers are also URL-escaped (ep~1%2A%2A for ep/**).
func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	tokens := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range tokens {
		if u, err := url.PathUnescape(t); err == nil {
			t = u
		}
		tokens[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
	}
	return tokens
}

var (
	additionalRe = lazyre.New(`^additionalProperties ((?:'[^']*'(?:, )?)+) not allowed$`)
	quotedRe     = lazyre.New(`'([^']*)'`)
)

// violationMessage rewrites the validator's messages about names: an
// unknown key, or a rule or category that is not one, is named with the
// nearest known one instead of a list of every name.
func violationMessage(v schema.Violation, config any) string {
	// A rule's setting is a severity or an object of options: the message
	// joins both branches' with ", or ". A key the object does not take
	// says the object was meant.
	for _, alternative := range strings.Split(v.Message, ", or ") {
		m := additionalRe.Get().FindStringSubmatch(alternative)
		if m == nil {
			continue
		}
		tokens := pointerTokens(v.Pointer)
		known := configKeys(tokens)
		var parts []string
		for _, q := range quotedRe.Get().FindAllStringSubmatch(m[1], -1) {
			parts = append(parts, fmt.Sprintf("%q%s", q[1], rules.DidYouMean(q[1], known)))
		}
		what := "key"
		switch {
		case len(tokens) == 1 && tokens[0] == "rules":
			what = "rule"
		case len(tokens) == 2 && tokens[0] == "rules":
			what = "option"
		}
		return fmt.Sprintf("unknown %s %s", what, strings.Join(parts, ", "))
	}
	if strings.HasPrefix(v.Message, "value must be one of") {
		tokens := pointerTokens(v.Pointer)
		if name, ok := valueAt(config, tokens).(string); ok && takesRuleNames(tokens) {
			return fmt.Sprintf("unknown rule or category %q%s (see podlint rules)", name, rules.DidYouMean(name, rules.Names()))
		}
	}
	return v.Message
}

// takesRuleNames tells the places whose values are rule or category names:
// select.N, ignore.N, per-file-ignores.GLOB.N.
func takesRuleNames(tokens []string) bool {
	switch {
	case len(tokens) == 2:
		return tokens[0] == "select" || tokens[0] == "ignore"
	case len(tokens) == 3:
		return tokens[0] == "per-file-ignores"
	}
	return false
}

// configKeys lists the keys the config schema allows in the object at
// tokens (the top level, rules, a rule's options).
func configKeys(tokens []string) []string {
	text, err := configSchemaText()
	if err != nil {
		return nil
	}
	var node map[string]any
	if json.Unmarshal(text, &node) != nil {
		return nil
	}
	defs, _ := node["$defs"].(map[string]any)
	for _, t := range tokens {
		props, _ := node["properties"].(map[string]any)
		next, ok := props[t].(map[string]any)
		if !ok {
			return nil
		}
		if ref, ok := next["$ref"].(string); ok {
			next, _ = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		// A rule with options: the object branch holds them.
		if branches, ok := next["oneOf"].([]any); ok {
			for _, b := range branches {
				if m, ok := b.(map[string]any); ok && m["properties"] != nil {
					next = m
				}
			}
		}
		node = next
	}
	props, _ := node["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	return keys
}

// valueAt is the value at a pointer's keys in decoded YAML or JSON.
func valueAt(v any, tokens []string) any {
	for _, t := range tokens {
		switch node := v.(type) {
		case map[string]any:
			v = node[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(node) {
				return nil
			}
			v = node[i]
		default:
			return nil
		}
	}
	return v
}
