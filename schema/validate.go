package schema

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
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

// episodeValidator validates episodes against one schema text: the hand
// checks and the general validator are both read from it.
type episodeValidator struct {
	quick *quickSchema
	// full is compiled on first need: most episodes pass the hand checks.
	full func() (*jsonschema.Schema, error)
}

func newEpisodeValidator(text []byte) *episodeValidator {
	return &episodeValidator{
		quick: compileQuick(text),
		full: sync.OnceValues(func() (*jsonschema.Schema, error) {
			c := newCompiler()
			if err := c.AddResource(episodeSchemaURL, bytes.NewReader(text)); err != nil {
				return nil, err
			}
			return c.Compile(episodeSchemaURL)
		}),
	}
}

// episodeValidation is built once per process, whatever the number of files.
var episodeValidation = sync.OnceValue(func() *episodeValidator { return newEpisodeValidator(episodeSchemaJSON) })

// compiled is the embedded schema, compiled for the general validator.
func compiled() (*jsonschema.Schema, error) { return episodeValidation().full() }

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
func Validate(doc *Document) ([]Violation, error) { return episodeValidation().validate(doc) }

func (v *episodeValidator) validate(doc *Document) ([]Violation, error) {
	// The hand checks first: most episodes are valid, and then the schema
	// need not even be compiled (a millisecond of a one-page run).
	var inst any
	if doc.Format == Markdown && doc.Episode != nil && doc.Instance == nil && v.quick.builtValid(doc.Episode) {
		if v.quick.pageValid(doc) {
			return nil, nil
		}
		// Same findings, without building or walking what cannot fail.
		var ptrs map[string]Span
		inst, ptrs = markdownInstance(doc, false)
		doc.Instance, doc.Pointers = nil, ptrs
	} else {
		if doc.Format == JSON && doc.Instance == nil && doc.json != nil && !doc.Broken && v.quick.root.validJSON(doc.json, "") {
			return nil, nil
		}
		inst = doc.instance()
	}
	if v.quick.valid(inst) {
		return nil, nil
	}
	sch, err := v.full()
	if err != nil {
		return nil, fmt.Errorf("compiling the episode schema: %w", err)
	}
	if pruned, ok := v.quick.pruned(inst); ok {
		inst = pruned
	}
	return validateInstance(sch, doc, inst)
}

// Extra is a user schema applied in addition to the episode schema, for
// site-specific front matter. It sees the same instance.
type Extra struct {
	Name string
	// Hash identifies the schema's text (result caches key on it).
	Hash   string
	schema *jsonschema.Schema
}

// CompileExtra compiles a user schema. Like the episode schema, it may load
// nothing: a $ref to a file or URL is refused.
func CompileExtra(name string, data []byte) (*Extra, error) {
	c := newCompiler()
	url := "file:///podlint-user/" + strings.TrimLeft(name, "/")
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Extra{Name: name, Hash: hex.EncodeToString(sum[:]), schema: sch}, nil
}

// Validate checks doc against the user schema.
func (x *Extra) Validate(doc *Document) ([]Violation, error) { return validateWith(x.schema, doc) }

func validateWith(sch *jsonschema.Schema, doc *Document) ([]Violation, error) {
	return validateInstance(sch, doc, doc.instance())
}

func validateInstance(sch *jsonschema.Schema, doc *Document, instance any) ([]Violation, error) {
	if instance == nil {
		return nil, nil
	}
	err := sch.Validate(instance)
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
			if best := deepestBranch(e); best != nil {
				// The value took one branch's shape and failed inside it:
				// that branch's errors are the useful ones.
				walk(best)
				return
			}
			// One finding for the alternatives, not one per branch.
			e = &jsonschema.ValidationError{InstanceLocation: e.InstanceLocation, Message: strings.Join(leafMessages(e), ", or ")}
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		msg := stableMessage(e.Message)
		key := e.InstanceLocation + "\x00" + msg
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Violation{Pointer: e.InstanceLocation, Message: msg, Span: doc.pointerSpan(e.InstanceLocation)})
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

// stableMessage sorts the property names of an additionalProperties
// message, which the validator lists in map order: the same page must give
// the same finding on every run.
func stableMessage(msg string) string {
	const prefix, suffix = "additionalProperties ", " not allowed"
	if !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, suffix) {
		return msg
	}
	names := strings.Split(msg[len(prefix):len(msg)-len(suffix)], ", ")
	sort.Strings(names)
	return prefix + strings.Join(names, ", ") + suffix
}

// deepestBranch returns the one alternative whose errors lie deeper in the
// instance than every other's, or nil when there is no such branch.
func deepestBranch(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	var best *jsonschema.ValidationError
	bestDepth, ties := -1, 0
	for _, c := range e.Causes {
		d := maxDepth(c)
		switch {
		case d > bestDepth:
			best, bestDepth, ties = c, d, 0
		case d == bestDepth:
			ties++
		}
	}
	if ties > 0 || bestDepth <= strings.Count(e.InstanceLocation, "/") {
		return nil
	}
	return best
}

func maxDepth(e *jsonschema.ValidationError) int {
	d := strings.Count(e.InstanceLocation, "/")
	for _, c := range e.Causes {
		d = max(d, maxDepth(c))
	}
	return d
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
		if doc.json != nil {
			if s, ok := doc.jsonSpan(ptr); ok {
				return s
			}
		} else if s, ok := doc.Pointers[ptr]; ok {
			return s
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return Span{}
		}
		ptr = ptr[:i]
	}
}

// EncodingProblem says where and why a file cannot be read as text.
type EncodingProblem struct {
	Offset  int
	Message string
}

// CheckEncoding finds the first NUL byte or invalid UTF-8 sequence.
func CheckEncoding(src []byte) *EncodingProblem {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		if !ValidUTF8(src[:i]) {
			return firstInvalid(src[:i])
		}
		return &EncodingProblem{Offset: i, Message: "NUL byte: this is a binary file, not an episode"}
	}
	if ValidUTF8(src) {
		return nil
	}
	return firstInvalid(src)
}

func firstInvalid(src []byte) *EncodingProblem {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return &EncodingProblem{Offset: i, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): episodes must be UTF-8", src[i])}
		}
		i += size
	}
	return nil
}

//go:embed config.schema.json
var configSchemaJSON []byte

// ConfigSchema returns the static parts of the schema podlint's config
// file follows: the CLI adds what the rule registry knows (each rule's
// setting and options, the names of rules and categories) and compiles it
// with CompileConfigSchema.
func ConfigSchema() []byte { return configSchemaJSON }

// ConfigSchemaValidator checks config files against a compiled config schema.
type ConfigSchemaValidator struct{ schema *jsonschema.Schema }

// CompileConfigSchema compiles the whole config schema. Like the episode
// schema, it may load nothing.
func CompileConfigSchema(text []byte) (*ConfigSchemaValidator, error) {
	c := newCompiler()
	const url = "https://podlint.dev/schema/config.schema.json"
	if err := c.AddResource(url, bytes.NewReader(text)); err != nil {
		return nil, err
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &ConfigSchemaValidator{schema: sch}, nil
}

// Validate checks a config file read with ReadYAML.
func (v *ConfigSchemaValidator) Validate(y *YAML) ([]Violation, error) {
	return validateWith(v.schema, y.Doc)
}
