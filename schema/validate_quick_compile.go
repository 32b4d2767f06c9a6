package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// draft2020 is the only dialect the hand checks read: in older drafts the
// same keywords mean other things ($ref's siblings are ignored, items may
// be a list).
const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// annotations are keywords that never make a value invalid.
var annotations = map[string]bool{
	"$comment": true, "title": true, "description": true, "default": true, "examples": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "$defs": true,
}

// compileQuick reads a schema's text into hand checks. It never fails:
// whatever it cannot read vouches for nothing, and the validator, which
// compiles the same text, reports the schema's own errors.
func compileQuick(text []byte) *quickSchema {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber() // numbers as written: the validator compares decimals
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return &quickSchema{root: &quickNode{opaque: true}}
	}
	c := &quickCompiler{doc: doc, nodes: map[string]*quickNode{}, open: map[string]int{}}
	if m, ok := doc.(map[string]any); ok {
		c.id, _ = m["$id"].(string)
	}
	root := c.compile(doc, "", 0)
	q := &quickSchema{root: root, separable: isPlainObject(root)}
	if q.separable {
		q.parts = quickPageParts(root)
	}
	return q
}

// quickPageParts finds the subschemas of a page's reader-built parts, or
// nil when a list or an object among them has rules of its own (minItems,
// a oneOf, ...) that a field by field check would miss.
func quickPageParts(root *quickNode) *pageParts {
	chapters, entities := root.field("chapters"), root.field("entities")
	if !isPlainList(chapters) || !isPlainList(entities) {
		return nil
	}
	chapter, entity := itemsOf(chapters), itemsOf(entities)
	if !isPlainObject(chapter) || !isPlainObject(entity) {
		return nil
	}
	quotes := chapter.field("quotes")
	if !isPlainList(quotes) || !isPlainObject(itemsOf(quotes)) {
		return nil
	}
	quote := itemsOf(quotes)
	chapterNeeds, ok1 := builtRequired(chapter, []string{"start", "title", "quotes"}, "summary")
	quoteNeeds, ok2 := builtRequired(quote, []string{"text"}, "at", "speaker")
	_, ok3 := builtRequired(entity, []string{"name", "type", "description"})
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	return &pageParts{
		chapterStart: chapter.field("start"), chapterTitle: chapter.field("title"), chapterSummary: chapter.field("summary"),
		buildSummary: !chapter.field("summary").acceptsEveryString(), chapterNeedsSummary: chapterNeeds["summary"],
		quoteText: quote.field("text"), quoteAt: quote.field("at"), quoteSpeaker: quote.field("speaker"),
		quoteNeedsAt: quoteNeeds["at"], quoteNeedsSpeaker: quoteNeeds["speaker"],
		entityName: entity.field("name"), entityType: entity.field("type"), entityDescription: entity.field("description"),
	}
}

// builtRequired reads an object's `required` against the keys the reader
// always builds and those it builds only sometimes: which of the latter it
// asks for, or false when it asks for a key never built.
func builtRequired(n *quickNode, always []string, sometimes ...string) (needs map[string]bool, ok bool) {
	needs = map[string]bool{}
	for _, key := range n.required {
		switch {
		case slices.Contains(always, key):
		case slices.Contains(sometimes, key):
			needs[key] = true
		default:
			return nil, false
		}
	}
	return needs, true
}

// isPlainObject: an object meets n when each of its keys does and the
// required ones are there; nothing looks at the object as a whole.
func isPlainObject(n *quickNode) bool {
	return n.admits(kindObject) && !n.hasEnum && n.minProperties < 0 && n.maxProperties < 0 && !n.hasApplicators()
}

// isPlainList: a list meets n when each item does, the empty list too.
func isPlainList(n *quickNode) bool {
	return n.admits(kindArray) && !n.hasEnum && n.minItems < 0 && n.maxItems < 0 && !n.uniqueItems && !n.hasApplicators()
}

func itemsOf(list *quickNode) *quickNode {
	if list.items == nil {
		return anything
	}
	return list.items
}

type quickCompiler struct {
	doc   any
	id    string
	nodes map[string]*quickNode // by JSON pointer
	// open holds the subschemas being compiled, with how many instance
	// levels down each began: a $ref back to one at the same level is a
	// loop that never reaches a value.
	open map[string]int
}

