package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// The defects an editor reading a page catches, injected each on its own
// share of pages (-name-variants, -meta-notes, -short-chapters,
// -title-glitches), and the look-alikes that must not be reported
// (-hard-negatives). With any of them set, every page also lists its guest
// as a Person entity, names the guest in its summary and gives its
// duration, as real pages do: the names and times the rules measure
// against.
var editorShares struct {
	names, notes, short, titles, hard float64
}

func editorMode() bool {
	s := editorShares
	return s.names > 0 || s.notes > 0 || s.short > 0 || s.titles > 0 || s.hard > 0
}

// editorDefect is one injected defect, found back in the rendered page by
// a piece of text of the line it is on. A needle is made when the page is
// rendered: a later injection may change a title.
type editorDefect struct {
	rule   string
	needle func(asJSON bool) string
}

// text is a needle that is the same text in both forms.
func text(s string) func(bool) string {
	return func(asJSON bool) string {
		if asJSON {
			return strings.Trim(schema.JSONString(s), `"`)
		}
		return s
	}
}

// editorPage is what the editor's injections add to a page.
type editorPage struct {
	guest    string
	duration int // seconds; 0 when the page gives none
	defects  []editorDefect
}

// notes are the model's notes podgen leaves in pages. The last two are
// notes the rule's phrases do not know: recall is not 100% by design.
var notes = []string{
	"The transcript is unclear here, but the point seems to stand.",
	"As an AI language model, I cannot verify the dates.",
	"Here is the summary of the episode: a conversation about method.",
	"This section stands in for the sponsor read.",
	"The audio cuts out for a few seconds.",
	"[insert guest bio]",
	"TODO: add the links mentioned.",
	"{{guest_name}} returns next week.",
	"In this transcript, the host speaks first.",
	"I hope this helps!",
	"(Note: the guest's name may be misspelled.)",
	"Parts of this were summarized from an incomplete recording.",
}

// siblings are real first names one letter from podgen's, for the hard
// negative of two listed people with near-identical names.
var siblings = map[string]string{
	"Ada": "Ida", "Bruno": "Bruna", "Celia": "Delia", "Dario": "Mario", "Elin": "Elif", "Farah": "Sarah",
	"Gideon": "Gedeon", "Hana": "Hanna", "Ivo": "Ivy", "Juno": "June", "Kemal": "Kamal", "Lena": "Lina",
	"Milo": "Mila", "Nadia": "Nadja", "Oskar": "Oscar", "Priya": "Priyam", "Quentin": "Quintin",
	"Rosa": "Rose", "Soren": "Loren", "Talia": "Tania",
}

// applyEditor draws and injects the editor's defects and look-alikes,
// after every other draw of the page (a corpus without them is the same
// page for page).
func (p *page) applyEditor(guest string) {
	e := &editorPage{guest: guest}
	p.editor = e
	last := p.chapters[len(p.chapters)-1]
	e.duration = last.end
	p.entities = append([]entity{{name: guest, typ: "Person", desc: "The guest of the episode."}}, p.entities...)
	p.summary += " " + guest + " joins the show."
	if p.rng.Float64() < editorShares.hard {
		p.hardNegatives()
	}
	if p.rng.Float64() < editorShares.names {
		p.nameVariant()
	}
	if p.rng.Float64() < editorShares.notes {
		p.metaNote()
	}
	if p.rng.Float64() < editorShares.short {
		p.shortChapter()
	}
	if p.rng.Float64() < editorShares.titles {
		p.titleGlitch()
	}
	p.front = append(p.front, "duration: "+strconv.Itoa(e.duration))
}

// misspell changes one letter of a word of 5 letters or more (a letter
// changed, dropped, doubled, or two swapped), as a name heard by ear is.
func (p *page) misspell(w string) string {
	rs := []rune(w)
	for {
		i := 1 + p.rng.IntN(len(rs)-2) // never the first or last letter
		var out []rune
		switch p.rng.IntN(4) {
		case 0:
			out = append(append(append([]rune{}, rs[:i]...), []rune("aeioulnrt")[p.rng.IntN(9)]), rs[i+1:]...)
		case 1:
			out = append(append([]rune{}, rs[:i]...), rs[i+1:]...)
		case 2:
			out = append(append(append([]rune{}, rs[:i+1]...), rs[i]), rs[i+1:]...)
		default:
			out = append([]rune{}, rs...)
			out[i], out[i+1] = out[i+1], out[i]
		}
		if s := string(out); s != w && !strings.HasSuffix(s, w[len(w)-1:]+"s") {
			return s
		}
	}
}

