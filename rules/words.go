package rules

import (
	"strconv"
	"strings"
)

// wordCount is how many pieces of text white space separates, as a reader
// counts a quote's length in a message; a lone dash counts too. What a word
// is for comparing text is schema.NextWord's.
func wordCount(text string) int { return len(strings.Fields(text)) }

func itoa(n int) string { return strconv.Itoa(n) }