func (c *quickCompiler) compile(s any, ptr string, depth int) *quickNode {
	if n, ok := c.nodes[ptr]; ok {
		return n
	}
	switch s := s.(type) {
	case bool:
		if s {
			return anything
		}
		return &quickNode{rejectAll: true}
	case map[string]any:
		c.open[ptr] = depth
		defer delete(c.open, ptr)
		if target, ok := c.onlyRef(s, depth); ok {
			// A bare reference is its target: the page checks see
			// through `{"$ref": "#/$defs/chapter"}` to the object.
			n := c.compile(c.lookupValue(target), target, depth)
			c.nodes[ptr] = n
			return n
		}
		n := newQuickNode()
		c.nodes[ptr] = n
		for key, v := range s {
			if !c.keyword(n, key, v, ptr, depth) {
				n.opaque = true
			}
		}
		n.plainString = n.admits(kindString) && !n.hasEnum && n.pattern == nil && !n.date && !n.hasApplicators()
		slices.SortFunc(n.properties, func(a, b property) int { return strings.Compare(a.name, b.name) })
		return n
	}
	return &quickNode{opaque: true}
}

// keyword reads one keyword into n, or answers false when the hand checks
// do not know it (or its value is not what the keyword takes).
func (c *quickCompiler) keyword(n *quickNode, key string, v any, ptr string, depth int) bool {
	at := ptr + "/" + escapePointer(key)
	switch key {
	case "$schema":
		return ptr == "" && v == draft2020
	case "$id":
		return ptr == "" // a nested $id would move the base of its $refs
	case "type":
		return readTypes(n, v)
	case "enum":
		list, ok := v.([]any)
		n.hasEnum, n.enum = true, enumValues(list)
		return ok
	case "const":
		n.hasEnum, n.enum = true, enumValues([]any{v})
		return true
	case "minLength":
		return readCount(&n.minLength, v)
	case "maxLength":
		return readCount(&n.maxLength, v)
	case "minItems":
		return readCount(&n.minItems, v)
	case "maxItems":
		return readCount(&n.maxItems, v)
	case "minProperties":
		return readCount(&n.minProperties, v)
	case "maxProperties":
		return readCount(&n.maxProperties, v)
	case "pattern":
		s, ok := v.(string)
		if !ok {
			return false
		}
		re, err := regexp.Compile(s) // as the validator does
		n.pattern, n.kebab = re, s == kebabPattern
		return err == nil
	case "format":
		n.date = v == "date"
		return n.date
	case "minimum":
		return readBound(&n.minimum, v)
	case "maximum":
		return readBound(&n.maximum, v)
	case "exclusiveMinimum":
		return readBound(&n.exclusiveMinimum, v)
	case "exclusiveMaximum":
		return readBound(&n.exclusiveMaximum, v)
	case "uniqueItems":
		b, ok := v.(bool)
		n.uniqueItems = b
		return ok
	case "items":
		n.items = c.compile(v, at, depth+1)
		return true
	case "properties":
		m, ok := v.(map[string]any)
		for name, sub := range m {
			n.properties = append(n.properties, property{name, c.compile(sub, at+"/"+escapePointer(name), depth+1)})
		}
		return ok
	case "additionalProperties":
		n.additional = c.compile(v, at, depth+1)
		return true
	case "required":
		list, ok := v.([]any)
		for _, r := range list {
			s, isString := r.(string)
			n.required = append(n.required, s)
			ok = ok && isString
		}
		return ok
	case "allOf", "anyOf", "oneOf":
		list, ok := v.([]any)
		subs := make([]*quickNode, len(list))
		for i, sub := range list {
			subs[i] = c.compile(sub, at+"/"+strconv.Itoa(i), depth)
		}
		switch key {
		case "allOf":
			n.allOf = append(n.allOf, subs...)
		case "anyOf":
			n.anyOf = subs
		default:
			n.oneOf = subs
		}
		return ok && len(list) > 0
	case "$ref":
		target, ok := c.refTarget(v, depth)
		if ok {
			n.allOf = append(n.allOf, c.compile(c.lookupValue(target), target, depth))
		}
		return ok
	}
	return annotations[key]
}

func readTypes(n *quickNode, v any) bool {
	names, ok := v.([]any)
	if !ok {
		names = []any{v}
	}
	kinds := map[any]jsonKind{"null": kindNull, "boolean": kindBoolean, "number": kindNumber, "integer": kindInteger,
		"string": kindString, "array": kindArray, "object": kindObject}
	for _, name := range names {
		k, known := kinds[name]
		if !known {
			return false
		}
		n.types |= 1 << k
	}
	return len(names) > 0
}

