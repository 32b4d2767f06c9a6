package schema

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ValueKind is the JSON type of a Value.
type ValueKind int

const (
	Null ValueKind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is a JSON value with the span it was read from, so that findings
// and edits can point into the file. encoding/json keeps no positions.
type Value struct {
	Kind    ValueKind
	Span    Span
	Str     string
	Num     float64
	Bool    bool
	Items   []*Value
	Members []Member
}

// Member is one key of an object.
type Member struct {
	Key     string
	KeySpan Span
	Value   *Value
}

// Get returns the value of key in an object, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// maxJSONDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxJSONDepth = 512

// jsonError is a syntax error at a byte offset.
type jsonError struct {
	offset int
	msg    string
}

func (e *jsonError) Error() string { return e.msg }

// jsonParser is a strict RFC 8259 parser that records spans. Duplicate keys
// are not fatal: they are collected as problems and the last value wins, as
// with encoding/json.
type jsonParser struct {
	src []byte
	// text is src as one string: strings without escapes are slices of
	// it, not copies of their own.
	text     string
	pos      int
	problems []Problem

	// The tree is allocated in chunks, not value by value: values from
	// one slab, and each array's items and object's members from another,
	// gathered first on a stack (an array's items are known once it ends).
	values  []Value
	items   []*Value
	members []Member
	slabs   jsonSlabs
	// bufs are where the slabs come from, and where the stacks are kept.
	bufs *pageBuffers
}

// jsonSlabs hand out the parts of the tree, a chunk at a time.
type jsonSlabs struct {
	items   []*Value
	members []Member
}

// newValue returns a Value of kind from the slab, spanning from start to
// where the parser stands. Its other fields are set one by one: they are
// zero in a new slab, and a whole Value copied in would cost a write
// barrier for each of its pointers while the collector runs.
func (p *jsonParser) newValue(kind ValueKind, start int) *Value {
	v := fromSlab(&p.values, &p.bufs.values)
	v.Kind, v.Span = kind, Span{start, p.pos}
	return v
}

// ParseJSON parses src as one JSON value. Syntax problems that do not stop
// parsing (duplicate keys) are returned along with the value.
func ParseJSON(src []byte) (*Value, []Problem, error) {
	return parseJSON(src, string(src), new(pageBuffers))
}

// parseJSON is ParseJSON of src, given as text too (the same bytes): the
// strings of the values are parts of text. The tree is taken from bufs.
func parseJSON(src []byte, text string, bufs *pageBuffers) (*Value, []Problem, error) {
	p := &jsonParser{src: src, text: text, bufs: bufs, items: bufs.itemStack, members: bufs.memberStack}
	defer func() { bufs.itemStack, bufs.memberStack = p.items, p.members }()
	if len(src) >= len(bom) && string(src[:len(bom)]) == string(bom) {
		p.pos = len(bom)
	}
	p.space()
	if p.pos >= len(p.src) {
		return nil, nil, &jsonError{p.pos, "empty JSON document"}
	}
	v, err := p.value(0)
	if err != nil {
		return nil, p.problems, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.problems, p.errorf("unexpected %s after the end of the JSON document", p.describe())
	}
	return v, p.problems, nil
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &jsonError{p.pos, fmt.Sprintf(format, args...)}
}

// describe names the byte at pos for an error message.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*Value, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end of file: the JSON document is truncated")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		v := p.newValue(String, start)
		v.Str = s
		return v, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == '/':
		return nil, p.errorf("comments are not allowed in JSON")
	}
	for _, lit := range []struct {
		word string
		kind ValueKind
		b    bool
	}{{"true", Bool, true}, {"false", Bool, false}, {"null", Null, false}} {
		if p.hasPrefix(lit.word) {
			p.pos += len(lit.word)
			v := p.newValue(lit.kind, start)
			v.Bool = lit.b
			return v, nil
		}
	}
	return nil, p.errorf("unexpected %s: expected a JSON value", p.describe())
}

func (p *jsonParser) hasPrefix(s string) bool {
	return len(p.src)-p.pos >= len(s) && string(p.src[p.pos:p.pos+len(s)]) == s
}

// manyKeys is where an object's keys are found again by a map rather
// than by a look along the members read so far.
const manyKeys = 16

