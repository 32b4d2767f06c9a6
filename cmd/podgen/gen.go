package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/podlint/podlint/schema"
)

// label is one defect podgen injected: the rule that must report it and the
// line it must be reported on.
type label struct {
	Rule string `json:"rule"`
	Line int    `json:"line"`
}

// defects are the catalog entries podgen can inject, each producing exactly
// the findings it labels. collapsed-markdown and missing-chapters stand
// alone: such a page has nothing else to find.
var defects = []string{
	"quote-fragment", "quote-style", "timestamp-format", "chapter-start", "duplicate-intro",
	"orphan-heading", "empty-chapter", "entity-type", "duplicate-entity", "entity-format",
	"title-format", "schema", "quote-out-of-range", "chapter-order", "leaked-json",
	"collapsed-markdown", "missing-chapters",
}

// leakChapters is how many chapters a leaked blob carries (-leak-chapters).
var leakChapters = 3

// leakShare is the share of pages given a leaked blob besides the defects
// drawn (-leaks); 0 leaves leaks to the draw.
var leakShare float64

// page is an episode under construction, line by line, so that every
// injected defect knows its line.
type page struct {
	rng      *rand.Rand
	title    string
	summary  string
	front    []string
	chapters []*chapter
	entities []entity
	inject   map[string]bool
	// grounding, with -transcripts, is the page's transcript under
	// construction; flat marks a page being flattened (no quote of it is
	// invented or shifted).
	grounding *grounding
	flat      bool
	// editor holds the editor's defects, when podgen injects them.
	editor *editorPage
}

type chapter struct {
	start  int
	end    int // where the next chapter starts
	title  string
	prose  string
	quotes []quote
	// leaked marks chapters swallowed into a blob.
	leaked bool
}

type quote struct {
	text    string
	at      int
	speaker string
	// raw is how the quote line is written when a defect changes it.
	raw string
	// fragment is a [m, s] line written after the quote.
	fragment bool
	untimed  bool
}

type entity struct {
	name, typ, desc string
	line            string // set when a defect rewrites the bullet
}

var (
	nouns      = strings.Fields("river harbor lantern archive orchard signal meadow compass quarry glacier bridge market workshop garden library engine canyon island forest studio theory method season budget ledger protocol teacher farmer pilot editor")
	adjectives = strings.Fields("quiet steady hidden early careful open narrow broad restless patient local distant simple modern ancient shared fragile curious")
	verbs      = strings.Fields("builds explains measures questions revisits maps tests traces describes compares recalls weighs charts follows")
	firstNames = strings.Fields("Ada Bruno Celia Dario Elin Farah Gideon Hana Ivo Juno Kemal Lena Milo Nadia Oskar Priya Quentin Rosa Soren Talia")
	lastNames  = strings.Fields("Pemberton Quill Ferro Varga Lindqvist Okafor Marchetti Haldane Sorensen Iwata Novak Castellano Brandt Achebe")
	types      = []string{"Person", "Organization", "Software", "Product", "Concept", "Place", "Event", "Work"}
)

func (p *page) pick(list []string) string { return list[p.rng.IntN(len(list))] }

func (p *page) words(n int) string {
	parts := make([]string, n)
	for i := range parts {
		switch i % 3 {
		case 0:
			parts[i] = p.pick(adjectives)
		case 1:
			parts[i] = p.pick(nouns)
		default:
			parts[i] = p.pick(verbs)
		}
	}
	return strings.Join(parts, " ")
}

func (p *page) sentence() string {
	s := p.pick(firstNames) + " " + p.pick(verbs) + " the " + p.words(4+p.rng.IntN(8))
	if p.rng.IntN(3) == 0 {
		s += ", and the " + p.words(3+p.rng.IntN(4))
	}
	return s + "."
}

func (p *page) sentences(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = p.sentence()
	}
	return strings.Join(out, " ")
}

