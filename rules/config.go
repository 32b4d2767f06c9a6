package rules

import (
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

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
	// Transcript is the episode's transcript, read and indexed by the
	// caller (rules open no files), which the grounding rules hold its
	// quotes and chapters to; nil: they have nothing to say. It belongs to
	// one page, so a caller sets it on a copy of the config it shares.
	Transcript *transcript.Transcript
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
