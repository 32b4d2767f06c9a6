package transcript

import (
	"github.com/podlint/podlint/internal/text"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addText reads one line of a cue's text into c: markup dropped (WebVTT
// tags such as <i>, <c.loud>, <00:01:02.000>, and SRT's <font …> and
// {\an8}), character references decoded (&amp;), and speakers taken from
// WebVTT voice spans (<v Ada Pemberton>…</v>, the only speaker markup
// WebVTT has) or, where a line has none, from a leading "Name:", as SRT
// files and transcription tools write them. A label holds until the next
// one: transcripts label a change of speaker, not every cue.
func (p *parser) addText(c *Cue, line string) {
	line = strings.TrimSpace(line)
	// Dialogue dashes and the ">>" of broadcast captions mark a turn.
	for _, mark := range []string{"- ", ">> ", "– ", "— "} {
		line = strings.TrimPrefix(line, mark)
	}
	voiced := false
	var said strings.Builder
	flush := func() {
		if s := text.OneLine(html.UnescapeString(said.String())); s != "" {
			p.addSegment(c, s)
		}
		said.Reset()
	}
	for i := 0; i < len(line); {
		switch line[i] {
		case '<':
			end := strings.IndexByte(line[i:], '>')
			if end < 0 {
				said.WriteString(line[i:]) // a bare "<" is text
				i = len(line)
				continue
			}
			tag := line[i+1 : i+end]
			if name, ok := voiceName(tag); ok {
				flush()
				p.current, voiced = p.speaker(name), true
			}
			if tag == "/v" || strings.HasPrefix(tag, "v") || isNumber(tag[:min(len(tag), 1)]) {
				// A voice's edge or a timestamp stands between words;
				// <i> and the like may stand inside one.
				said.WriteByte(' ')
			}
			i += end + 1
		case '{':
			if end := strings.IndexByte(line[i:], '}'); end > 0 && line[i+1] == '\\' {
				i += end + 1 // an SSA override such as {\an8}
				continue
			}
			said.WriteByte('{')
			i++
		default:
			if i == 0 || !voiced && said.Len() == 0 {
				if name, rest, ok := namePrefix(line[i:]); ok {
					p.current = p.speaker(name)
					i = len(line) - len(rest)
					continue
				}
			}
			said.WriteByte(line[i])
			i++
		}
	}
	flush()
}

// voiceName reads a WebVTT voice tag, "v Name" or "v.class Name".
func voiceName(tag string) (string, bool) {
	if !strings.HasPrefix(tag, "v") || len(tag) < 2 || (tag[1] != ' ' && tag[1] != '\t' && tag[1] != '.') {
		return "", false
	}
	_, name, ok := strings.Cut(strings.ReplaceAll(tag, "\t", " "), " ")
	name = strings.TrimSpace(name)
	return name, ok && name != ""
}

// namePrefix reads "Ada Pemberton: text": one to four words that start
// with a capital (letters, and . ' - within), a colon, then a space or the
// end of the line. It returns the name and the text after it.
func namePrefix(line string) (name, rest string, ok bool) {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || (colon+1 < len(line) && line[colon+1] != ' ' && line[colon+1] != '\t') {
		return "", "", false
	}
	words := strings.Fields(line[:colon])
	if len(words) == 0 || len(words) > 4 || strings.TrimSpace(line[:colon]) != strings.Join(words, " ") {
		return "", "", false
	}
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
			return "", "", false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".'’-_", r) {
				return "", "", false
			}
		}
	}
	// A time such as "10:30" is no name: its first word needs a letter.
	if !strings.ContainsFunc(words[0], unicode.IsLetter) {
		return "", "", false
	}
	return strings.Join(words, " "), line[colon+1:], true
}

// speaker returns the index of a speaker label, adding it when new.
func (p *parser) speaker(name string) int {
	name = text.OneLine(name)
	if i, ok := p.speakers[name]; ok {
		return i
	}
	i := len(p.t.Speakers)
	p.speakers[name] = i
	p.t.Speakers = append(p.t.Speakers, name)
	return i
}

// addSegment appends text said by the current speaker to c, joining the
// cue's last segment when the speaker is the same.
func (p *parser) addSegment(c *Cue, text string) {
	if n := len(c.Segments); n > 0 && c.Segments[n-1].Speaker == p.current {
		c.Segments[n-1].Text += " " + text
		return
	}
	c.Segments = append(c.Segments, Segment{Text: text, Speaker: p.current})
}