// nameVariant writes the guest's surname one letter off in one place: a
// chapter title, a paragraph, a quote's speaker or the summary.
func (p *page) nameVariant() {
	first, last, _ := strings.Cut(p.editor.guest, " ")
	variant := first + " " + p.misspell(last)
	c := p.chapters[2+p.rng.IntN(len(p.chapters)-3)]
	where := p.rng.IntN(4)
	if where == 2 && len(c.quotes) == 0 {
		where = 1 // a chapter podgen added has no quotes
	}
	switch where {
	case 0:
		c.title += " With " + variant
	case 1:
		c.prose = variant + " " + p.pick(verbs) + " the " + p.words(5) + ". " + c.prose
	case 2:
		c.quotes[0].speaker = variant
	default:
		p.summary += " Listeners know " + variant + " from the first season."
	}
	p.editor.defects = append(p.editor.defects, editorDefect{"name-variant", text(variant)})
}

// metaNote leaves one of the model's notes in a paragraph, a chapter
// title, a quote or an entity description.
func (p *page) metaNote() {
	note := notes[p.rng.IntN(len(notes))]
	c := p.chapters[1+p.rng.IntN(len(p.chapters)-2)]
	where := p.rng.IntN(4)
	if where == 2 && len(c.quotes) == 0 {
		where = 0 // a chapter podgen added has no quotes
	}
	switch where {
	case 0:
		c.prose += " " + note
	case 1:
		c.title = "TODO: chapter title"
		note = c.title
	case 2:
		words := strings.Fields(c.quotes[0].text)
		half := len(words) / 2
		c.quotes[0].text = strings.Join(words[:half], " ") + " [inaudible] " + strings.Join(words[half:], " ")
		note = "[inaudible] " + strings.Join(words[half:], " ")
	default:
		p.summary += " " + note
	}
	p.editor.defects = append(p.editor.defects, editorDefect{"meta-commentary", text(note)})
}

// shortChapter adds a chapter a player drops: one that lasts under 10 s
// before the next, one that starts after the episode's end, or a last
// chapter that ends under 10 s before the end.
func (p *page) shortChapter() {
	e := p.editor
	switch p.rng.IntN(3) {
	case 0:
		// In the second half: the hard negatives hold the first.
		n := len(p.chapters)
		i := n/2 + p.rng.IntN(n-1-n/2)
		next := p.chapters[i+1]
		c := &chapter{start: next.start - 2 - p.rng.IntN(8), end: next.start, title: titleCase(p.words(3)), prose: p.sentences(2)}
		p.dropQuotesFrom(p.chapters[i], c.start)
		p.insertChapter(i+1, c)
		e.defects = append(e.defects, chapterDefect("chapter-start", c))
	case 1:
		c := &chapter{start: e.duration + p.rng.IntN(120), title: titleCase(p.words(3)), prose: p.sentences(2)}
		c.end = c.start + 60
		p.chapters = append(p.chapters, c)
		e.defects = append(e.defects, chapterDefect("chapter-order", c))
	default:
		last := p.chapters[len(p.chapters)-1]
		e.duration = last.start + 1 + p.rng.IntN(9)
		p.dropQuotesFrom(last, e.duration)
		e.defects = append(e.defects, chapterDefect("chapter-start", last))
	}
}

// chapterDefect labels a finding at a chapter's heading.
func chapterDefect(rule string, c *chapter) editorDefect {
	return editorDefect{rule, func(asJSON bool) string {
		if asJSON {
			return `{"start": ` + strconv.Itoa(c.start) + `, "title": ` + schema.JSONString(c.title)
		}
		return "## [" + schema.FormatTimestamp(c.start) + "] " + c.title
	}}
}

