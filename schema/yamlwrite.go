package schema

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/podlint/podlint/internal/lazyre"
)

// YAMLValue writes a value read from JSON or front matter as YAML that
// reads back to the same value: plain scalars where that is safe, JSON
// string quoting otherwise, flow style for lists and maps (JSON-like, so
// any value round-trips).
func YAMLValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return YAMLString(x)
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = YAMLValue(item)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = YAMLString(k) + ": " + YAMLValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	b, _ := json.Marshal(v) // values read from JSON or YAML always encode
	return string(b)
}

// plainYAMLRe is what a YAML scalar may be without quotes and still read
// back as the same string: it starts with a letter and holds no
// indicator characters.
var plainYAMLRe = lazyre.New(`^[A-Za-z][A-Za-z0-9 _.-]*$`)

var yamlKeywords = map[string]bool{"true": true, "false": true, "null": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true}

// YAMLString writes s plain when that reads back as the same string, and
// double-quoted (JSON escapes are valid YAML) otherwise.
func YAMLString(s string) string {
	if plainYAMLRe.Get().MatchString(s) && !yamlKeywords[strings.ToLower(s)] && strings.TrimSpace(s) == s {
		return s
	}
	return JSONString(s)
}

// JSONString encodes s as a JSON string literal, leaving non-ASCII and HTML
// characters as they are.
func JSONString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}
