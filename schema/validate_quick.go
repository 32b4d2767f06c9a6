package schema

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// The general validator costs more than reading a page: it walks hundreds of
// small chapter, quote and entity objects, and even a page's few top-level
// keys take it microseconds. The episode schema is simple enough to check by
// hand, in two steps: quickValid answers "certainly valid" for a whole
// episode, and when it cannot, prunedInstance spares the validator the
// chapter and entity lists that meet their $defs. Either way, anything in
// doubt goes to the validator, which words the findings. FuzzQuickValid
// holds this file to episode.schema.json.

// quickValid tells whether inst certainly meets the episode schema.
func quickValid(inst any) bool {
	top, ok := inst.(map[string]any)
	if !ok || !isNonEmptyString(top["title"]) {
		return false
	}
	for k, v := range top {
		if !quickValidKey(k, v) {
			return false
		}
	}
	return true
}

// quickValidPage is quickValid for a Markdown page whose reader-built parts
// are valid (constructedValid), without building its instance: the title
// and the front matter keys that markdownInstance would carry.
func quickValidPage(doc *Document) bool {
	ep := doc.Episode
	hasTitle := false
	if fm := ep.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if modelKeys[f.Key] && (f.Key != "title" || ep.Title != nil) {
				continue // the page's own title and summary stand instead
			}
			if !quickValidKey(f.Key, f.Value) {
				return false
			}
			hasTitle = hasTitle || f.Key == "title"
		}
	}
	if ep.Title != nil {
		if strings.TrimSpace(ep.Title.Value) == "" {
			return false
		}
		hasTitle = true
	}
	return hasTitle
}

// quickValidKey checks one top-level key against its property schema; keys
// the schema does not name are allowed.
func quickValidKey(k string, v any) bool {
	switch k {
	case "title":
		return isNonEmptyString(v)
	case "summary":
		return isString(v)
	case "chapters":
		return allValid(v, validChapter)
	case "entities":
		return allValid(v, validEntity)
	case "slug":
		return isKebab(v)
	case "published":
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	case "duration":
		if isNonNegative(v) {
			return true
		}
		s, ok := v.(string)
		return ok && durationRe.MatchString(s)
	case "tags":
		list, ok := v.([]any)
		if !ok {
			return false
		}
		seen := make(map[string]bool, len(list))
		for _, t := range list {
			if !isKebab(t) || seen[t.(string)] {
				return false
			}
			seen[t.(string)] = true
		}
		return true
	case "seo_title":
		return runesBetween(v, 1, 60)
	case "seo_description":
		return runesBetween(v, 1, 160)
	case "confidence":
		return confidenceDef.valid(v)
	}
	return true
}

// durationRe is the string form of properties/duration.
var durationRe = regexp.MustCompile(`^([0-9]+:)?[0-5]?[0-9]:[0-5][0-9]$`)

// isKebab is $defs/kebab: ^[a-z0-9]+(-[a-z0-9]+)*$.
func isKebab(v any) bool {
	s, ok := v.(string)
	if !ok || s == "" || s[0] == '-' || s[len(s)-1] == '-' {
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

// runesBetween: v is a string of lo to hi characters.
func runesBetween(v any, lo, hi int) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	n := utf8.RuneCountInString(s)
	return lo <= n && n <= hi
}

// prunedInstance returns inst with valid chapter and entity lists emptied,
// or ok false when a list needs the validator's word.
func prunedInstance(inst any) (pruned map[string]any, ok bool) {
	top, isMap := inst.(map[string]any)
	if !isMap {
		return nil, false
	}
	chapters, hasChapters := top["chapters"]
	entities, hasEntities := top["entities"]
	if !hasChapters && !hasEntities {
		return nil, false // nothing to spare
	}
	if hasChapters && !allValid(chapters, validChapter) || hasEntities && !allValid(entities, validEntity) {
		return nil, false
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

// allValid: v is an array whose every item is valid.
func allValid(v any, valid func(any) bool) bool {
	list, ok := v.([]any)
	if !ok {
		return false
	}
	for _, item := range list {
		if !valid(item) {
			return false
		}
	}
	return true
}

// objectDef is an object schema with additionalProperties false: the keys it
// may have, each with its check, and those it must have.
type objectDef struct {
	keys     map[string]func(any) bool
	required []string
}

func (o objectDef) valid(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, k := range o.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	for k, v := range m {
		if check, ok := o.keys[k]; !ok || !check(v) {
			return false
		}
	}
	return true
}

// The object schemas of episode.schema.json.
var (
	chapterDef = objectDef{required: []string{"start", "title"}, keys: map[string]func(any) bool{
		"start": isNonNegative, "title": isNonEmptyString, "summary": isString,
		"quotes": func(v any) bool { return allValid(v, validQuote) },
	}}
	quoteDef = objectDef{required: []string{"text"}, keys: map[string]func(any) bool{
		"text": isNonEmptyString, "at": isNonNegative, "speaker": isNonEmptyString,
	}}
	entityDef = objectDef{required: []string{"name", "type"}, keys: map[string]func(any) bool{
		"name": isNonEmptyString, "type": isNonEmptyString, "description": isString,
	}}
	confidenceDef = objectDef{required: []string{"score"}, keys: map[string]func(any) bool{
		"score":     func(v any) bool { f, ok := v.(float64); return ok && f >= 0 && f <= 1 },
		"rationale": isString,
	}}
)

func validChapter(v any) bool { return chapterDef.valid(v) }
func validQuote(v any) bool   { return quoteDef.valid(v) }
func validEntity(v any) bool  { return entityDef.valid(v) }

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

func isNonNegative(v any) bool {
	f, ok := v.(float64)
	return ok && f >= 0
}

func isNonEmptyString(v any) bool {
	s, ok := v.(string)
	return ok && s != ""
}
