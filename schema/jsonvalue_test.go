package schema

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzJSONMatchesStdlib holds the span-keeping JSON parser to encoding/json:
// the same documents are accepted, they decode to the same values, and every
// value's span holds exactly the text of that value. The parser differs on
// purpose in three ways, which the target sets aside:
//
//   - A leading byte order mark is skipped (a BOM is tolerated in episode
//     files); encoding/json refuses it. The document after it is compared.
//   - Nesting deeper than maxJSONDepth is refused, so that a hostile file
//     cannot exhaust the stack; encoding/json allows 10,000 levels.
//   - Invalid UTF-8 never reaches the parser (CheckEncoding refuses the
//     file first), so the target does not compare what each makes of it.
//
// Duplicate keys are accepted by both, the later value winning; the parser
// also lists them as problems, which the target checks are real.
func FuzzJSONMatchesStdlib(f *testing.F) {
	seedFixtures(f, ".json")
	for _, s := range []string{
		`{"a":1,"a":[2,{"b":null}]}`, `[1e400]`, `-0`, `0.5e-3`, `01`, `1.`, `-`, `.5`, `1e`, `[1,]`, `{"a":1,}`,
		`"\ud83d\ude00 \ud800 \udc00x \ud800\u0041"`, `"\u00e9\/\b\f\n\r\t"`, `"\x"`, "\"a\x01\"", "\"\x7f\"",
		`  true `, `nul`, `{"a" 1}`, `{1:2}`, `/* c */ 1`, `[] []`, "\xef\xbb\xbf{\"title\": \"T\"}", ``, ` `,
		strings.Repeat("[", 600) + strings.Repeat("]", 600),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return
		}
		v, problems, err := ParseJSON(src)
		std := bytes.TrimPrefix(src, bom)
		var want any
		stdErr := json.Unmarshal(std, &want)
		var je *jsonError
		if err != nil && errors.As(err, &je) && strings.Contains(je.msg, "nested deeper") {
			return
		}
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("%q: the parser says %v, encoding/json %v", src, err, stdErr)
		}
		if err != nil {
			return
		}
		if got := plain(v); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nparser:        %#v\nencoding/json: %#v", src, got, want)
		}
		checkValueSpans(t, src, v)
		if len(problems) > 0 && !hasDuplicateKey(src) {
			t.Fatalf("%q: problems %v, but no object repeats a key", src, problems)
		}
	})
}

// checkValueSpans: each value's span, read alone, is that value.
func checkValueSpans(t *testing.T, src []byte, root *Value) {
	t.Helper()
	if len(src) > 4096 {
		return // each span is read again: keep the work linear in practice
	}
	var walk func(v *Value)
	walk = func(v *Value) {
		if v.Span.Start < 0 || v.Span.End > len(src) || v.Span.Start > v.Span.End {
			t.Fatalf("%q: span %v out of bounds", src, v.Span)
		}
		var alone any
		if err := json.Unmarshal(src[v.Span.Start:v.Span.End], &alone); err != nil || !reflect.DeepEqual(alone, plain(v)) {
			t.Fatalf("%q: span %v holds %q, not the value %#v", src, v.Span, src[v.Span.Start:v.Span.End], plain(v))
		}
		for _, item := range v.Items {
			walk(item)
		}
		for _, m := range v.Members {
			var key string
			if err := json.Unmarshal(src[m.KeySpan.Start:m.KeySpan.End], &key); err != nil || key != m.Key {
				t.Fatalf("%q: key span %v holds %q, not the key %q", src, m.KeySpan, src[m.KeySpan.Start:m.KeySpan.End], m.Key)
			}
			walk(m.Value)
		}
	}
	walk(root)
}

// hasDuplicateKey tells whether some object in the document repeats a key,
// read again with encoding/json's tokenizer.
func hasDuplicateKey(src []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(src, bom)))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].key = true
				}
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value ended: in an object, a key comes next.
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].key = true
		}
	}
}

// TestEndBytes: the lowest byte endBytes marks is the first of eight that
// is a quote, a backslash or a control character, whatever the others are
// (every byte at every place, among fillers and among random bytes), and
// it marks none when none is.
func TestEndBytes(t *testing.T) {
	ends := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	check := func(b [8]byte) {
		t.Helper()
		want := slices.IndexFunc(b[:], ends)
		got := -1
		if m := endBytes(binary.LittleEndian.Uint64(b[:])); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != want {
			t.Fatalf("%q: first end at %d, want %d", b, got, want)
		}
	}
	for _, fill := range []byte{'a', ' ', 0x7f, 0x80, 0xff, '!', '#', '[', ']', 0x01, 0x21, 0x5d} {
		for c := 0; c < 256; c++ {
			for k := range 8 {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[k] = byte(c)
				check(b)
			}
		}
	}
	rng := rand.New(rand.NewPCG(4, 4))
	pick := []byte{'"', '\\', 0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff, 'a'}
	for range 200000 {
		var b [8]byte
		for i := range b {
			if rng.IntN(2) == 0 {
				b[i] = pick[rng.IntN(len(pick))]
			} else {
				b[i] = byte(rng.IntN(256))
			}
		}
		check(b)
	}
}

