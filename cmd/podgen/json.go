package main

import (
	"strconv"

	"github.com/podlint/podlint/schema"
)

// pairShare is the share of chapters, on every JSON page, written in the
// pipeline's raw form besides the one chapter a page picked for defects
// gets: a corpus of pages whose quotes are mostly [m, s] pairs.
var pairShare float64

// renderJSON writes the page as episode JSON, one quote per line. The one
// JSON defect it injects is the pipeline's raw form: a quote written as a
// text and a [m, s] pair, which podlint must report as quote-fragment.
func (p *page) renderJSON() (string, []label) {
	var b lineWriter
	var labels []label
	emit := b.emit
	q := schema.JSONString
	raw := len(p.inject) > 0 // a page picked for defects gets the raw form in one chapter
	emit("{")
	emit(`  "title": ` + q(p.title) + ",")
	emit(`  "summary": ` + q(p.summary) + ",")
	emit(`  "chapters": [`)
	for i, c := range p.chapters {
		// The share is drawn only when asked for, so that a corpus without
		// it is the same as before it existed.
		rawChapter := (raw && i == 1) || (pairShare > 0 && p.rng.Float64() < pairShare)
		emit(`    {"start": ` + strconv.Itoa(c.start) + `, "title": ` + q(c.title) + `, "summary": ` + q(c.prose) + `, "quotes": [`)
		for j, qu := range c.quotes {
			sep := ","
			if j == len(c.quotes)-1 {
				sep = ""
			}
			if rawChapter {
				at := emit(`      ` + q(qu.text) + `, [` + strconv.Itoa(qu.at/60) + `, ` + strconv.Itoa(qu.at%60) + `]` + sep)
				labels = append(labels, label{"quote-fragment", at})
				continue
			}
			obj := `{"text": ` + q(qu.text) + `, "at": ` + strconv.Itoa(qu.at)
			if qu.speaker != "" {
				obj += `, "speaker": ` + q(qu.speaker)
			}
			at := emit(`      ` + obj + `}` + sep)
			labels = append(labels, p.ground(qu, at)...)
		}
		sep := ","
		if i == len(p.chapters)-1 {
			sep = ""
		}
		emit(`    ]}` + sep)
	}
	emit(`  ],`)
	emit(`  "entities": [`)
	for i, e := range p.entities {
		sep := ","
		if i == len(p.entities)-1 {
			sep = ""
		}
		emit(`    {"name": ` + q(e.name) + `, "type": ` + q(e.typ) + `, "description": ` + q(e.desc) + `}` + sep)
	}
	emit(`  ],`)
	if p.editor != nil {
		emit(`  "duration": ` + strconv.Itoa(p.editor.duration) + `,`)
	}
	emit(`  "tags": [` + q(p.pick(nouns)) + `]`)
	emit("}")
	return b.String(), labels
}
