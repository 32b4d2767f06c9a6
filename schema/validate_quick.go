package schema

import (
	"math"
	"reflect"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// The general validator costs more than reading a page: it walks hundreds of
// small chapter, quote and entity objects, and even a page's few top-level
// keys take it microseconds. So the episode schema is also compiled into
// hand checks (compileQuick, in validate_quick_compile.go), in two steps:
// quickSchema.valid answers "certainly valid" for a whole episode, and when
// it cannot, quickSchema.pruned spares the validator the chapter and entity
// lists that meet their $defs. Either way, anything in doubt goes to the
// validator, which words the findings.
//
// The checks are read from the schema's text, never copied from it: a
// changed limit changes them, and a keyword they do not know makes its
// subschema vouch for nothing (TestQuickFollowsSchema changes the schema in
// memory; FuzzQuickValid holds the checks to the validator).

// jsonKind is the JSON type of an instance value.
type jsonKind uint8

const (
	kindNull jsonKind = iota
	kindBoolean
	kindNumber
	kindString
	kindArray
	kindObject
	// kindInteger is only a type name: an integer is a number.
	kindInteger
)

// typeSet is the `type` keyword as a set of kinds; empty means any type.
type typeSet uint8

func (t typeSet) has(k jsonKind) bool { return t == 0 || t&(1<<k) != 0 }

// numberBound is one of minimum, maximum, exclusiveMinimum and
// exclusiveMaximum. The validator compares a value's shortest decimal form
// with the schema's number exactly; a float64 comparison with the float
// nearest the bound agrees with it, except when the value is that float:
// then atLimit is the validator's answer, the sign of (the float's shortest
// form − the bound).
type numberBound struct {
	set     bool
	limit   float64
	atLimit int
}

// quickNode is one subschema, compiled for the hand checks. Its valid
// methods answer whether a value certainly meets it: true is a promise,
// false only means "ask the validator".
type quickNode struct {
	// opaque: a keyword the hand checks do not know; the node vouches for
	// nothing. rejectAll: the schema `false`.
	opaque, rejectAll bool
	// plainString: a string meets n when its length does (most of the
	// fields of an episode); set once the node is compiled.
	plainString bool

	types   typeSet
	hasEnum bool
	enum    []any // const is an enum of one

	minLength, maxLength int // -1 when absent
	pattern              *regexp.Regexp
	kebab                bool // the pattern is kebabPattern, checked by hand
	date                 bool // format: date

	minimum, maximum, exclusiveMinimum, exclusiveMaximum numberBound

	items              *quickNode // nil: any item
	minItems, maxItems int
	uniqueItems        bool

	properties                   []property // a few keys: a scan beats hashing
	required                     []string
	additional                   *quickNode // nil: any other key
	minProperties, maxProperties int

	allOf, anyOf, oneOf []*quickNode // $ref is one more allOf
}

// property is one entry of `properties`.
type property struct {
	name string
	node *quickNode
}

func newQuickNode() *quickNode {
	return &quickNode{minLength: -1, maxLength: -1, minItems: -1, maxItems: -1, minProperties: -1, maxProperties: -1}
}

// anything is the schema `true` (or `{}`).
var anything = newQuickNode()

// kebabPattern is $defs/kebab's pattern, which isKebab checks without a
// regexp.
const kebabPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// valid tells whether v certainly meets n.
func (n *quickNode) valid(v any) bool {
	switch v := v.(type) {
	case string:
		return n.validString(v)
	case float64:
		return n.validNumber(v)
	case []any:
		return n.validArray(v)
	case map[string]any:
		return n.validObject(v)
	case bool:
		return n.validScalar(v, kindBoolean)
	case nil:
		return n.validScalar(v, kindNull)
	}
	return false // not a JSON value the hand checks know
}

// admits checks what every kind of value meets first: a node that vouches,
// and a type that allows the value's kind.
func (n *quickNode) admits(k jsonKind) bool {
	return !n.opaque && !n.rejectAll && n.types.has(k)
}

// rejects tells whether v of kind k certainly fails n: what oneOf needs to
// know of the branches v does not take.
func (n *quickNode) rejects(k jsonKind, v any) bool {
	if n.rejectAll {
		return true
	}
	if k == kindNumber {
		return !n.admitsNumber(v.(float64))
	}
	return !n.types.has(k)
}

// admitsNumber: the type allows f, a number, or an integer when f is whole.
func (n *quickNode) admitsNumber(f float64) bool {
	return n.types.has(kindNumber) || n.types.has(kindInteger) && f == math.Trunc(f)
}

// applicators checks allOf ($ref), anyOf and oneOf with the check of one
// branch and the value itself, for oneOf's rejections.
func (n *quickNode) applicators(k jsonKind, v any, valid func(*quickNode) bool) bool {
	for _, sub := range n.allOf {
		if !valid(sub) {
			return false
		}
	}
	if len(n.anyOf) > 0 {
		some := false
		for _, sub := range n.anyOf {
			if valid(sub) {
				some = true
				break
			}
		}
		if !some {
			return false
		}
	}
	if len(n.oneOf) > 0 {
		taken := 0
		for _, sub := range n.oneOf {
			switch {
			case valid(sub):
				taken++
			case !sub.rejects(k, v):
				return false // it might pass too: only the validator knows
			}
		}
		if taken != 1 {
			return false
		}
	}
	return true
}

func (n *quickNode) hasApplicators() bool {
	return len(n.allOf) > 0 || len(n.anyOf) > 0 || len(n.oneOf) > 0
}

func (n *quickNode) validString(s string) bool {
	if n.plainString {
		return n.lengthOK(s)
	}
	if !n.admits(kindString) {
		return false
	}
	if n.hasEnum && !inEnum(n.enum, s) {
		return false
	}
	if !n.lengthOK(s) {
		return false
	}
	switch {
	case n.kebab:
		if !isKebab(s) {
			return false
		}
	case n.pattern != nil:
		if !n.pattern.MatchString(s) {
			return false
		}
	}
	if n.date {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return false
		}
	}
	if !n.hasApplicators() {
		return true
	}
	return n.applicators(kindString, s, func(sub *quickNode) bool { return sub.validString(s) })
}

