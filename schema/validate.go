package schema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed episode.schema.json
var episodeSchemaJSON []byte

// EpisodeSchema returns the embedded schema's text.
func EpisodeSchema() []byte { return episodeSchemaJSON }

const episodeSchemaURL = "https://podlint.dev/schema/episode.schema.json"

// compiled is built once per process, whatever the number of files.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := newCompiler()
	if err := c.AddResource(episodeSchemaURL, bytes.NewReader(episodeSchemaJSON)); err != nil {
		return nil, err
	}
	return c.Compile(episodeSchemaURL)
})

// newCompiler returns a draft 2020-12 compiler that asserts formats and
// loads nothing: by default it would open any file:// or http:// $ref.
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(url string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("podlint loads no schema from %s", url)
	}
	return c
}

// Violation is one leaf error of schema validation.
type Violation struct {
	Pointer string // instance location, e.g. /chapters/3/summary
	Message string
	Span    Span
}

// Validate checks the document's instance against the episode schema. The
// validator's error order is not stable, so leaves are collected and sorted.
func Validate(doc *Document) ([]Violation, error) {
	if doc.Instance == nil {
		return nil, nil
	}
	sch, err := compiled()
	if err != nil {
		return nil, fmt.Errorf("compiling the episode schema: %w", err)
	}
	err = sch.Validate(doc.Instance)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []Violation
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if strings.HasSuffix(e.KeywordLocation, "/oneOf") || strings.HasSuffix(e.KeywordLocation, "/anyOf") {
			// One finding for the alternatives, not one per branch.
			e = &jsonschema.ValidationError{InstanceLocation: e.InstanceLocation, Message: strings.Join(leafMessages(e), ", or ")}
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		key := e.InstanceLocation + "\x00" + e.Message
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Violation{Pointer: e.InstanceLocation, Message: e.Message, Span: doc.pointerSpan(e.InstanceLocation)})
	}
	walk(ve)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		return a.Message < b.Message
	})
	return out, nil
}

func leafMessages(e *jsonschema.ValidationError) []string {
	if len(e.Causes) == 0 {
		return []string{e.Message}
	}
	var out []string
	for _, c := range e.Causes {
		out = append(out, leafMessages(c)...)
	}
	return out
}

// pointerSpan finds the span of the deepest known element on the pointer's
// path: a missing key is reported at the object that lacks it.
func (doc *Document) pointerSpan(ptr string) Span {
	for {
		if s, ok := doc.Pointers[ptr]; ok {
			return s
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return Span{}
		}
		ptr = ptr[:i]
	}
}

// EncodingError says why a file cannot be read as text.
type EncodingError struct {
	Offset  int
	Message string
}

func (e *EncodingError) Error() string { return e.Message }

// CheckEncoding finds the first NUL byte or invalid UTF-8 sequence.
func CheckEncoding(src []byte) *EncodingError {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		if !utf8.Valid(src[:i]) {
			return firstInvalid(src[:i])
		}
		return &EncodingError{Offset: i, Message: "NUL byte: this is a binary file, not an episode"}
	}
	if utf8.Valid(src) {
		return nil
	}
	return firstInvalid(src)
}

func firstInvalid(src []byte) *EncodingError {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return &EncodingError{Offset: i, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): episodes must be UTF-8", src[i])}
		}
		i += size
	}
	return nil
}
