// Package transcript is what was said in an episode: a WebVTT or SRT file
// read into timed cues with their speakers, and an index of its words that
// finds a quote, tolerant of what transcripts and show notes write
// differently (case, punctuation, filler words, skipped words), in time
// linear in the transcript and the quotes. The rules that hold a page's
// quotes and chapters to the transcript read it through this package; the
// caller reads the file (rules never open one).
package transcript

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Transcript is one episode's transcript, read and indexed.
type Transcript struct {
	// Name is how messages name the file (its base name).
	Name string
	Cues []Cue
	// Speakers are the distinct speaker labels, indexed by Segment.Speaker.
	Speakers []string
	index
}

// Cue is one timed block of the file.
type Cue struct {
	Start, End Millis
	// Line is the line of the cue's timing line in the file.
	Line     int
	Segments []Segment
}

// Segment is a run of a cue's text said by one speaker.
type Segment struct {
	Text string
	// Speaker indexes Transcript.Speakers; -1: no label.
	Speaker int
}

// Millis is a time in the episode, in milliseconds from its start.
type Millis int64

// Seconds is the time in whole seconds, rounded down, as page timestamps
// write it.
func (m Millis) Seconds() int { return int(m / 1000) }

// Error is a transcript that cannot be read, at a line of the file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Format is a transcript's file format.
type Format int

const (
	WebVTT Format = iota
	SRT
)

// FormatOf picks the format by the file's extension: .srt is SRT, anything
// else WebVTT (whose first line says so, which Read checks).
func FormatOf(path string) Format {
	if strings.EqualFold(filepath.Ext(path), ".srt") {
		return SRT
	}
	return WebVTT
}

// Read reads a transcript in the format its name says and indexes it. A
// file that is not UTF-8, has a line that is neither a timing nor text
// where one is due, a time that is not a time, a cue that ends before it
// starts, or no cue at all, is an *Error with its line.
func Read(path string, src []byte) (*Transcript, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	lines, err := splitLines(src)
	if err != nil {
		return nil, err
	}
	t := &Transcript{Name: filepath.Base(path)}
	p := &parser{t: t, speakers: map[string]int{}, current: -1}
	if FormatOf(path) == SRT {
		err = p.readSRT(lines)
	} else {
		err = p.readVTT(lines)
	}
	if err != nil {
		return nil, err
	}
	if len(t.Cues) == 0 {
		return nil, &Error{Line: max(1, len(lines)), Msg: "no cues: nothing to check quotes against"}
	}
	t.build()
	return t, nil
}

// splitLines cuts src at LF, CRLF or CR (WebVTT allows all three) and
// checks that every line is UTF-8.
func splitLines(src []byte) ([]string, error) {
	var lines []string
	for len(src) > 0 {
		end := bytes.IndexAny(src, "\r\n")
		line := src
		next := len(src)
		if end >= 0 {
			line, next = src[:end], end+1
			if src[end] == '\r' && end+1 < len(src) && src[end+1] == '\n' {
				next++
			}
		}
		if !utf8.Valid(line) {
			return nil, &Error{Line: len(lines) + 1, Msg: "not UTF-8 text"}
		}
		if bytes.IndexByte(line, 0) >= 0 {
			return nil, &Error{Line: len(lines) + 1, Msg: "holds a NUL byte: not a text file"}
		}
		lines = append(lines, string(line))
		src = src[next:]
	}
	return lines, nil
}

// parser reads cues into t.
type parser struct {
	t        *Transcript
	speakers map[string]int
	// current is the speaker of the text so far: a label stands for the
	// cues after it until the next one, as transcripts label only a change
	// of speaker.
	current int
}