// lengthOK is minLength and maxLength, in characters; the byte length
// answers most cases without counting (a character is one to four bytes).
func (n *quickNode) lengthOK(s string) bool {
	if n.minLength > 0 && len(s) < n.minLength {
		return false
	}
	countMin := n.minLength > 0 && len(s) < n.minLength*utf8.UTFMax
	countMax := n.maxLength >= 0 && len(s) > n.maxLength
	if !countMin && !countMax {
		return true
	}
	count := utf8.RuneCountInString(s)
	return count >= n.minLength && (n.maxLength < 0 || count <= n.maxLength)
}

func (n *quickNode) validNumber(f float64) bool {
	if n.opaque || n.rejectAll || !n.admitsNumber(f) {
		return false
	}
	if n.hasEnum && !inEnum(n.enum, f) {
		return false
	}
	if !atLeast(f, n.minimum, false) || !atLeast(f, n.exclusiveMinimum, true) ||
		!atMost(f, n.maximum, false) || !atMost(f, n.exclusiveMaximum, true) {
		return false
	}
	if !n.hasApplicators() {
		return true
	}
	return n.applicators(kindNumber, f, func(sub *quickNode) bool { return sub.validNumber(f) })
}

func atLeast(f float64, b numberBound, exclusive bool) bool {
	return !b.set || f > b.limit || f == b.limit && (b.atLimit > 0 || b.atLimit == 0 && !exclusive)
}

func atMost(f float64, b numberBound, exclusive bool) bool {
	return !b.set || f < b.limit || f == b.limit && (b.atLimit < 0 || b.atLimit == 0 && !exclusive)
}

func (n *quickNode) validScalar(v any, k jsonKind) bool {
	if !n.admits(k) || n.hasEnum && !inEnum(n.enum, v) {
		return false
	}
	return !n.hasApplicators() || n.applicators(k, v, func(sub *quickNode) bool { return sub.valid(v) })
}

