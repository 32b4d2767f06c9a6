package schema

// The episode schema spends nearly all of its time in the chapters, quotes
// and entities of a JSON episode, hundreds of small objects each walked by
// the general validator. Their $defs are simple enough to check by hand: when
// every one of them meets its definition, the schema cannot report anything
// under /chapters or /entities, and only the rest of the episode needs the
// validator. FuzzQuickValid holds this file to the schema's $defs.

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

// validChapter is $defs/chapter: start and title required, nothing else
// but summary and quotes.
func validChapter(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || !isNonNegative(m["start"]) || !isNonEmptyString(m["title"]) {
		return false
	}
	for k, v := range m {
		switch k {
		case "start", "title":
		case "summary":
			if _, ok := v.(string); !ok {
				return false
			}
		case "quotes":
			if !allValid(v, validQuote) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// validQuote is $defs/quote: text required, at and speaker optional.
func validQuote(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || !isNonEmptyString(m["text"]) {
		return false
	}
	for k, v := range m {
		switch k {
		case "text":
		case "at":
			if !isNonNegative(v) {
				return false
			}
		case "speaker":
			if !isNonEmptyString(v) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// validEntity is $defs/entity: name and type required, description
// optional.
func validEntity(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || !isNonEmptyString(m["name"]) || !isNonEmptyString(m["type"]) {
		return false
	}
	for k, v := range m {
		switch k {
		case "name", "type":
		case "description":
			if _, ok := v.(string); !ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func isNonNegative(v any) bool {
	f, ok := v.(float64)
	return ok && f >= 0
}

func isNonEmptyString(v any) bool {
	s, ok := v.(string)
	return ok && s != ""
}
