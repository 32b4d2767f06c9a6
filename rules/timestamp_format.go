package rules

import (
	"fmt"

	"github.com/podlint/podlint/schema"
)

var timestampFormat = &Rule{
	Name:     "timestamp-format",
	Category: Timing,
	Severity: Error,
	Title:    "A timestamp out of canonical form",
	Doc: `Chapter and quote timestamps are ` + "`mm:ss`" + ` (two-digit minutes) below one hour and ` + "`h:mm:ss`" + ` from
one hour on, seconds always two digits (the option ` + "`style: hh:mm:ss`" + ` asks for two-digit hours
always). In episode JSON, times are numbers of seconds: a time written as text
(` + "`\"start\": \"1:02:44\"`" + `) is reported too. Players and platforms that read description chapters
misread the other forms: ` + "`[60:42]`" + ` (minutes past 59), ` + "`[01:05:13]`" + ` (a padded hour), ` + "`[5:07]`" + `,
` + "`[1:5]`" + `, seconds past 59. A heading whose brackets hold no time at all is reported too.`,
	Bad:     "## [60:42] Actions as the compute layer\n\n> *\"Actions is the core compute layer.\"* [5:07]",
	Good:    "## [1:00:42] Actions as the compute layer\n\n> *\"Actions is the core compute layer.\"* [05:07]",
	Run:     runTimestampFormat,
	Options: []AnyOption{timestampStyle},
}

// Timestamp styles, the values of the option style.
const (
	TimestampAuto  = "auto"
	TimestampHours = "hh:mm:ss"
)

// timestampStyle is the canonical form of a timestamp, which fixers write
// too: TimestampAuto (mm:ss below one hour, h:mm:ss from one hour on) or
// TimestampHours (always hh:mm:ss).
var timestampStyle = &Option[string]{
	Name:    "style",
	Doc:     "auto: mm:ss below one hour, h:mm:ss from one hour on; hh:mm:ss: always hh:mm:ss.",
	Schema:  `{"enum": ["auto", "hh:mm:ss"]}`,
	Default: TimestampAuto,
}

// FormatTimestamp writes seconds in the configured canonical style.
func (c *Config) FormatTimestamp(seconds int) string {
	if timestampStyle.In(c) == TimestampHours {
		return fmt.Sprintf("%02d:%02d:%02d", seconds/3600, seconds/60%60, seconds%60)
	}
	return schema.FormatTimestamp(seconds)
}

func runTimestampFormat(p *Pass) {
	if p.Doc.Format == schema.JSON {
		runJSONTimes(p)
		return
	}
	for _, c := range p.Episode.Chapters {
		checkTimestamp(p, c.Start, "the heading of", c)
		for _, b := range c.Blocks {
			if b.Quote != nil && b.Quote.At != nil {
				checkTimestamp(p, *b.Quote.At, "a quote in", c)
			}
		}
	}
}

// checkTimestamp reports ts when it is out of form; where and c name its
// place (the label is only built for a finding).
func checkTimestamp(p *Pass, ts schema.Timestamp, where string, c *schema.Chapter) {
	if ts.Canonical && timestampStyle.In(p.Config) != TimestampHours {
		return // the reader already compared it with the default form
	}
	switch want := p.Config.FormatTimestamp(ts.Seconds); {
	case !ts.Valid:
		p.Report(ts.Span, "[%s] in %s %s is not a timestamp: write mm:ss or h:mm:ss", ts.Raw, where, c.Label())
	case ts.Raw != want:
		p.ReportFix(SafeFix, ts.Span, "[%s] in %s %s is out of form: write [%s]", ts.Raw, where, c.Label(), want)
	}
}

// runJSONTimes reports times that episode JSON writes as text: JSON times
// are numbers of seconds. (A value that is not a time at all is the
// schema's finding.)
func runJSONTimes(p *Pass) {
	check := func(ts schema.Timestamp, what string, c *schema.Chapter) {
		if ts.Valid && !ts.Canonical {
			p.ReportFix(SafeFix, ts.Span, "%s %s is written as the text %q: write the number of seconds, %d", what, c.Label(), ts.Raw, ts.Seconds)
		}
	}
	for _, c := range p.Episode.Chapters {
		check(c.Start, "the start of", c)
		for _, b := range c.Blocks {
			if b.Quote != nil && b.Quote.At != nil {
				check(*b.Quote.At, "the time of a quote in", c)
			}
		}
	}
}
