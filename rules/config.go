package rules

import (
	"fmt"

	"github.com/podlint/podlint/schema"
)

// Config is how a run of the rules is set up: which rules run, at what
// severity, and the options some rules take. The zero value is not useful;
// start from DefaultConfig.
type Config struct {
	Rules []*Rule
	// Severity overrides a rule's default severity.
	Severity map[string]Severity
	// EntityTypes is entity-type's vocabulary.
	EntityTypes []string
	// TimestampStyle is timestamp-format's canonical form: TimestampAuto
	// (mm:ss below one hour, h:mm:ss from one hour on) or TimestampHours
	// (always hh:mm:ss).
	TimestampStyle string
	// IntroSimilarity is how alike a repeat of the summary must be for
	// duplicate-intro (the share of its words found in order).
	IntroSimilarity float64
	// Extra are user schemas validated in addition to the episode schema.
	Extra []*schema.Extra
}

// Timestamp styles.
const (
	TimestampAuto  = "auto"
	TimestampHours = "hh:mm:ss"
)

// DefaultConfig runs every rule with its defaults.
func DefaultConfig() *Config {
	return &Config{
		Rules:           All(),
		EntityTypes:     append([]string(nil), EntityTypes...),
		TimestampStyle:  TimestampAuto,
		IntroSimilarity: defaultIntroSimilarity,
	}
}

// SeverityOf is the severity findings of r get under this config.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Severity[r.Name]; ok {
		return s
	}
	return r.Severity
}

// FormatTimestamp writes seconds in the configured canonical style.
func (c *Config) FormatTimestamp(seconds int) string {
	if c.TimestampStyle == TimestampHours {
		return fmt.Sprintf("%02d:%02d:%02d", seconds/3600, seconds/60%60, seconds%60)
	}
	return schema.FormatTimestamp(seconds)
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