// blocks calls fn with each run of non-blank lines and the line number of
// its first line; fn's error ends the walk.
func blocks(lines []string, from int, fn func(first int, block []string) error) error {
	for i := from; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		if err := fn(i+1, lines[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// readVTT reads WebVTT: the WEBVTT line and its header, then blocks that
// are comments (NOTE), style or region definitions, or cues (an optional
// identifier line, the timing line, the text).
func (p *parser) readVTT(lines []string) error {
	if len(lines) == 0 || !isVTTSignature(lines[0]) {
		return &Error{Line: 1, Msg: "not a WebVTT file: the first line must be WEBVTT"}
	}
	header := 1
	for header < len(lines) && strings.TrimSpace(lines[header]) != "" {
		header++
	}
	return blocks(lines, header, func(first int, block []string) error {
		switch word := firstWord(block[0]); {
		case word == "NOTE" || word == "STYLE" || word == "REGION":
			return nil
		case strings.Contains(block[0], "-->"):
			return p.cue(first, block[0], block[1:], '.')
		case len(block) > 1 && strings.Contains(block[1], "-->"):
			return p.cue(first+1, block[1], block[2:], '.') // block[0] is the cue's identifier
		}
		return &Error{Line: first, Msg: "expected a cue timing line (00:01:02.000 --> 00:01:05.000)"}
	})
}

func isVTTSignature(line string) bool {
	rest, ok := strings.CutPrefix(line, "WEBVTT")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

func firstWord(line string) string {
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		return line[:i]
	}
	return line
}

// readSRT reads SubRip: blocks of a cue number, the timing line and the
// text. A block without its number is taken as long as its timing line
// leads.
func (p *parser) readSRT(lines []string) error {
	return blocks(lines, 0, func(first int, block []string) error {
		switch {
		case strings.Contains(block[0], "-->"):
			return p.cue(first, block[0], block[1:], ',')
		case isNumber(strings.TrimSpace(block[0])) && len(block) > 1 && strings.Contains(block[1], "-->"):
			return p.cue(first+1, block[1], block[2:], ',')
		case isNumber(strings.TrimSpace(block[0])):
			return &Error{Line: first + 1, Msg: "expected the cue's timing line (00:01:02,000 --> 00:01:05,000) after its number"}
		}
		return &Error{Line: first, Msg: "expected a cue number or a timing line (00:01:02,000 --> 00:01:05,000)"}
	})
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cue reads one cue: its timing line at line number at, then its text.
// sep is the format's decimal separator; the other one is taken too, as
// tools write either.
func (p *parser) cue(at int, timing string, text []string, sep byte) error {
	left, right, _ := strings.Cut(timing, "-->")
	start, ok := parseTime(strings.TrimSpace(left))
	if !ok {
		return &Error{Line: at, Msg: fmt.Sprintf("the cue start %s is not a time: write hh:mm:ss%c000", describe(left), sep)}
	}
	right = strings.TrimSpace(right)
	end, ok := parseTime(firstWord(right))
	if !ok {
		return &Error{Line: at, Msg: fmt.Sprintf("the cue end %s is not a time: write hh:mm:ss%c000", describe(firstWord(right)), sep)}
	}
	if end < start {
		return &Error{Line: at, Msg: "the cue ends before it starts"}
	}
	c := Cue{Start: start, End: end, Line: at}
	for _, line := range text {
		p.addText(&c, line)
	}
	p.t.Cues = append(p.t.Cues, c)
	return nil
}

// describe shows a short piece of a bad line in a message: at most a few
// characters, quoted, so that an error never prints a transcript's text.
func describe(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 16 {
		return fmt.Sprintf("(%d characters)", utf8.RuneCountInString(s))
	}
	return fmt.Sprintf("%q", s)
}

// parseTime reads [h+:]mm:ss[.,]fff: hours optional, two-digit minutes and
// seconds below 60, a fraction of one to three digits (or none).
func parseTime(s string) (Millis, bool) {
	main, frac, hasFrac := strings.Cut(s, ".")
	if !hasFrac {
		main, frac, hasFrac = strings.Cut(s, ",")
	}
	fields := strings.Split(main, ":")
	if len(fields) < 2 || len(fields) > 3 {
		return 0, false
	}
	var total int64
	for i, f := range fields {
		if !isNumber(f) || len(f) > 6 || (i > 0 && len(f) != 2) {
			return 0, false
		}
		n := int64(0)
		for _, c := range []byte(f) {
			n = n*10 + int64(c-'0')
		}
		if i > 0 && n > 59 {
			return 0, false
		}
		total = total*60 + n
	}
	ms := total * 1000
	if hasFrac {
		if !isNumber(frac) || len(frac) > 3 {
			return 0, false
		}
		n := int64(0)
		for _, c := range []byte(frac) {
			n = n*10 + int64(c-'0')
		}
		for k := len(frac); k < 3; k++ {
			n *= 10
		}
		ms += n
	}
	return Millis(ms), true
}

// Extensions are the file extensions of transcripts, in the order a
// page's transcript is looked for by its stem.
var Extensions = []string{".vtt", ".srt"}

// Beside names the transcript of the page stem in dir: dir/stem.vtt, else
// dir/stem.srt, whichever exists as a file; "" when neither does.
func Beside(dir, stem string) string {
	for _, ext := range Extensions {
		p := filepath.Join(dir, stem+ext)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	return ""
}

// Open reads the transcript of the page stem in dir (see Beside): nil,
// and no error, when the page has none.
func Open(dir, stem string) (*Transcript, error) {
	path := Beside(dir, stem)
	if path == "" {
		return nil, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := Read(path, src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}