func titleCase(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

// newPage builds a clean episode with its defects chosen.
func newPage(rng *rand.Rand, rate float64) *page {
	p := &page{rng: rng, inject: map[string]bool{}}
	guest := p.pick(firstNames) + " " + p.pick(lastNames)
	p.title = titleCase(p.words(3)) + ": " + titleCase(p.words(2)) + " — " + guest
	p.summary = p.sentences(3)
	p.front = []string{"slug: " + strings.ReplaceAll(strings.ToLower(p.words(3)), " ", "-"), "tags: [" + p.pick(nouns) + ", " + p.pick(adjectives) + "-" + p.pick(nouns) + "]"}
	n := 12 + rng.IntN(9)
	for i := 0; i < n; i++ {
		p.addChapter(guest)
	}
	seen := map[string]bool{}
	for len(p.entities) < 6+rng.IntN(5) {
		name := titleCase(p.pick(adjectives) + " " + p.pick(nouns))
		if seen[name] {
			continue
		}
		seen[name] = true
		p.entities = append(p.entities, entity{name: name, typ: p.pick(types), desc: p.sentence()})
	}
	if rng.Float64() < rate {
		// One page in a few gets one to three defects.
		for k := 0; k < 1+rng.IntN(3); k++ {
			p.inject[defects[rng.IntN(len(defects))]] = true
		}
	}
	if leakShare > 0 && rng.Float64() < leakShare {
		p.inject["leaked-json"] = true
	}
	if p.inject["leaked-json"] {
		// The blob swallows the chapters after blobHost: enough of them
		// for leakChapters, past the chapters other defects use.
		for len(p.chapters) < 8+leakChapters {
			p.addChapter(guest)
		}
	}
	if editorMode() {
		p.applyEditor(guest)
	}
	return p
}

// addChapter appends a chapter of prose with one to three quotes, some
// said by the guest, starting where the last one ends.
func (p *page) addChapter(guest string) {
	start := 0
	if n := len(p.chapters); n > 0 {
		start = p.chapters[n-1].end
	}
	c := &chapter{start: start, title: titleCase(p.words(3 + p.rng.IntN(4))), prose: p.sentences(4 + p.rng.IntN(3))}
	length := 90 + p.rng.IntN(400)
	c.end = start + length
	at := start + 5
	for q := 0; q < 1+p.rng.IntN(3); q++ {
		at += 1 + p.rng.IntN((length-10)/3)
		qu := quote{text: p.sentence(), at: at}
		if p.rng.IntN(3) == 0 {
			qu.speaker = guest
		}
		c.quotes = append(c.quotes, qu)
	}
	p.chapters = append(p.chapters, c)
}

// render writes the page and the labels of what was injected.
func (p *page) render() (string, []label) {
	if p.inject["missing-chapters"] {
		return "# " + p.title + "\n", []label{{"missing-chapters", 1}, {"missing-summary", 1}}
	}
	if p.inject["collapsed-markdown"] {
		return p.collapse()
	}
	p.applyBeforeRender()
	var b lineWriter
	var labels []label
	emit := b.emit
	emit("---")
	for _, f := range p.front {
		at := emit(f)
		if strings.Contains(f, "Bad Tag") {
			labels = append(labels, label{"schema", at})
		}
	}
	emit("---")
	title := p.title
	if p.inject["title-format"] {
		title = strings.Replace(title, " — ", "— ", 1)
	}
	if at := emit("# " + title); p.inject["title-format"] {
		labels = append(labels, label{"title-format", at})
	}
	emit("")
	emit(p.summary)
	for i, c := range p.chapters {
		emit("")
		heading := emit("## [" + p.timestamp(c, i) + "] " + c.title)
		if c.leaked {
			labels = append(labels, label{"orphan-heading", heading})
			continue
		}
		if p.inject["chapter-start"] && i == 0 {
			labels = append(labels, label{"chapter-start", heading})
		}
		if p.inject["chapter-order"] && i == p.orderAt()+1 {
			labels = append(labels, label{"chapter-order", heading})
		}
		body := c.prose
		switch {
		case p.inject["orphan-heading"] && i == p.orphanAt():
			labels = append(labels, label{"orphan-heading", heading})
			continue
		case p.inject["empty-chapter"] && i == p.emptyAt():
			labels = append(labels, label{"empty-chapter", heading})
			body = ""
		case p.inject["duplicate-intro"] && i == 0:
			body = p.summary + " " + body
		}
		if body != "" {
			emit("")
			if at := emit(body); p.inject["duplicate-intro"] && i == 0 {
				labels = append(labels, label{"duplicate-intro", at})
			}
		}
		for _, q := range c.quotes {
			emit("")
			at := emit(p.quoteLine(q))
			switch q.raw {
			case "unquoted":
				labels = append(labels, label{"quote-style", at})
			case "padded":
				labels = append(labels, label{"timestamp-format", at})
			case "early":
				labels = append(labels, label{"quote-out-of-range", at})
			}
			labels = append(labels, p.ground(q, at)...)
			if q.fragment {
				fl := emit(fmt.Sprintf("> *[%d, %d]*", q.at/60, q.at%60))
				labels = append(labels, label{"quote-fragment", fl})
			}
		}
		if p.inject["leaked-json"] && i == p.blobHost() {
			at := emit(p.blob())
			labels = append(labels, label{"leaked-json", at})
		}
	}
	emit("")
	emit("## Entities")
	emit("")
	for i, e := range p.entities {
		at := emit(p.bullet(e))
		switch {
		case e.line == "lower":
			labels = append(labels, label{"entity-type", at})
		case e.line == "malformed":
			labels = append(labels, label{"entity-format", at})
		case i > 0 && e.line == "duplicate":
			labels = append(labels, label{"duplicate-entity", at})
		}
	}
	return b.String(), labels
}

// lineWriter builds a page and tells the line each piece starts on.
type lineWriter struct {
	strings.Builder
	line int // lines written so far
}

func (w *lineWriter) emit(s string) int {
	at := w.line + 1
	w.WriteString(s + "\n")
	w.line += strings.Count(s, "\n") + 1
	return at
}

// The chapters that defects land on, fixed per page.
func (p *page) orphanAt() int   { return 2 }
func (p *page) emptyAt() int    { return 3 }
func (p *page) orderAt() int    { return 5 }
func (p *page) blobHost() int   { return len(p.chapters) - 1 - leakChapters }
func (p *page) rangeAt() int    { return 7 }
func (p *page) fragmentAt() int { return 1 }

// applyBeforeRender changes the page model for the chosen defects.
func (p *page) applyBeforeRender() {
	c := p.chapters
	if p.inject["chapter-start"] {
		c[0].start = 3
	}
	if p.inject["chapter-order"] {
		k := p.orderAt()
		for j := range c[k].quotes {
			c[k].quotes[j].untimed = true
		}
		c[k].start = c[k+1].start + 1
	}
	// A defect given to a chapter's first quote is dropped when an editor
	// defect left that chapter without quotes (a short chapter inserted
	// there): its label is not written either.
	firstQuote := func(defect string, k int) *quote {
		if !p.inject[defect] {
			return nil
		}
		if len(c[k].quotes) == 0 {
			delete(p.inject, defect)
			return nil
		}
		return &c[k].quotes[0]
	}
	if q := firstQuote("quote-fragment", p.fragmentAt()); q != nil {
		q.fragment = true
	}
	if q := firstQuote("quote-style", 4); q != nil {
		q.raw = "unquoted"
	}
	if q := firstQuote("timestamp-format", 6); q != nil && q.raw == "" && !q.fragment && !q.untimed {
		q.raw = "padded"
	}
	if q := firstQuote("quote-out-of-range", p.rangeAt()); q != nil && q.raw == "" && !q.untimed {
		q.raw = "early"
	}
	if p.inject["leaked-json"] {
		for _, ch := range c[p.blobHost()+1:] {
			ch.leaked = true
		}
	}
	if p.inject["schema"] {
		p.front[1] = "tags: [Bad Tag]"
	}
	if p.inject["entity-type"] {
		p.entities[1].typ = strings.ToLower(p.entities[1].typ)
		p.entities[1].line = "lower"
	}
	if p.inject["entity-format"] {
		p.entities[2].line = "malformed"
	}
	if p.inject["duplicate-entity"] {
		dup := p.entities[0]
		dup.line = "duplicate"
		p.entities = append(p.entities, dup)
	}
}

// timestamp writes a chapter heading's time.
func (p *page) timestamp(c *chapter, _ int) string {
	return schema.FormatTimestamp(c.start)
}

func (p *page) quoteLine(q quote) string {
	text := `"` + q.text + `"`
	if q.raw == "unquoted" {
		text = q.text
	}
	line := "> *" + text + "*"
	if q.speaker != "" {
		line += " — " + q.speaker
	}
	switch {
	case q.fragment || q.untimed:
	case q.raw == "padded":
		line += " [0" + schema.FormatTimestamp(q.at) + "]"
	case q.raw == "early":
		line += " [00:01]"
	default:
		line += " [" + schema.FormatTimestamp(q.at) + "]"
	}
	return line
}

func (p *page) bullet(e entity) string {
	if e.line == "malformed" {
		return "- " + e.name + " (" + e.typ + "): " + e.desc
	}
	return "- **" + e.name + "** (" + e.typ + "): " + e.desc
}

// blob writes the swallowed chapters as the pipeline's leaked quote line.
func (p *page) blob() string {
	var b strings.Builder
	var close strings.Builder
	leaked := p.chapters[p.blobHost()+1:]
	for i, c := range leaked {
		if i > 0 {
			b.WriteString(`'\n ]\n },\n {\n ', `)
		}
		b.WriteString(`'title": "` + c.title + `', {'start': ` + strconv.Itoa(c.start) + `.0, 'summary': '` + c.prose + `', 'quotes': [`)
		for _, q := range c.quotes {
			fmt.Fprintf(&b, "'%s', [%d, %d], ", q.text, q.at/60, q.at%60)
		}
		close.WriteString("]}")
	}
	return "> *" + b.String() + close.String() + "*"
}

// collapse flattens the rendered page as the site scrapers do.
func (p *page) collapse() (string, []label) {
	p.inject = map[string]bool{}
	p.flat = true
	clean, _ := p.render()
	lines := strings.Split(strings.TrimSpace(clean), "\n")
	var body []string
	start := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "# ") {
			start = i
			break
		}
	}
	for _, l := range lines[start+1:] {
		if strings.TrimSpace(l) != "" {
			body = append(body, l)
		}
	}
	head := strings.Join(lines[:start+1], "\n")
	return head + "\n\n" + strings.Join(body, " ") + "\n", []label{{"collapsed-markdown", start + 3}}
}