func (n *quickNode) validArray(list []any) bool {
	if !n.admits(kindArray) || n.hasEnum && !inEnum(n.enum, list) {
		return false
	}
	if n.minItems >= 0 && len(list) < n.minItems || n.maxItems >= 0 && len(list) > n.maxItems {
		return false
	}
	if n.items != nil {
		for _, item := range list {
			if !n.items.valid(item) {
				return false
			}
		}
	}
	if n.uniqueItems && !distinct(list) {
		return false
	}
	return !n.hasApplicators() || n.applicators(kindArray, list, func(sub *quickNode) bool { return sub.validArray(list) })
}

func (n *quickNode) validObject(m map[string]any) bool {
	if !n.admits(kindObject) || n.hasEnum && !inEnum(n.enum, m) {
		return false
	}
	if n.minProperties >= 0 && len(m) < n.minProperties || n.maxProperties >= 0 && len(m) > n.maxProperties {
		return false
	}
	for _, k := range n.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	for k, v := range m {
		if !n.field(k).valid(v) {
			return false
		}
	}
	return !n.hasApplicators() || n.applicators(kindObject, m, func(sub *quickNode) bool { return sub.validObject(m) })
}

// validJSON is valid for the instance jsonInstance builds from v, the value
// of key in its object, checked on the parsed tree itself: most episodes
// meet the schema, and then their instance is never built. What it does
// not follow (enums, uniqueItems, anyOf and oneOf on lists and objects, a
// raw quotes list with more than strings and pairs) answers false: the
// instance is built and checked as before.
func (n *quickNode) validJSON(v *Value, key string) bool {
	switch v.Kind {
	case String:
		if key == "start" || key == "at" {
			if ts := JSONTime(v); ts.Valid {
				return n.validNumber(float64(ts.Seconds))
			}
		}
		return n.validString(v.Str)
	case Number:
		return n.validNumber(v.Num)
	case Bool:
		return n.validScalar(v.Bool, kindBoolean)
	case Null:
		return n.validScalar(nil, kindNull)
	case Array:
		if key == "quotes" && isRawQuotes(v) {
			return n.validRawQuotes(v)
		}
		if !n.plainList(len(v.Items)) || n.uniqueItems && !distinctValues(v.Items) {
			return false
		}
		if n.items != nil {
			for _, item := range v.Items {
				if !n.items.validJSON(item, "") {
					return false
				}
			}
		}
	case Object:
		if !n.plainObject(len(v.Members)) {
			return false
		}
		for _, k := range n.required {
			if v.Get(k) == nil {
				return false
			}
		}
		for _, m := range v.Members {
			if !n.field(m.Key).validJSON(m.Value, m.Key) {
				return false
			}
		}
	}
	// A list or an object ($ref is an allOf).
	for _, sub := range n.allOf {
		if !sub.validJSON(v, key) {
			return false
		}
	}
	return true
}

// plainList tells whether a list of length items meets n's own checks
// but for its items, when n has none that validJSON leaves alone.
func (n *quickNode) plainList(length int) bool {
	return n.admits(kindArray) && !n.hasEnum && len(n.anyOf) == 0 && len(n.oneOf) == 0 &&
		(n.minItems < 0 || length >= n.minItems) && (n.maxItems < 0 || length <= n.maxItems)
}

// plainObject is plainList for an object of so many keys.
func (n *quickNode) plainObject(keys int) bool {
	return n.admits(kindObject) && !n.hasEnum && len(n.anyOf) == 0 && len(n.oneOf) == 0 &&
		(n.minProperties < 0 || keys >= n.minProperties) && (n.maxProperties < 0 || keys <= n.maxProperties)
}

// validRawQuotes is validJSON for a raw quotes list, which the instance
// holds as rawQuotesInstance reads it: each string a {"text": ...} object,
// the time pairs left out.
func (n *quickNode) validRawQuotes(v *Value) bool {
	texts := 0
	for _, item := range v.Items {
		switch _, pair := JSONPair(item); {
		case item.Kind == String:
			texts++
		case item.Kind != Array || !pair:
			return false // kept as written (plain), which validJSON does not follow
		}
	}
	if !n.plainList(texts) || n.uniqueItems {
		return false
	}
	if n.items != nil {
		for _, item := range v.Items {
			if item.Kind == String && !n.items.validTextQuote(item.Str) {
				return false
			}
		}
	}
	for _, sub := range n.allOf {
		if !sub.validRawQuotes(v) {
			return false
		}
	}
	return true
}

