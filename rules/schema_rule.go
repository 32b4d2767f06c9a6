package rules

import "github.com/podlint/podlint/schema"

var schemaRule = &Rule{
	Name:     "schema",
	Category: Schema,
	Severity: Error,
	Title:    "The episode does not match the episode JSON Schema",
	Doc: `Every episode, Markdown page or JSON, is checked against podlint's episode JSON Schema
(draft 2020-12; ` + "`podlint schema`" + ` prints it). A Markdown page is mapped to the same structure
first, so front matter keys, chapters, quotes and entities are all covered: a tag that is not
kebab-case, an seo_title over 60 characters, a date that is not a date, a chapter with no
title. The message names the instance path (` + "`/chapters/3/title`" + `).

Syntax errors are reported here too: JSON that does not parse, duplicate JSON keys, and front
matter that is not valid YAML.`,
	Bad: `---
tags: [Cartography]
seo_title: "Maps That Lie: Ada Pemberton on Projection, Power, and the 1,000-Year Atlas Project"
---`,
	Good: `---
tags: [cartography]
seo_title: "Maps That Lie: Ada Pemberton on Projection and Power"
---`,
	Run: runSchema,
}

func runSchema(p *Pass) {
	for _, pr := range p.Doc.Problems {
		p.Report(pr.Span, "%s", pr.Message)
	}
	violations, err := schema.Validate(p.Doc)
	if err != nil {
		p.Report(schema.Span{}, "schema validation failed: %v", err)
		return
	}
	notEpisode := p.Episode.Title == nil && len(p.Episode.Chapters) == 0
	reportViolations(p, violations, "", notEpisode)
	for _, x := range p.Config.Extra {
		violations, err := x.Validate(p.Doc)
		if err != nil {
			p.Report(schema.Span{}, "validation against %s failed: %v", x.Name, err)
			continue
		}
		reportViolations(p, violations, " ("+x.Name+")", false)
	}
}

func reportViolations(p *Pass, violations []schema.Violation, source string, notEpisode bool) {
	for _, v := range violations {
		if notEpisode && v.Pointer == "" {
			continue // missing-chapters reports the file as not an episode
		}
		ptr := v.Pointer
		if ptr == "" {
			ptr = "/"
		}
		p.Report(v.Span, "%s: %s%s", ptr, v.Message, source)
	}
}
