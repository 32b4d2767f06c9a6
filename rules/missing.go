package rules

import "github.com/podlint/podlint/schema"

var missingSummary = &Rule{
	Name:     "missing-summary",
	Category: Structure,
	Severity: Error,
	Title:    "The episode has no summary",
	Doc: `The summary, the paragraphs between the title and the first chapter, is what listings and
search results show. A page without one usually lost everything but its title.`,
	Bad:  "# Maps That Lie — Ada Pemberton\n\n## [00:00] Cold open",
	Good: "# Maps That Lie — Ada Pemberton\n\nCartographer Ada Pemberton explains why every flat map distorts something.\n\n## [00:00] Cold open",
	Run:  runMissingSummary,
}

var missingChapters = &Rule{
	Name:     "missing-chapters",
	Category: Structure,
	Severity: Error,
	Title:    "The episode has no chapters",
	Doc: `An episode page carries timestamped chapters (` + "`## [00:00] Title`" + `); a page with none lost its
body, or is not an episode page at all. Empty files and Markdown files that are not episodes
are reported here too.`,
	Bad:  "# Maps That Lie — Ada Pemberton\n\nCartographer Ada Pemberton explains why every flat map distorts something.",
	Good: "# Maps That Lie — Ada Pemberton\n\nCartographer Ada Pemberton explains why every flat map distorts something.\n\n## [00:00] Cold open\n\nAda opens with the claim that no map is neutral.",
	Run:  runMissingChapters,
}

// whole is where page-level findings point: the title, or the start.
func whole(p *Pass) schema.Span {
	if t := p.Episode.Title; t != nil {
		return p.Episode.TitleLine
	}
	return schema.Span{}
}

func runMissingSummary(p *Pass) {
	ep := p.Episode
	if ep.Collapsed != nil || ep.Title == nil {
		return
	}
	for _, b := range ep.Summary() {
		if !isLeaked(b) {
			return
		}
	}
	p.Report(whole(p), "episode has no summary: nothing stands between the title and the first chapter")
}

func runMissingChapters(p *Pass) {
	ep := p.Episode
	if ep.Collapsed != nil || len(ep.Chapters) > 0 {
		return
	}
	switch {
	case len(p.Doc.Src) == 0:
		p.Report(whole(p), "empty file: no title, no chapters")
	case ep.Title == nil:
		p.Report(whole(p), "not an episode: no title and no chapters")
	default:
		p.Report(whole(p), "episode has no chapters")
	}
}