func (p *jsonParser) object(depth int) (*Value, error) {
	v := p.newValue(Object, p.pos)
	open := p.pos
	p.pos++
	base := len(p.members)
	var seen map[string]int // index in p.members[base:], once there are many
	comma := -1
	for first := true; ; first = false {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			if !first {
				return nil, &jsonError{comma, "trailing comma before '}'"}
			}
			break
		}
		if p.pos >= len(p.src) {
			return nil, &jsonError{open, "unexpected end of file: the object opened here is never closed"}
		}
		if p.src[p.pos] != '"' {
			if p.src[p.pos] == '/' {
				return nil, p.errorf("comments are not allowed in JSON")
			}
			return nil, p.errorf("unexpected %s: expected a key in double quotes", p.describe())
		}
		keyStart := p.pos
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		keySpan := Span{keyStart, p.pos}
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.errorf("unexpected %s: expected ':' after key %q", p.describe(), key)
		}
		p.pos++
		p.space()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m := Member{Key: key, KeySpan: keySpan, Value: val}
		members := p.members[base:]
		if i := memberIndex(members, seen, key); i >= 0 {
			p.problems = append(p.problems, Problem{Span: keySpan, Message: fmt.Sprintf("duplicate key %q: the later value is used", key)})
			members[i] = m
		} else {
			if seen == nil && len(members) == manyKeys {
				seen = make(map[string]int, 2*manyKeys)
				for i, m := range members {
					seen[m.Key] = i
				}
			}
			if seen != nil {
				seen[key] = len(members)
			}
			p.members = append(p.members, m)
		}
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			comma = p.pos
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			break
		}
		if p.pos >= len(p.src) {
			return nil, &jsonError{open, "unexpected end of file: the object opened here is never closed"}
		}
		return nil, p.errorf("unexpected %s: expected ',' or '}'", p.describe())
	}
	p.pos++
	v.Span.End = p.pos
	v.Members = take(&p.members, &p.slabs.members, &p.bufs.members, base)
	return v, nil
}

// memberIndex finds key among an object's members so far, or returns -1.
func memberIndex(members []Member, seen map[string]int, key string) int {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return i
		}
		return -1
	}
	for i, m := range members {
		if m.Key == key {
			return i
		}
	}
	return -1
}

func (p *jsonParser) array(depth int) (*Value, error) {
	v := p.newValue(Array, p.pos)
	base := len(p.items)
	open := p.pos
	p.pos++
	comma := -1
	for first := true; ; first = false {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			if !first {
				return nil, &jsonError{comma, "trailing comma before ']'"}
			}
			break
		}
		if p.pos >= len(p.src) {
			return nil, &jsonError{open, "unexpected end of file: the array opened here is never closed"}
		}
		item, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.items = append(p.items, item)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			comma = p.pos
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			break
		}
		if p.pos >= len(p.src) {
			return nil, &jsonError{open, "unexpected end of file: the array opened here is never closed"}
		}
		return nil, p.errorf("unexpected %s: expected ',' or ']'", p.describe())
	}
	p.pos++
	v.Span.End = p.pos
	v.Items = take(&p.items, &p.slabs.items, &p.bufs.items, base)
	return v, nil
}

func (p *jsonParser) number() (*Value, error) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errorf("invalid number: expected a digit")
	}
	if p.src[intStart] == '0' && p.pos-intStart > 1 {
		return nil, &jsonError{intStart, "invalid number: leading zeros are not allowed"}
	}
	intEnd := p.pos
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("invalid number: expected a digit after '.'")
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid number: expected a digit in the exponent")
		}
	}
	var f float64
	if end := p.pos; end == intEnd && end-intStart <= 15 {
		// An integer of at most 15 digits is below 2^53: the float is
		// exact, and no parse of the text is needed (timestamps, pairs).
		n := int64(0)
		for _, c := range p.src[intStart:end] {
			n = 10*n + int64(c-'0')
		}
		f = float64(n)
		if intStart > start {
			f = math.Copysign(f, -1) // -0 too, as ParseFloat reads it
		}
	} else {
		var err error
		if f, err = strconv.ParseFloat(p.text[start:p.pos], 64); err != nil {
			return nil, &jsonError{start, "number out of range"}
		}
	}
	v := p.newValue(Number, start)
	v.Num = f
	return v, nil
}