// maxDistinctScan is the longest list distinctValues compares pair by
// pair; a longer one is left to the instance's check.
const maxDistinctScan = 64

// distinctValues is distinct for the items of a parsed list: strings,
// numbers, booleans and nulls that no two are equal, as the instance's
// values compare.
func distinctValues(items []*Value) bool {
	if len(items) > maxDistinctScan {
		return false
	}
	for i, a := range items {
		switch a.Kind {
		case String, Number, Bool, Null:
		default:
			return false
		}
		for _, b := range items[:i] {
			if a.Kind == b.Kind && a.Str == b.Str && a.Num == b.Num && a.Bool == b.Bool {
				return false
			}
		}
	}
	return true
}

// validTextQuote is validJSON for the quote {"text": s}.
func (n *quickNode) validTextQuote(s string) bool {
	if !n.plainObject(1) || !n.field("text").validString(s) {
		return false
	}
	for _, k := range n.required {
		if k != "text" {
			return false
		}
	}
	for _, sub := range n.allOf {
		if !sub.validTextQuote(s) {
			return false
		}
	}
	return true
}

// field is the subschema a value under key must meet in an object of n.
func (n *quickNode) field(key string) *quickNode {
	for _, p := range n.properties {
		if p.name == key {
			return p.node
		}
	}
	if n.additional != nil {
		return n.additional
	}
	return anything
}

// acceptsEveryString: any string meets n, so a string need not even be
// built to be checked (a page's joined paragraphs).
func (n *quickNode) acceptsEveryString() bool {
	return n.plainString && n.minLength <= 0 && n.maxLength < 0
}

// inEnum compares as the validator does; compileQuick stored the schema's
// numbers as float64 only where that comparison is exact.
func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		switch e := e.(type) {
		case string:
			if s, ok := v.(string); ok && s == e {
				return true
			}
		case float64:
			if f, ok := v.(float64); ok && f == e {
				return true
			}
		default:
			if reflect.DeepEqual(e, v) {
				return true
			}
		}
	}
	return false
}

// distinct is uniqueItems for lists of strings, numbers, booleans and nulls;
// a list holding arrays or objects is left to the validator.
func distinct(list []any) bool {
	seen := make(map[any]bool, len(list))
	for _, item := range list {
		switch item.(type) {
		case string, float64, bool, nil:
		default:
			return false
		}
		if seen[item] {
			return false
		}
		seen[item] = true
	}
	return true
}

// isKebab is kebabPattern: ^[a-z0-9]+(-[a-z0-9]+)*$.
func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// quickSchema is the episode schema compiled for the hand checks.
type quickSchema struct {
	root *quickNode
	// separable: the root judges each top-level key on its own (type,
	// properties, required, additionalProperties only), so one key's value
	// can be checked, or set aside, without the others.
	separable bool
	// parts checks the chapters, quotes and entities a page's reader builds
	// field by field, without building them; nil when the schema's rules
	// for them are beyond that (every page then goes to the validator
	// whole).
	parts *pageParts
}

// valid tells whether inst certainly meets the episode schema.
func (q *quickSchema) valid(inst any) bool { return q.root.valid(inst) }

// pruned returns inst with valid chapter and entity lists emptied, or ok
// false when a list needs the validator's word.
func (q *quickSchema) pruned(inst any) (pruned map[string]any, ok bool) {
	top, isMap := inst.(map[string]any)
	if !isMap || !q.separable {
		return nil, false
	}
	chapters, hasChapters := top["chapters"]
	entities, hasEntities := top["entities"]
	if !hasChapters && !hasEntities {
		return nil, false // nothing to spare
	}
	for _, list := range []struct {
		key   string
		value any
		has   bool
	}{{"chapters", chapters, hasChapters}, {"entities", entities, hasEntities}} {
		// The emptied list must meet the schema as the real one does.
		if node := q.root.field(list.key); list.has && (!node.valid(list.value) || !node.validArray([]any{})) {
			return nil, false
		}
	}
	pruned = make(map[string]any, len(top))
	for k, v := range top {
		pruned[k] = v
	}
	if hasChapters {
		pruned["chapters"] = []any{}
	}
	if hasEntities {
		pruned["entities"] = []any{}
	}
	return pruned, true
}

