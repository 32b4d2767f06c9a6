package rules

import "github.com/podlint/podlint/schema"

// Config is how a run of the rules is set up: which rules run, at what
// severity, and the options some rules take. The zero value is not useful;
// start from DefaultConfig.
type Config struct {
	Rules []*Rule
	// Severity overrides a rule's default severity.
	Severity map[string]Severity
	// Options are the rule options a config file sets (OptionValues.Set
	// reads them); an option it does not hold has its default.
	Options OptionValues
	// Extra are user schemas validated in addition to the episode schema.
	Extra []*schema.Extra
}

// DefaultConfig runs every rule with its defaults.
func DefaultConfig() *Config {
	return &Config{Rules: All()}
}

// SeverityOf is the severity findings of r get under this config.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Severity[r.Name]; ok {
		return s
	}
	return r.Severity
}

// ParseSeverity reads "error", "warning" or "off" (Off: the rule does not run).
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "off":
		return Off, true
	}
	return Off, false
}
