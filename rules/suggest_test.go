package rules

import "testing"

func TestClosest(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"quote-styel", "quote-style"}, // two letters swapped
		{"structre", "structure"},      // a letter dropped
		{"Quote-Style", "quote-style"}, // case
		{"timestamp-formats", "timestamp-format"},
		{"no-such-rule", ""}, // nothing near
		{"x", ""},            // one letter is too little to guess from
		{"styl", "style"},
	} {
		if got := Closest(c.typed, Names()); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
}

func TestSelectSuggests(t *testing.T) {
	_, err := Select([]string{"quote-styel"}, nil)
	if err == nil || err.Error() != "unknown rule or category \"quote-styel\" (did you mean \"quote-style\"?) (see `podlint rules`)" {
		t.Fatalf("Select: %v", err)
	}
}

func TestNamesListSchemaOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range Names() {
		if seen[n] {
			t.Errorf("%s listed twice", n)
		}
		seen[n] = true
	}
	if !seen["schema"] || !seen["structure"] || !seen["quote-style"] {
		t.Errorf("Names() = %v: a rule, a category or schema is missing", Names())
	}
}