// readCount reads a non-negative whole number, as the validator does.
func readCount(dst *int, v any) bool {
	num, ok := v.(json.Number)
	if !ok {
		return false
	}
	f, err := num.Float64()
	*dst = int(f)
	return err == nil && f >= 0
}

func readBound(dst *numberBound, v any) bool {
	num, ok := v.(json.Number)
	if !ok {
		return false // draft 4's boolean exclusiveMinimum among others
	}
	f, atLimit, ok := decimalFloat(string(num))
	*dst = numberBound{set: true, limit: f, atLimit: atLimit}
	return ok
}

// decimalFloat reads a number the way the validator compares with it. The
// validator turns a value into a rational through its shortest decimal form
// (fmt.Sprint). A value v compares with the schema's number d as v compares
// with f = ParseFloat(d), except when v is f: then as f's shortest form
// compares with d, which is atLimit (0 when they are the same number).
func decimalFloat(literal string) (f float64, atLimit int, ok bool) {
	d, isNumber := new(big.Rat).SetString(literal)
	f, err := strconv.ParseFloat(literal, 64)
	if !isNumber || err != nil {
		return 0, 0, false
	}
	shortest, _ := new(big.Rat).SetString(fmt.Sprint(f))
	return f, shortest.Cmp(d), true
}

// enumValues stores an enum's numbers as float64 where an instance's float
// can equal them exactly, and leaves out the entries nothing can equal.
func enumValues(list []any) []any {
	out := make([]any, 0, len(list))
	for _, v := range list {
		if v, ok := enumValue(v); ok {
			out = append(out, v)
		}
	}
	return out
}

func enumValue(v any) (any, bool) {
	switch v := v.(type) {
	case json.Number:
		f, atLimit, ok := decimalFloat(string(v))
		return f, ok && atLimit == 0
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			var ok bool
			if out[i], ok = enumValue(item); !ok {
				return nil, false
			}
		}
		return out, true
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, item := range v {
			var ok bool
			if out[k], ok = enumValue(item); !ok {
				return nil, false
			}
		}
		return out, true
	}
	return v, true
}

// refTarget is where a $ref leads, unless it leaves this schema or loops
// back to a subschema being compiled without going down into the value.
func (c *quickCompiler) refTarget(ref any, depth int) (string, bool) {
	s, _ := ref.(string)
	target, ok := c.resolve(s)
	if d, open := c.open[target]; !ok || open && d == depth {
		return "", false
	}
	return target, true
}

// onlyRef finds the target of a subschema that is a $ref and annotations.
func (c *quickCompiler) onlyRef(s map[string]any, depth int) (string, bool) {
	ref, has := s["$ref"]
	if !has {
		return "", false
	}
	for key := range s {
		if key != "$ref" && !annotations[key] {
			return "", false
		}
	}
	return c.refTarget(ref, depth)
}

// resolve turns a $ref into a JSON pointer into this schema; refs to other
// documents, anchors and relative URLs are not followed.
func (c *quickCompiler) resolve(ref string) (string, bool) {
	if c.id != "" && strings.HasPrefix(ref, c.id+"#") {
		ref = ref[len(c.id):]
	}
	if !strings.HasPrefix(ref, "#") {
		return "", false
	}
	fragment, err := url.PathUnescape(ref[1:])
	if err != nil || fragment != "" && !strings.HasPrefix(fragment, "/") {
		return "", false
	}
	// The pointer in the form compile names subschemas by.
	var ptr strings.Builder
	if fragment != "" {
		for _, token := range strings.Split(fragment[1:], "/") {
			ptr.WriteString("/" + escapePointer(unescapePointer(token)))
		}
	}
	_, ok := c.lookup(ptr.String())
	return ptr.String(), ok
}

func (c *quickCompiler) lookupValue(ptr string) any {
	v, _ := c.lookup(ptr)
	return v
}

// lookup finds the value a JSON pointer names in the schema.
func (c *quickCompiler) lookup(ptr string) (any, bool) {
	v := c.doc
	if ptr == "" {
		return v, true
	}
	for _, token := range strings.Split(ptr[1:], "/") {
		token = unescapePointer(token)
		switch cur := v.(type) {
		case map[string]any:
			next, ok := cur[token]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(cur) {
				return nil, false
			}
			v = cur[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// unescapePointer undoes escapePointer: ~1 first, so that ~01 is ~1.
func unescapePointer(token string) string {
	if !strings.Contains(token, "~") {
		return token // most tokens: nothing to undo, nothing to build
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}