func (p *page) insertChapter(at int, c *chapter) {
	p.chapters = append(p.chapters[:at], append([]*chapter{c}, p.chapters[at:]...)...)
}

// dropQuotesFrom leaves c the quotes said before the time from, and one at
// least, moved before it when need be.
func (p *page) dropQuotesFrom(c *chapter, from int) {
	var kept []quote
	for _, q := range c.quotes {
		if q.at < from {
			kept = append(kept, q)
		}
	}
	if len(kept) == 0 {
		q := c.quotes[0]
		q.at = c.start + (from-c.start)/2
		kept = []quote{q}
	}
	c.quotes = kept
}

// titleGlitch slips the punctuation of the episode title or a chapter
// title: an emoji glued to the first word, a doubled mark, a title cut off
// after a colon or a dash.
func (p *page) titleGlitch() {
	// In the second half: the hard negatives hold the first.
	n := len(p.chapters)
	c := p.chapters[n/2+p.rng.IntN(n-1-n/2)]
	var glitched *string
	switch p.rng.IntN(5) {
	case 0:
		p.title = "🔬" + p.title
		glitched = &p.title
	case 1:
		p.title = strings.Replace(p.title, ": ", ",, ", 1)
		glitched = &p.title
	case 2:
		c.title = "🎙️" + c.title
		glitched = &c.title
	case 3:
		c.title += "!!"
		glitched = &c.title
	default:
		c.title += " -"
		glitched = &c.title
	}
	p.editor.defects = append(p.editor.defects, editorDefect{"title-format", func(asJSON bool) string { return text(*glitched)(asJSON) }})
}

// hardNegatives writes what looks like the editor's defects and is not:
// the guest's sibling, listed, whose first name is one letter off; a
// second guest whose surname is Ai; a transcript that is the guest's work;
// a chapter about AI assistants that cites what they say; titles ending in
// ?! or an ellipsis and an emoji with its space; a chapter of exactly 10 s.
func (p *page) hardNegatives() {
	first, last, _ := strings.Cut(p.editor.guest, " ")
	sibling := siblings[first] + " " + last
	second := p.pick(firstNames) + " Ai"
	p.entities = append(p.entities,
		entity{name: sibling, typ: "Person", desc: "The guest's sibling, also a researcher."},
		entity{name: second, typ: "Person", desc: "A historian of courts and archives."})
	c1, c2, c3 := p.chapters[1], p.chapters[2], p.chapters[3]
	c1.prose += " " + sibling + " remembers the same winter differently. As an AI researcher, " + second +
		" transcribed 19th-century letters before reading the transcript of the trial. The court transcript is unclear about who spoke first, " + second + " notes."
	c1.quotes[0].speaker = sibling
	c2.title = "Why AI Assistants Hallucinate?!"
	c2.prose += ` The assistant answered with the stock line "As an AI language model, I cannot verify that", and ` + second + ` shows why.`
	c3.title = "🎙️ " + c3.title + "…"
	next := p.chapters[5]
	exact := &chapter{start: next.start - 10, end: next.start, title: titleCase(p.words(3)), prose: p.sentences(2)}
	p.dropQuotesFrom(p.chapters[4], exact.start)
	p.insertChapter(5, exact)
}

// hasWhole tells whether line holds needle not followed by a letter:
// "Quil" is not in "Quill".
func hasWhole(line, needle string) bool {
	for from := 0; ; {
		i := strings.Index(line[from:], needle)
		if i < 0 {
			return false
		}
		end := from + i + len(needle)
		if next, _ := utf8.DecodeRuneInString(line[end:]); !unicode.IsLetter(next) {
			return true
		}
		from += i + 1
	}
}

// editorLabels finds the line of each injected defect in the rendered page.
func (p *page) editorLabels(text string, asJSON bool) []label {
	if p.editor == nil {
		return nil
	}
	lines := strings.Split(text, "\n")
	var out []label
	for _, d := range p.editor.defects {
		needle := d.needle(asJSON)
		for i, l := range lines {
			if hasWhole(l, needle) {
				out = append(out, label{d.rule, i + 1})
				break
			}
		}
	}
	return out
}