// pageValid is valid for a Markdown page whose reader-built parts meet the
// schema (builtValid), without building its instance: the title, the
// summary and the front matter keys that markdownInstance would carry.
func (q *quickSchema) pageValid(doc *Document) bool {
	if q.parts == nil {
		return false
	}
	ep := doc.Episode
	if fm := ep.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if modelKeys[f.Key] && (f.Key != "title" || ep.Title != nil) {
				continue // the page's own title and summary stand instead
			}
			if !q.root.field(f.Key).valid(f.Value) {
				return false
			}
		}
	}
	if ep.Title != nil && !q.root.field("title").validString(strings.TrimSpace(ep.Title.Value)) {
		return false
	}
	if summary := q.root.field("summary"); !summary.acceptsEveryString() {
		if prose := ep.Summary(); len(prose) > 0 && !summary.validString(joinProse(prose)) {
			return false
		}
	}
	for _, key := range q.root.required {
		if !pageHas(ep, key) {
			return false
		}
	}
	return true
}

// pageHas tells whether a page's instance has the top-level key.
func pageHas(ep *Episode, key string) bool {
	switch key {
	case "chapters":
		return true
	case "entities":
		return ep.Entities != nil
	case "summary":
		return len(ep.Summary()) > 0
	case "title":
		if ep.Title != nil {
			return true
		}
	default:
		if modelKeys[key] {
			return false
		}
	}
	_, ok := ep.FrontMatter.Lookup(key)
	return ok
}

// pageParts are the subschemas of what a page's reader builds itself: each
// chapter is {start, title, summary when it has prose, quotes}, each quote
// {text, at when timed, speaker when named}, each entity {name, type,
// description}. The lists themselves are plain (type and items only), and
// `required` asks for no key the reader never builds.
type pageParts struct {
	chapterStart, chapterTitle, chapterSummary *quickNode
	// buildSummary: a chapter's summary must be joined to be checked.
	buildSummary, chapterNeedsSummary bool

	quoteText, quoteAt, quoteSpeaker *quickNode
	quoteNeedsAt, quoteNeedsSpeaker  bool

	entityName, entityType, entityDescription *quickNode
}

// builtValid tells whether the parts of a page's instance that the reader
// built (chapters, quotes, entities) certainly meet the episode schema.
// Their types and keys hold by construction, so their fields are checked
// from the model; validating them again cannot find anything then, and
// skipping them is most of the validation's cost.
func (q *quickSchema) builtValid(ep *Episode) bool {
	p := q.parts
	if p == nil {
		return false
	}
	for _, c := range ep.Chapters {
		if !p.chapterValid(c) {
			return false
		}
	}
	if ep.Entities != nil {
		for _, e := range ep.Entities.Entities {
			if e.Malformed == "" && !p.entityValid(e) {
				return false
			}
		}
	}
	return true
}

func (p *pageParts) chapterValid(c *Chapter) bool {
	if !p.chapterTitle.validString(strings.TrimSpace(c.Title.Value)) || !p.chapterStart.validNumber(float64(c.Start.Seconds)) {
		return false
	}
	if p.buildSummary || p.chapterNeedsSummary {
		prose := c.Prose()
		if len(prose) == 0 && p.chapterNeedsSummary || len(prose) > 0 && !p.chapterSummary.validString(joinProse(prose)) {
			return false
		}
	}
	for _, b := range c.Blocks {
		if b.Kind == QuoteBlock && b.Quote.Pair == nil && !p.quoteValid(b.Quote) {
			return false
		}
	}
	return true
}

func (p *pageParts) quoteValid(q *Quote) bool {
	if !p.quoteText.validString(q.Words) {
		return false
	}
	if q.At != nil && q.At.Valid {
		if !p.quoteAt.validNumber(float64(q.At.Seconds)) {
			return false
		}
	} else if p.quoteNeedsAt {
		return false
	}
	if q.Speaker != nil {
		return p.quoteSpeaker.validString(q.Speaker.Value)
	}
	return !p.quoteNeedsSpeaker
}

func (p *pageParts) entityValid(e Entity) bool {
	return p.entityName.validString(e.Name.Value) && p.entityType.validString(e.Type.Value) &&
		p.entityDescription.validString(e.Description.Value)
}
