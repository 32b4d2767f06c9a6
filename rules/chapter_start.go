package rules

import (
	"math"

	"github.com/podlint/podlint/schema"
)

var chapterStart = &Rule{
	Name:     "chapter-start",
	Category: Timing,
	Severity: Warning,
	Title:    "Chapters a player ignores: the first not at 00:00, one too short, too few",
	Doc: `Players build chapters from a description only when the list is what they expect, and
otherwise show none at all. The first chapter starts at 00:00. Each chapter lasts at least
` + "`min-length`" + ` seconds (default 10) until the next one starts, or until the episode's end when the
front matter (or the JSON) gives its ` + "`duration`" + `, in seconds or h:mm:ss. With ` + "`min-chapters`" + ` the page
has at least that many chapters (a page with none is missing-chapters'). Chapters that do not
go forward are chapter-order's, as are chapters that start after the end.

The option ` + "`platform`" + ` holds the page to what one platform documents, on top of the two
minimums above (the larger of the two numbers applies):

| platform | first at 00:00 | chapters | each at least | source |
|---|---|---|---|---|
| ` + "`any`" + ` (default) | yes | — | — | — |
| ` + "`youtube`" + ` | yes | 3 | 10 s | YouTube Help, "Video chapters" (support.google.com/youtube/answer/9884579) |
| ` + "`spotify`" + ` | yes | 3 | 30 s (recommended) | Spotify for Creators, "Creating and managing chapters" |
| ` + "`apple`" + ` | yes | 3 | — | Apple Podcasts for Creators, "Chapters on Apple Podcasts" (podcasters.apple.com/support/5482) |
| ` + "`podcasting2`" + ` | no | — | — | Podcast namespace, JSON Chapters format (only ` + "`startTime`" + ` is required) |`,
	Bad:     "## [00:04] Opening at the conference",
	Good:    "## [00:00] Opening at the conference",
	Run:     runChapterStart,
	Options: []AnyOption{chapterPlatform, chapterMinLength, chapterMinCount},
}

var chapterPlatform = &Option[string]{
	Name:    "platform",
	Doc:     "the player the chapters are for: any, youtube, spotify, apple or podcasting2 (their documented limits).",
	Schema:  `{"enum": ["any", "youtube", "spotify", "apple", "podcasting2"]}`,
	Default: "any",
}

var chapterMinLength = &Option[int]{
	Name:    "min-length",
	Doc:     "the fewest seconds a chapter lasts; 0 turns the check off (a platform may ask for more).",
	Schema:  `{"type": "integer", "minimum": 0}`,
	Default: 10,
}

var chapterMinCount = &Option[int]{
	Name:    "min-chapters",
	Doc:     "the fewest chapters a page with chapters has; 0 asks for none (a platform may ask for more).",
	Schema:  `{"type": "integer", "minimum": 0}`,
	Default: 0,
}

// playerLimits are what a platform documents for description chapters.
type playerLimits struct {
	name             string // for messages
	one              bool   // name is one platform, not "platforms"
	startsAtZero     bool
	chapters, length int
	// tooShort and tooFew say why a chapter under length, and a page under
	// chapters, matter.
	tooShort, tooFew string
}

// does says that the platform does verb: "YouTube ignores", "platforms ignore".
func (l playerLimits) does(verb string) string {
	if l.one {
		return l.name + " " + verb + "s"
	}
	return l.name + " " + verb
}

var platforms = map[string]playerLimits{
	"any":         {name: "platforms", startsAtZero: true},
	"youtube":     {name: "YouTube", one: true, startsAtZero: true, chapters: 3, length: 10, tooShort: "YouTube shows no chapters for a description with one that short"},
	"spotify":     {name: "Spotify", one: true, startsAtZero: true, chapters: 3, length: 30, tooShort: "Spotify recommends chapters of 30 s at least"},
	"apple":       {name: "Apple Podcasts", one: true, startsAtZero: true, chapters: 3},
	"podcasting2": {name: "Podcasting 2.0 apps"},
}

// limitsOf are the limits the config asks for: the platform's, raised to
// the options'.
func limitsOf(c *Config) playerLimits {
	l := platforms[chapterPlatform.In(c)]
	l.tooFew = l.does("show") + " chapters only when there are at least"
	if n := chapterMinCount.In(c); n > l.chapters {
		l.chapters, l.tooFew = n, "min-chapters asks for at least"
	}
	if n := chapterMinLength.In(c); n > l.length {
		l.length, l.tooShort = n, "players may drop chapters that short (min-length)"
	}
	return l
}

func runChapterStart(p *Pass) {
	chapters := p.Episode.Chapters
	if len(chapters) == 0 {
		return
	}
	limits := limitsOf(p.Config)
	c := chapters[0]
	if limits.startsAtZero && c.Start.Valid && c.Start.Seconds != 0 {
		p.Report(c.Start.Span, "first chapter %q starts at %s, not at 00:00: %s description chapters that do not start at 00:00",
			c.Title.Value, schema.FormatTimestamp(c.Start.Seconds), limits.does("ignore"))
	}
	if limits.chapters > 0 && len(chapters) < limits.chapters {
		p.Report(c.Heading, "the page has %s: %s %d", plural(len(chapters), "chapter"), limits.tooFew, limits.chapters)
	}
	if limits.length > 0 {
		shortChapters(p, limits)
	}
}

// shortChapters reports the chapters that last less than limits.length
// seconds: until the next chapter's start, or the episode's end for the
// last one. A chapter the next does not start after is chapter-order's.
func shortChapters(p *Pass, limits playerLimits) {
	chapters := p.Episode.Chapters
	end := episodeDuration(p.Episode)
	for i, c := range chapters {
		if !c.Start.Valid {
			continue
		}
		next, until := end, "the episode's end"
		if i+1 < len(chapters) {
			if !chapters[i+1].Start.Valid {
				continue
			}
			next, until = chapters[i+1].Start.Seconds, "the next chapter"
		}
		if next == math.MaxInt {
			continue
		}
		if length := next - c.Start.Seconds; length > 0 && length < limits.length {
			p.Report(c.Start.Span, "%s lasts %d s until %s, under %d s: %s",
				c.Label(), length, until, limits.length, limits.tooShort)
		}
	}
}