// TestIntegersAsParseFloat: the integers the parser reads without
// strconv are the floats ParseFloat makes of them, sign of zero included.
func TestIntegersAsParseFloat(t *testing.T) {
	nums := []string{"0", "-0", "7", "-7", "59", "3600", "123456789012345", "-123456789012345",
		"999999999999999", "1234567890123456", "9007199254740993", "-9007199254740993", "1.5", "1e3", "-0.0"}
	for i := range 2000 {
		nums = append(nums, strconv.FormatInt(int64(i)*7919*int64(i%97+1), 10))
	}
	for _, n := range nums {
		v, _, err := ParseJSON([]byte(n))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		want, _ := strconv.ParseFloat(n, 64)
		if math.Float64bits(v.Num) != math.Float64bits(want) {
			t.Errorf("%s read as %v (%x), want %v (%x)", n, v.Num, math.Float64bits(v.Num), want, math.Float64bits(want))
		}
	}
}

// strReference is the reference for jsonParser.str: the string read one
// byte at a time, as the parser first read it. Escapes are read by escape,
// whose digits TestParseHex holds to strconv and whose values
// FuzzJSONMatchesStdlib holds to encoding/json.
func (p *jsonParser) strReference() (string, error) {
	open := p.pos
	p.pos++
	var out []byte
	for {
		if p.pos >= len(p.src) {
			return "", &jsonError{open, "unexpected end of file: the string started here is never closed"}
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(out), nil
		case c < 0x20:
			return "", p.errorf("control character %q in a string: write it as an escape", rune(c))
		case c == '\\':
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, c)
			p.pos++
		}
	}
}

// FuzzJSONStringMatchesReference holds the parser's string reader, which
// copies runs of plain bytes whole, to the byte-at-a-time reading
// (strReference): the same string, or the same error at the same offset,
// and the same place to go on from.
func FuzzJSONStringMatchesReference(f *testing.F) {
	for _, s := range []string{
		`plain"`, `caf\u00e9 \u2014 \u201cquoted\u201d"`, `\ud83d\ude00 \ud800 \udc00x \ud800\u0041"`,
		`\"\\\/\b\f\n\r\t"`, `\x"`, "a\x01\"", `\u12"`, `\u12G4"`, `\uABCDef"`, `\uabcd`, `never closed`,
		`\`, `\u`, `\ud800\`, `\ud800\u`, `\ud800\udc0`, `\ud800\uZZZZ"`, `+123"`, `\u+123"`, `\u0x12"`, `\u1_23"`,
		"\u0430\u0431\\u0432\" tail", `long run before the escape \n and after it, eight bytes and more"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := append([]byte{'"'}, data...)
		got, want := &jsonParser{src: src, text: string(src)}, &jsonParser{src: src, text: string(src)}
		s, err := got.str()
		ws, werr := want.strReference()
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: str says %v, the reference %v", src, err, werr)
		}
		if err != nil {
			var e, we *jsonError
			if !errors.As(err, &e) || !errors.As(werr, &we) || *e != *we {
				t.Fatalf("%q: str's error %#v, the reference's %#v", src, err, werr)
			}
			return
		}
		if s != ws || got.pos != want.pos {
			t.Fatalf("%q: str read %q up to %d, the reference %q up to %d", src, s, got.pos, ws, want.pos)
		}
	})
}

// TestParseHex holds ParseHex to strconv.ParseUint(h, 16, 32) on every
// string of up to eight bytes drawn from hex digits, their neighbours and
// signs and separators strconv might take.
func TestParseHex(t *testing.T) {
	alphabet := "09afAFgG/:@`+-_x "
	rng := uint32(1)
	for range 200000 {
		var h []byte
		rng = rng*1103515245 + 12345
		for range rng >> 16 % 9 {
			rng = rng*1103515245 + 12345
			h = append(h, alphabet[rng>>16%uint32(len(alphabet))])
		}
		got, ok := ParseHex(string(h))
		want, err := strconv.ParseUint(string(h), 16, 32)
		if ok != (err == nil) || ok && uint64(got) != want {
			t.Fatalf("ParseHex(%q) = %d, %v; strconv %d, %v", h, got, ok, want, err)
		}
	}
}