// str reads a string literal starting at the opening quote.
func (p *jsonParser) str() (string, error) {
	open := p.pos
	p.pos++
	// Most strings have no escapes: they are taken in one piece, a slice
	// of the text.
	i := p.plainRun(p.pos)
	if i < len(p.src) && p.src[i] == '"' {
		s := p.text[p.pos:i]
		p.pos = i + 1
		return s, nil
	}
	// The others are written out: each run of plain bytes whole, then what
	// stops it (a text written with every letter past ASCII as \uXXXX is
	// mostly escapes). What an escape stands for is never longer than the
	// escape, so the bytes up to the next quote mark are room enough,
	// unless that quote mark is escaped.
	var b strings.Builder
	if end := bytes.IndexByte(p.src[i:], '"'); end >= 0 {
		b.Grow(i - p.pos + end)
	}
	for {
		b.Write(p.src[p.pos:i])
		p.pos = i
		if p.pos >= len(p.src) {
			return "", &jsonError{open, "unexpected end of file: the string started here is never closed"}
		}
		switch c := p.src[p.pos]; {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf("control character %q in a string: write it as an escape", rune(c))
		default: // a backslash
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
		}
		if i = p.pos; i < len(p.src) && p.src[i] != '\\' { // escapes often come in a row
			i = p.plainRun(i)
		}
	}
}

// plainRun is the index of the first quote, backslash or control character
// of src from i on, or len(src): eight bytes at a time, the first of them
// told by the lowest byte endBytes marks.
func (p *jsonParser) plainRun(i int) int {
	for ; i+8 <= len(p.src); i += 8 {
		if m := endBytes(binary.LittleEndian.Uint64(p.src[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(p.src); i++ {
		if c := p.src[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return i
}

// endBytes marks (with its high bit) the first byte of eight that is a
// quote, a backslash or a control character, and is 0 when none is. Each
// test is the classic test for a zero byte, or for a byte under 0x20: it
// marks the lowest such byte, and may mark one above it that is not (the
// borrow of the subtraction runs upward), never one below.
func endBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ZeroBytes(x^('"'*ones)) | ZeroBytes(x^('\\'*ones)) | ((x - 0x20*ones) & ^x & highs)
}

// simpleEscape is the character the escape \c stands for, or -1 when c
// does not stand for one on its own.
func simpleEscape(c byte) rune {
	switch c {
	case '"', '\\', '/':
		return rune(c)
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return -1
}

func (p *jsonParser) escape() (rune, error) {
	p.pos++ // the backslash
	if p.pos >= len(p.src) {
		return 0, p.errorf("unexpected end of file in an escape")
	}
	if r := simpleEscape(p.src[p.pos]); r >= 0 {
		p.pos++
		return r, nil
	}
	if p.src[p.pos] != 'u' {
		return 0, p.errorf("invalid escape \\%s in a string", p.describe())
	}
	r1, err := p.hex4()
	if err != nil {
		return 0, err
	}
	if utf16.IsSurrogate(r1) && p.hasPrefix(`\u`) {
		save := p.pos
		p.pos++
		r2, err := p.hex4()
		if err == nil {
			if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
				return r, nil
			}
		}
		p.pos = save
	}
	if utf16.IsSurrogate(r1) {
		return utf8.RuneError, nil
	}
	return r1, nil
}

// hex4 reads `uXXXX` with pos at the 'u'.
func (p *jsonParser) hex4() (rune, error) {
	if len(p.src)-p.pos < 5 {
		return 0, p.errorf("unexpected end of file in a \\u escape")
	}
	n, ok := ParseHex(p.text[p.pos+1 : p.pos+5])
	if !ok {
		return 0, p.errorf("invalid \\u escape: expected four hex digits")
	}
	p.pos += 5
	return rune(n), nil
}

// ParseHex is strconv.ParseUint(h, 16, 32) for one to eight hex digits,
// without its error value: ok is false when h is empty or holds a byte
// that is no hex digit. Escapes of JSON and of leaked blobs read their
// digits with it.
func ParseHex(h string) (v uint32, ok bool) {
	for i := 0; i < len(h); i++ {
		d := hexDigits[h[i]]
		if d == 0 {
			return 0, false
		}
		v = v<<4 | uint32(d-1)
	}
	return v, len(h) > 0
}

// hexDigits is one more than the value of each hex digit, 0 for any other
// byte.
var hexDigits = [256]uint8{
	'0': 1, '1': 2, '2': 3, '3': 4, '4': 5, '5': 6, '6': 7, '7': 8, '8': 9, '9': 10,
	'a': 11, 'b': 12, 'c': 13, 'd': 14, 'e': 15, 'f': 16,
	'A': 11, 'B': 12, 'C': 13, 'D': 14, 'E': 15, 'F': 16,
}
