package main

import (
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// optionsKey is the settings key of a page under the default config with
// options set.
func optionsKey(t *testing.T, options rules.OptionValues) [32]byte {
	t.Helper()
	cfg := rules.DefaultConfig()
	cfg.Options = options
	return (&settings{cfg: cfg}).cacheKeys()[schema.Markdown]
}

// TestCacheKeyHasEveryOption: a config that changes any one option of any
// rule changes the cache key, so no cached result outlives the option it
// was found under; one that sets an option to its default does not.
func TestCacheKeyHasEveryOption(t *testing.T) {
	base := optionsKey(t, nil)
	declared := 0
	for _, r := range rules.All() {
		for _, o := range r.Options {
			declared++
			name := r.Name + "." + o.Spec().Name
			if optionsKey(t, rules.OptionValues{o: o.Spec().Default}) != base {
				t.Errorf("%s set to its default changes the cache key", name)
			}
			// Any other value: the key must not depend on the option's type.
			if optionsKey(t, rules.OptionValues{o: struct{ Changed bool }{true}}) == base {
				t.Errorf("%s does not reach the cache key", name)
			}
		}
	}
	if declared == 0 {
		t.Fatal("no rule declares an option")
	}
	// The vocabulary's order is in entity-type's message, so in the key.
	keyOf := func(section map[string]any) [32]byte {
		values := rules.OptionValues{}
		if err := values.Set(section); err != nil {
			t.Fatal(err)
		}
		return optionsKey(t, values)
	}
	if keyOf(map[string]any{"entity-type": map[string]any{"types": []any{"Person", "Place"}}}) ==
		keyOf(map[string]any{"entity-type": map[string]any{"types": []any{"Place", "Person"}}}) {
		t.Error("two orders of entity types give one cache key")
	}
}

// TestCacheKeyNewOption: an option a new rule declares reaches the key
// through the registry alone.
func TestCacheKeyNewOption(t *testing.T) {
	limit := &rules.Option[int]{Name: "limit", Doc: "How many.", Schema: `{"type": "integer"}`, Default: 3}
	fake := &rules.Rule{Name: "fake-rule", Options: []rules.AnyOption{limit}}
	write := func(options rules.OptionValues) string {
		cfg := rules.DefaultConfig()
		cfg.Options = options
		var b strings.Builder
		writeOptions(&b, []*rules.Rule{fake}, cfg)
		return b.String()
	}
	if got := write(nil); got != "fake-rule.limit=3;" {
		t.Errorf("default: %q", got)
	}
	if got := write(rules.OptionValues{limit: 4}); got != "fake-rule.limit=4;" {
		t.Errorf("set to 4: %q", got)
	}
}
