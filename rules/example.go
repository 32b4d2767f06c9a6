package rules

import "strings"

// ExamplePage is the page a documentation example stands for: a rule's Bad
// and Good, a fixer's Before and After. An example is an excerpt, so it is
// set where it belongs in the smallest page around it:
//
//   - front matter (`---`) starts the page, and a title, a summary and a
//     chapter follow it;
//   - a title (`# `) is the whole page;
//   - a chapter or Entities heading (`## `) follows a title and a summary;
//   - an entity bullet (`- `) follows those, a chapter and `## Entities`;
//   - a quote (`> `) or a comment (`<!--`) follows a title, a summary and
//     the start of a chapter;
//   - anything else is the summary, under a title.
//
// The tests hold every example to it: a rule flags its Bad page and not its
// Good one, and a fixer turns its Before page into its After page.
func ExamplePage(excerpt string) string {
	const (
		title   = "# Maps That Lie — Ada Pemberton\n\n"
		summary = "Cartographer Ada Pemberton explains why every flat map distorts something.\n\n"
		chapter = "## [00:00] Cold open\n\nAda opens with the claim that no map is neutral.\n\n"
	)
	var head string
	switch {
	case strings.HasPrefix(excerpt, "---\n"):
		return excerpt + "\n" + title + summary + strings.TrimSuffix(chapter, "\n")
	case strings.HasPrefix(excerpt, "# "):
	case strings.HasPrefix(excerpt, "## "):
		head = title + summary
	case strings.HasPrefix(excerpt, "- "):
		head = title + summary + chapter + "## Entities\n\n"
	case strings.HasPrefix(excerpt, "> "), strings.HasPrefix(excerpt, "<!--"):
		head = title + summary + chapter
	default:
		head = title
	}
	return head + excerpt + "\n"
}
