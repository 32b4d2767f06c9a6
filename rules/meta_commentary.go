package rules

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/schema"
)

var metaCommentary = &Rule{
	Name:     "meta-commentary",
	Category: Content,
	Severity: Error,
	Title:    "The writer's own notes printed as content",
	Doc: `The model that writes a page sometimes leaves its notes to itself in it: a placeholder it
did not fill (` + "`[insert guest bio]`" + `, ` + "`{{title}}`" + `, ` + "`TODO:`" + `), words it says as an AI ("As an AI language
model…"), the chat around the text ("Here is the summary:", "I hope this helps"), or talk about
its source ("the transcript is unclear here", "the audio cuts out", "this section stands in
for…", "Speaker 1"). Published, they tell every reader that nobody read the page.

The rule looks for a fixed set of phrases, each matched as whole words, without regard to
case unless said otherwise, in the title, the front matter's title, seo_title and
seo_description, the summary, chapter titles and paragraphs, other sections, entity
descriptions and speakers. The phrases marked *not in quotes* are left alone in a quote's
words, where a guest may say them about their own work; a phrase inside backticks (code) or
right after an opening quote mark (a citation: the chapter is about what assistants say) is
not reported either. Talk about a transcript is reported only with words that make it a note
on the source: "the transcript of the trial", "she transcribed letters" and "the court
transcript is unclear about who spoke" are content.

| phrase (the name ` + "`remove`" + ` takes) | what it matches |
|---|---|
` + metaPhraseTable() + `
The option ` + "`add`" + ` adds phrases of your own (matched everywhere, quotes included, whole words,
without regard to case); ` + "`remove`" + ` turns built-in phrases off by the names above. There is no
fix: what the note stands for is an editor's call.`,
	Bad:     "## [00:00] Cold open\n\nAda opens with the claim that no map is neutral. The transcript is unclear here, but she seems to mean every map.",
	Good:    "## [00:00] Cold open\n\nAda opens with the claim that no map is neutral, and reads from the transcript of the 1884 conference.",
	Run:     runMetaCommentary,
	Options: []AnyOption{metaAdd, metaRemove},
}

var metaAdd = &Option[[]string]{
	Name:    "add",
	Doc:     "more phrases to report, matched as whole words without regard to case, quotes included.",
	Schema:  `{"type": "array", "items": {"type": "string", "minLength": 1}}`,
	Default: []string{},
}

var metaRemove = &Option[[]string]{
	Name:    "remove",
	Doc:     "built-in phrases not to report, by the names the rule's documentation lists.",
	Schema:  `{"type": "array", "items": {"enum": ` + metaPhraseNames() + `}}`,
	Default: []string{},
}

// What a phrase says of the text it is found in, for the message.
const (
	metaPlaceholder = "a placeholder left unfilled"
	metaAI          = "the writer speaking as an AI"
	metaChat        = "the writer talking to whoever asked for the text"
	metaSource      = "the writer's note about its source"
	metaMarker      = "a transcription marker for words nobody wrote down"
	metaUser        = "a phrase the config reports"
)

// metaPhrase is one entry of the built-in set.
type metaPhrase struct {
	// Name is how the documentation and the option remove name it.
	Name string
	// Matches says in words what the pattern matches, for the docs.
	Matches string
	Kind    string
	// quotes is set when a quote's words may not hold it either: no
	// guest says it about their own work.
	quotes bool
	// unless lists words that, right after a match, make it content:
	// "the transcript is unclear about who spoke" is a historian's.
	unless []string
	// needs are anchors, one of which every match holds (lower case; a
	// space stands for any white space, and any byte outside ASCII for
	// any other): a text that holds none is not searched. Most hold none.
	needs []string
	// within are finer anchors, for a phrase whose needs prose holds
	// often ("an ai", "i don"): a text must hold one of each list. They
	// are anchors where case folds within ASCII; a text that holds ſ or
	// the Kelvin sign, which (?i) reads as s and k, is searched on needs
	// alone.
	within []string
	re     *lazyre.Regexp
}

// Anchors several phrases share (see metaPhrase.needs).
var (
	hereIs       = []string{"here is", "here are", "here's", "here’s"}
	theSourceIs  = sourceAnd("is", "was", "seems", "appears", "gets", "becomes")
	theSourceDid = sourceAnd("does not", "doesn", "did not", "didn")
)

// each is every prefix followed by every one of words.
func each(prefixes []string, words ...string) []string {
	var out []string
	for _, p := range prefixes {
		for _, w := range words {
			out = append(out, p+w)
		}
	}
	return out
}

// sourceAnd is each name of the page's source followed by each of verbs.
func sourceAnd(verbs ...string) []string {
	return each([]string{"transcript ", "transcription ", "audio ", "recording ", "video ", "source ", "source text "}, verbs...)
}

// bracketed is "[" before each of words, and "[ " (a space may follow).
func bracketed(words ...string) []string {
	out := []string{"[ "}
	for _, w := range words {
		out = append(out, "["+w)
	}
	return out
}

// The apostrophe, straight or curly.
const apos = `['’]`

// whAfter are the words that make a remark on a transcript a remark on
// its content: "unclear about who spoke", "unclear whether…".
var whAfter = []string{"about", "on", "as to", "whether", "if", "who", "whom", "whose", "what", "when", "where", "why", "how", "which", "regarding", "concerning"}

var metaPhrases = []*metaPhrase{
	{Name: "[insert …]", needs: bracketed("insert", "add", "placeholder", "todo", "tbd", "fill in", "replace with", "guest", "host", "episode", "name of", "link", "url", "citation needed"), Kind: metaPlaceholder, quotes: true,
		Matches: "a bracketed instruction or blank: `[insert …]`, `[add …]`, `[placeholder]`, `[TODO …]`, `[TBD]`, `[fill in …]`, `[replace with …]`, `[guest name]`, `[guest bio]`, `[host name]`, `[episode title]`, `[name of …]`, `[link]`, `[URL]`, `[citation needed]`",
		re:      lazyre.New(`(?i)\[\s*(?:insert|add|placeholder|todo|tbd|fill in|replace with|guest` + apos + `?s? (?:name|bio)|host` + apos + `?s? name|episode (?:title|number)|name of|link(?: to| here)?|url|citation needed)\b[^\[\]\n]{0,80}\]`)},
	{Name: "{{…}}", needs: []string{"{{", "${"}, Kind: metaPlaceholder, quotes: true,
		Matches: "a template marker: `{{title}}`, `{{ guest.name }}`, `${name}`",
		re:      lazyre.New(`\{\{[^{}\n]{0,80}\}\}|\$\{[A-Za-z_][\w.]{0,40}\}`)},
	{Name: "{field_name}", needs: []string{"{"}, Kind: metaPlaceholder, quotes: true,
		Matches: "a format field: `{guest_name}`, `{title}`, `{name}`, `{guest}`, `{host}`, `{summary}`, `{date}`, `{topic}`, `{episode}`, `{description}`",
		re:      lazyre.New(`\{(?:[a-z]+(?:_[a-z]+)+|title|name|guest|host|summary|date|topic|episode|description)\}`)},
	{Name: "<placeholder>", needs: []string{"<"}, Kind: metaPlaceholder, quotes: true,
		Matches: "an angle-bracket blank: `<placeholder>`, `<insert …>`, `<TODO>`, `<TBD>`, `<guest name>`, `<host name>`, `<episode title>`, `<name>`",
		re:      lazyre.New(`(?i)<\s*(?:placeholder|insert\b[^<>\n]{0,60}|todo|tbd|guest` + apos + `?s? name|host name|episode title|name)\s*>`)},
	todoPhrase("TODO"),
	todoPhrase("TBD"),
	todoPhrase("FIXME"),
	{Name: "lorem ipsum", needs: []string{"lorem ipsum"}, Kind: metaPlaceholder, quotes: true,
		Matches: "filler text: `lorem ipsum`",
		re:      lazyre.New(`(?i)\blorem ipsum\b`)},
	{Name: "as an AI language model", needs: []string{"language model"}, Kind: metaAI, quotes: true,
		Matches: "`as an AI language model` (also `… large language model`); `as a language model` and `as a large language model` only before `I` (`as a language model, I…`): a guest may say what a model works as",
		re:      lazyre.New(`(?i)\bas an AI (?:large )?language model\b|\bas an? (?:large )?language model,? I\b`)},
	{Name: "as an AI, I", needs: []string{"as an ai"}, Kind: metaAI, quotes: true,
		Matches: "`as an AI, I…` (also `as an AI assistant/model/chatbot, I`): a bare `as an AI` is left alone (`as an AI researcher, she…`)",
		re:      lazyre.New(`(?i)\bas an AI(?: assistant| model| chatbot| system)?,? I\b`)},
	{Name: "I am an AI", needs: []string{"an ai"}, within: each([]string{"i am ", "i'm ", "i’m "}, "an ai", "just an ai", "only an ai"), Kind: metaAI,
		Matches: "`I am an AI` / `I'm an AI` (also `… AI assistant/model/language model`) before a punctuation mark or `and`, `so`, `trained`; *not in quotes*",
		re:      lazyre.New(`(?i)\bI(?:` + apos + `m| am) (?:just |only )?an AI(?: language model| assistant| model| chatbot)?(?:[,.;!]|\s+(?:and|so|trained|developed|created)\b)`)},
	{Name: "my knowledge cutoff", needs: []string{"my knowledge cut", "my training"}, Kind: metaAI,
		Matches: "`my knowledge cutoff`, `my training data`, `my training cutoff`; *not in quotes*",
		re:      lazyre.New(`(?i)\bmy (?:knowledge cut-?off|training (?:data|cut-?off))\b`)},
	{Name: "I don't have access to the audio", needs: []string{"i do not", "i don", "i can", "i am unable", "i could"}, Kind: metaAI,
		within:  each([]string{"not ", "n't ", "n’t ", "unable to "}, "have access to ", "access ", "browse ", "listen to ", "watch ", "hear ", "see ", "view ", "open "),
		Matches: "`I don't / do not / cannot / can't / am unable to / couldn't` + `have access to / access / browse / listen to / watch / hear / see / view / open` + `the / this / that / your` + `audio / video / transcript / recording / episode / link / file / attachment / internet / web`; *not in quotes*",
		re:      lazyre.New(`(?i)\bI (?:do not|don` + apos + `t|cannot|can` + apos + `t|am unable to|could not|couldn` + apos + `t) (?:have access to|access|browse|listen to|watch|hear|see|view|open) (?:the|this|that|your) (?:audio|video|transcript|recording|internet|web|episode|link|file|attachment)\b`)},
	{Name: "here is the summary", needs: hereIs, Kind: metaChat, quotes: true,
		within:  each([]string{"here is ", "here are ", "here's ", "here’s "}, "the ", "a", "your "),
		Matches: "`here is / here's / here are` + `the / a / an / your` + (`brief`, `revised`, `updated`, `final`…) + `summary / show notes / chapters / title / description / rewrite / version / entities`, then a colon, `of/for the episode/podcast/transcript/conversation/interview/video/audio/discussion/text`, or `you`/`I`",
		re:      lazyre.New(`(?i)\bhere(?:` + apos + `s| is| are) (?:the|a|an|your) (?:(?:brief|short|concise|revised|updated|rewritten|final|requested|edited|cleaned-up|polished|improved) )?(?:summary|summaries|show notes|chapter summary|chapter summaries|chapters|chapter titles|titles?|description|episode summary|rewrite|rewritten (?:text|version)|revised (?:text|version)|version|entities|entity list|list of entities)(?:\s*:|\s+(?:of|for) (?:the|this|your) (?:episode|podcast|transcript|conversation|interview|video|audio|discussion|text)\b|\s+(?:you|I)\b)`)},
	{Name: "sure, here is", needs: hereIs, within: []string{"sure", "certainly", "of course", "absolutely", "ok"}, Kind: metaChat,
		Matches: "`Sure / Certainly / Of course / Absolutely / Okay`, then `here is / here's / here are`, at the start of a text or line; *not in quotes*",
		re:      lazyre.New(`(?im)^[ \t]*(?:sure|certainly|of course|absolutely|okay|ok)[,!.]?\s+here(?:` + apos + `s| is| are)\b`)},
	{Name: "I hope this helps", needs: []string{"i hope "}, Kind: metaChat,
		Matches: "`I hope this/that helps`, `I hope this summary…`, `I hope this is helpful`; *not in quotes*",
		re:      lazyre.New(`(?i)\bI hope (?:this|that|the above) (?:helps|summary|is helpful|was helpful)\b`)},
	{Name: "let me know if you'd like", needs: []string{"let me know if you"}, Kind: metaChat,
		Matches: "`let me know if you('d/would) like/want/need` + `me to`, `any changes/adjustments/edits`, `a shorter/longer/different…`; *not in quotes*",
		re:      lazyre.New(`(?i)\blet me know if you(?:` + apos + `d| would)? (?:like|want|need) (?:me to|any (?:changes|adjustments|edits)|a (?:shorter|longer|different))\b`)},
	{Name: "would you like me to", needs: []string{"would you like me to"}, Kind: metaChat,
		Matches: "`would you like me to`; *not in quotes*",
		re:      lazyre.New(`(?i)\bwould you like me to\b`)},
	{Name: "the transcript is unclear", needs: theSourceIs, Kind: metaSource, unless: whAfter,
		Matches: "`the transcript / audio / recording / video` + `is / was / seems / appears / gets / becomes` + (`a bit`, `somewhat`, `partly`…) + `unclear / garbled / inaudible / muffled / distorted / cut off / truncated / unintelligible / hard to make out/follow/hear/read`, unless `about`, `on`, `as to`, `whether` or a wh-word follows; *not in quotes*",
		re:      lazyre.New(`(?i)\bthe (?:transcript|transcription|audio|recording|video) (?:is|was|seems|appears|gets|becomes) (?:(?:a bit|somewhat|rather|partly|partially|largely|mostly|very) )?(?:unclear|garbled|inaudible|muffled|distorted|cut off|truncated|unintelligible|hard to (?:make out|follow|hear|read))\b`)},
	{Name: "the audio cuts out", needs: []string{"cuts o", "cut o", "breaks o", "drops o", "trails o"}, Kind: metaSource,
		Matches: "`the / this` + `transcript / audio / recording / video / clip` + `cuts / breaks / drops / trails` + `off / out`; *not in quotes*",
		re:      lazyre.New(`(?i)\b(?:the|this) (?:transcript|transcription|audio|recording|video|clip) (?:cuts|cut|breaks|drops|trails) (?:off|out)\b`)},
	{Name: "the transcript does not say", needs: theSourceDid, Kind: metaSource,
		Matches: "`the transcript / audio / recording / source` + `does not / doesn't / did not / didn't` + (`clearly`) + `say / specify / make clear / clarify / state / indicate`; *not in quotes*",
		re:      lazyre.New(`(?i)\bthe (?:transcript|transcription|audio|recording|source(?: text)?) (?:does not|doesn` + apos + `t|did not|didn` + apos + `t) (?:clearly )?(?:say|specify|make (?:it )?clear|clarify|state|indicate)\b`)},
	{Name: "in this transcript", needs: []string{"this transcript", "this video", "the provided ", "the given ", "the supplied ", "the attached ", "the uploaded ", "the above ", "the following "}, Kind: metaSource, unless: []string{"of"},
		Matches: "`in / from / based on / according to / per / throughout` + `this transcript / this transcription / this video`, or + `the provided / given / supplied / attached / uploaded / above / following` + `transcript / transcription / audio / video / recording / text / source text / material / content / episode`, unless `of` follows; *not in quotes*",
		re:      lazyre.New(`(?i)\b(?:in|from|based on|according to|per|throughout) (?:this (?:transcript|transcription|video)|the (?:provided|given|supplied|attached|uploaded|above|following) (?:transcript|transcription|audio|video|recording|text|source text|material|content|episode))\b`)},
	{Name: "not stated in the transcript", needs: []string{"in the transcript", "in the audio", "in the recording", "in the video", "in the source"}, Kind: metaSource,
		Matches: "`not / never / isn't / wasn't / aren't` + (`explicitly`, `clearly`) + `specified / stated / provided / given / clear` + `in the transcript / audio / recording / video / source`; *not in quotes*",
		re:      lazyre.New(`(?i)\b(?:not|never|isn` + apos + `t|wasn` + apos + `t|aren` + apos + `t) (?:explicitly |clearly )?(?:specified|stated|provided|given|clear) in the (?:transcript|transcription|audio|recording|video|source)\b`)},
	{Name: "this section stands in for", needs: []string{"stands in for", "placeholder", "generated"}, Kind: metaSource,
		within:  []string{"stands in for", "a placeholder", "s generated", "s auto", "been generated", "been auto"},
		Matches: "`this / the following / the above / the previous / the next` + `section / chapter / summary / paragraph / part / segment / note / text` + `stands in for / is a placeholder / serves as a placeholder / was/has been/is (auto-)generated`; *not in quotes*",
		re:      lazyre.New(`(?i)\b(?:this|the (?:following|above|previous|next)) (?:section|chapter|summary|paragraph|part|segment|note|text) (?:stands in for|is a placeholder|serves as a placeholder|(?:was|has been|is) (?:auto-?)?generated)\b`)},
	{Name: "this summary is based on", needs: []string{"this summary", "above summary", "following summary", "below summary"}, Kind: metaSource,
		Matches: "`in / for this summary`, or `this / the above / the following / the below summary` + `is based on / was based on / draws on / does not / doesn't / omits / may not / might not / only covers / covers only / is limited to / was written from / is drawn from`; *not in quotes*",
		re:      lazyre.New(`(?i)\b(?:in|for) this summary\b|\b(?:this|the (?:above|following|below)) summary (?:is based on|was based on|draws on|does not|doesn` + apos + `t|omits|may not|might not|only covers|covers only|is limited to|was written from|is drawn from)\b`)},
	{Name: "[inaudible]", needs: bracketed("inaudible", "unintelligible", "indistinct", "cross", "garbled", "unclear", "audio", "transcript"), Kind: metaMarker, quotes: true,
		Matches: "a transcription marker in brackets: `[inaudible]`, `[unintelligible]`, `[indistinct]`, `[crosstalk]`, `[garbled]`, `[unclear]`, `[audio cuts out]`, `[transcript unclear]`, with up to 20 more characters (`[inaudible 00:12:03]`)",
		re:      lazyre.New(`(?i)\[\s*(?:inaudible|unintelligible|indistinct|cross-?talk|garbled|unclear|audio (?:cuts|drops) out|transcript unclear)\b[^\[\]\n]{0,20}\]`)},
	{Name: "Speaker 1", needs: []string{"speaker_", "speaker ", "unknown speaker"}, Kind: metaMarker, quotes: true,
		Matches: "a diarization label, in this case only: `Speaker 1` … `Speaker 99`, `Speaker A` … `Speaker D`, `SPEAKER_00`, `Unknown Speaker`",
		re:      lazyre.New(`\b(?:SPEAKER_\d{1,2}|(?:Speaker|SPEAKER) (?:\d{1,2}|[A-D])|Unknown [Ss]peaker)\b`)},
}

// todoPhrase is a writer's marker in capitals, in this case only, where it
// marks work left: at the start of a text or line, in brackets or
// parentheses, or before a colon. "TODO comments" and "the date is TBD"
// are content.
func todoPhrase(word string) *metaPhrase {
	return &metaPhrase{Name: word, Kind: metaPlaceholder, quotes: true, needs: []string{strings.ToLower(word)},
		Matches: "`" + word + "` in capitals, at the start of a text or line, after `[` or `(`, or before `:`",
		re:      lazyre.New(`(?m)(?:^[ \t]*|[\[(][ \t]*)` + word + `\b|\b` + word + `[ \t]*:`)}
}

func metaPhraseTable() string {
	var b strings.Builder
	for _, ph := range metaPhrases {
		b.WriteString("| `" + strings.ReplaceAll(ph.Name, "|", `\|`) + "` | " + strings.ReplaceAll(ph.Matches, "|", `\|`) + " |\n")
	}
	return b.String()
}

func metaPhraseNames() string {
	names := make([]string, len(metaPhrases))
	for i, ph := range metaPhrases {
		names[i] = ph.Name
	}
	return jsonStrings(names)
}

// jsonStrings writes names as a JSON array.
func jsonStrings(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = schema.JSONString(n)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// metaSet is the phrases a config reports, with the automata that find
// their anchors.
type metaSet struct {
	phrases []*metaPhrase
	anchors *anchorScanner
	// within finds the finer anchors of the phrases refined has a bit of;
	// it is built when a text first needs it (few pages do).
	within  func() *anchorScanner
	refined uint64
}

// metaSets caches the sets of phrases, by the options that make them:
// pages checked with one config share one.
var metaSets sync.Map // string → *metaSet

func phrasesOf(cfg *Config) *metaSet {
	removed, added := metaRemove.In(cfg), metaAdd.In(cfg)
	key := strings.Join(removed, "\x00") + "\x01" + strings.Join(added, "\x00")
	if set, ok := metaSets.Load(key); ok {
		return set.(*metaSet)
	}
	set := &metaSet{}
	for _, ph := range metaPhrases {
		if !slices.Contains(removed, ph.Name) {
			set.phrases = append(set.phrases, ph)
		}
	}
	for _, phrase := range added {
		words := strings.Fields(phrase)
		if len(words) == 0 {
			continue
		}
		// Its first word (or, opening with a mark, its first byte) is
		// the anchor: the phrase's words may stand any white space apart.
		// The scanner reads a byte outside ASCII as any such byte, so a
		// word outside ASCII is no anchor: its letters in other case may
		// take more bytes or fewer (Ⱥ, ⱥ), and the phrase is tried in
		// every text.
		needs := []string{phrase[:1]}
		if start, end := schema.NextWord(phrase, 0); start == 0 && end > 0 {
			needs = []string{strings.ToLower(phrase[:end])}
			if !ascii(phrase[:end]) {
				needs = nil
			}
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		set.phrases = append(set.phrases, &metaPhrase{Name: phrase, Kind: metaUser, quotes: true, needs: needs,
			re: lazyre.New(`(?i)` + strings.Join(words, `\s+`))})
	}
	needs, within := make([][]string, len(set.phrases)), make([][]string, len(set.phrases))
	for i, ph := range set.phrases {
		needs[i], within[i] = ph.needs, ph.within
		if len(ph.within) > 0 && i < 64 {
			set.refined |= 1 << i
		}
	}
	set.anchors = newAnchorScanner(needs)
	set.within = sync.OnceValue(func() *anchorScanner { return newAnchorScanner(within) })
	actual, _ := metaSets.LoadOrStore(key, set)
	return actual.(*metaSet)
}

// anchorScanner tells, in one pass over a text, which of a list of
// phrases may match in it: an Aho–Corasick automaton over the phrases'
// anchors. It reads ASCII letters without regard to case, any white
// space as a space and any byte outside ASCII as any other; a phrase past
// the 64th is tried on every text.
//
// A step of the automaton is a table read that waits for the step before:
// the states where an anchor ends are numbered last, so that a step tests
// one number for them, and a page is read as four parts at once, four walks
// whose reads overlap (see anchorHits).
type anchorScanner struct {
	class [256]uint8 // byte → its column in next; 0: in no anchor
	// columns is a power of two, 1<<shift: a state is stored as its row's
	// offset in next (state<<shift), so that a move costs no multiply.
	columns, shift int
	next           []uint32 // row offset + column → the next state's row offset
	found          []uint64 // state → the phrases an anchor ending there is of
	// start is the row offset of the state before any byte; from the row
	// offset accepting on, states end an anchor.
	start, accepting uint32
	// longest is the length of the longest anchor.
	longest int
	always  uint64
}

// anchorByte is how the scanner reads a byte.
func anchorByte(c byte) byte {
	switch {
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	case c == '\t' || c == '\n' || c == '\r' || c == '\f': // \s in a pattern
		return ' '
	case c >= utf8.RuneSelf:
		return utf8.RuneSelf
	}
	return c
}

func newAnchorScanner(needs [][]string) *anchorScanner {
	a := &anchorScanner{columns: 1}
	most := 1 // states the trie may need: one, and one a byte of an anchor
	for _, anchors := range needs {
		for _, anchor := range anchors {
			a.longest = max(a.longest, len(anchor))
			most += len(anchor)
			for j := 0; j < len(anchor); j++ {
				if c := anchorByte(anchor[j]); a.class[c] == 0 {
					a.class[c] = uint8(a.columns)
					a.columns++
				}
			}
		}
	}
	for c := range a.class {
		a.class[c] = a.class[anchorByte(byte(c))]
	}
	for a.columns > 1<<a.shift {
		a.shift++
	}
	a.columns = 1 << a.shift
	// The trie first, in a table made once (a process builds it before it
	// reads its first page); none marks the moves it lacks.
	const none = ^uint32(0)
	a.next, a.found = make([]uint32, 0, most*a.columns), make([]uint64, 0, most)
	at := func(state uint32, col int) *uint32 { return &a.next[int(state)*a.columns+col] }
	addState := func() uint32 {
		row := a.next[len(a.next) : len(a.next)+a.columns]
		for i := range row {
			row[i] = none
		}
		a.next = a.next[:len(a.next)+a.columns]
		a.found = append(a.found, 0)
		return uint32(len(a.found) - 1)
	}
	addState()
	for p, anchors := range needs {
		if p >= 64 || len(anchors) == 0 {
			if p < 64 {
				a.always |= 1 << p
			}
			continue
		}
		for _, anchor := range anchors {
			state := uint32(0)
			for j := 0; j < len(anchor); j++ {
				col := int(a.class[anchor[j]])
				if *at(state, col) == none {
					next := addState()
					*at(state, col) = next
				}
				state = *at(state, col)
			}
			a.found[state] |= 1 << p
		}
	}
	// Then the failure links, breadth first: a move the trie lacks goes
	// where the longest anchor prefix that ends there would. The states
	// are added in the order they are reached, so the queue is a window
	// of one slice.
	fail := make([]uint32, len(a.found))
	queue := make([]uint32, 0, len(a.found))
	for col := range a.columns {
		if s := *at(0, col); s == none {
			*at(0, col) = 0
		} else {
			queue = append(queue, s)
		}
	}
	for head := 0; head < len(queue); head++ {
		state := queue[head]
		a.found[state] |= a.found[fail[state]]
		row, failRow := a.next[int(state)*a.columns:][:a.columns], a.next[int(fail[state])*a.columns:][:a.columns]
		for col, s := range row {
			if s == none {
				row[col] = failRow[col]
				continue
			}
			fail[s] = failRow[col]
			queue = append(queue, s)
		}
	}
	a.acceptLast()
	return a
}

// acceptLast numbers the states again, those where no anchor ends first,
// and makes the moves row offsets. The rows move in place, a cycle of the
// renumbering at a time: the table is built once, not copied.
func (a *anchorScanner) acceptLast() {
	n := len(a.found)
	order := make([]uint32, 0, n) // new number → old
	for _, accepts := range []bool{false, true} {
		for s, found := range a.found {
			if (found != 0) == accepts {
				order = append(order, uint32(s))
			}
		}
	}
	renumbered := make([]uint32, n) // old number → new
	accepting := n
	for s, old := range order {
		renumbered[old] = uint32(s)
		if a.found[old] != 0 && accepting == n {
			accepting = s
		}
	}
	row := func(s int) []uint32 { return a.next[s*a.columns:][:a.columns] }
	done := make([]bool, n)
	held := make([]uint32, a.columns)
	for s := range n {
		if done[s] {
			continue
		}
		done[s] = true
		// Each place on the cycle through s takes the row of order[place];
		// the last one takes the row s held.
		copy(held, row(s))
		heldFound, place := a.found[s], s
		for int(order[place]) != s {
			from := int(order[place])
			copy(row(place), row(from))
			a.found[place] = a.found[from]
			done[from], place = true, from
		}
		copy(row(place), held)
		a.found[place] = heldFound
	}
	for i, s := range a.next {
		a.next[i] = renumbered[s] << a.shift
	}
	a.start = renumbered[0] << a.shift
	a.accepting = uint32(accepting) << a.shift
}

// scan is the set of phrases (bit p for phrase p) whose anchors text
// holds.
func (a *anchorScanner) scan(text string) uint64 {
	found := a.always
	for _, h := range anchorHits(a, text, nil) {
		found |= h.found
	}
	return found
}

// scanEach sets found[i] to scan(texts[i]) for every text. The texts a
// page reads alone (a JSON page's) are mostly too short for anchorHits to
// cut in four, and a step of the automaton waits for the step before; so
// four texts are read at once, in four lanes whose steps overlap. A lane
// that reaches the end of its text takes the next text not yet read; the
// last texts, once fewer than four are left, are read one at a time.
func (a *anchorScanner) scanEach(texts []string, found []uint64) {
	for i := range found {
		found[i] = a.always
	}
	if a.longest == 0 {
		return
	}
	next, accepting, shift := a.next, a.accepting, a.shift
	// Each lane has the rest of its text (t), the text's index (w) and
	// the state it is in (r); a lane with no text left has w == -1.
	var t [4]string
	w := [4]int{-1, -1, -1, -1}
	var r [4]uint32
	taken := 0
	for {
		lanes := 0
		for k := range 4 {
			for t[k] == "" && taken < len(texts) {
				t[k], w[k], r[k] = texts[taken], taken, a.start
				taken++
			}
			if t[k] == "" {
				w[k] = -1
			} else {
				lanes++
			}
		}
		if lanes < 4 {
			break
		}
		m := min(len(t[0]), len(t[1]), len(t[2]), len(t[3]))
		p0, p1, p2, p3 := t[0][:m], t[1][:m], t[2][:m], t[3][:m]
		r0, r1, r2, r3 := r[0], r[1], r[2], r[3]
		for i := 0; i < len(p0); i++ {
			r0 = next[r0+uint32(a.class[p0[i]])]
			r1 = next[r1+uint32(a.class[p1[i]])]
			r2 = next[r2+uint32(a.class[p2[i]])]
			r3 = next[r3+uint32(a.class[p3[i]])]
			if max(r0, r1, r2, r3) >= accepting {
				for k, row := range [4]uint32{r0, r1, r2, r3} {
					if row >= accepting {
						found[w[k]] |= a.found[row>>shift]
					}
				}
			}
		}
		r = [4]uint32{r0, r1, r2, r3}
		for k := range 4 {
			t[k] = t[k][m:]
		}
	}
	for k := range 4 {
		if w[k] < 0 {
			continue
		}
		row := r[k]
		for i := 0; i < len(t[k]); i++ {
			row = next[row+uint32(a.class[t[k][i]])]
			if row >= accepting {
				found[w[k]] |= a.found[row>>shift]
			}
		}
	}
}

// anchorHit is where an anchor ends in a text: at is the offset of its
// last byte, found the phrases whose anchors end there.
type anchorHit struct {
	at    int
	found uint64
}

// anchorHits appends to out where the anchors of a end in src (a page's
// bytes or a text), in order.
//
// A step of the automaton is a table read that waits for the step before,
// so a long source is read as four parts at once, whose reads overlap: each
// part after the first starts longest-1 bytes early, so that it holds whole
// every anchor that ends in it (an anchor ends at most longest-1 bytes after
// it starts), and records the ends from its own start on (those before,
// the part before records).
func anchorHits[T string | []byte](a *anchorScanner, src T, out []anchorHit) []anchorHit {
	if a.longest == 0 {
		return out // no anchors (a config may remove every phrase)
	}
	back := a.longest - 1
	q := len(src) / 4
	if q < 2*back+16 {
		_, out = record(a, a.start, src, 0, 0, out)
		return out
	}
	starts := [4]int{0, q - back, 2*q - back, 3*q - back}
	parts := [4]T{src[:q], src[q-back : 2*q], src[2*q-back : 3*q], src[3*q-back:]}
	var found [4][]anchorHit // each part's, in order; most texts have none
	next, accepting := a.next, a.accepting
	p0, p1, p2, p3 := parts[0], parts[1][:q], parts[2][:q], parts[3][:q]
	r0, r1, r2, r3 := a.start, a.start, a.start, a.start
	for i := 0; i < q; i++ {
		r0 = next[r0+uint32(a.class[p0[i]])]
		r1 = next[r1+uint32(a.class[p1[i]])]
		r2 = next[r2+uint32(a.class[p2[i]])]
		r3 = next[r3+uint32(a.class[p3[i]])]
		if max(r0, r1, r2, r3) >= accepting {
			for k, row := range [4]uint32{r0, r1, r2, r3} {
				if at := starts[k] + i; row >= accepting && at >= k*q {
					found[k] = append(found[k], anchorHit{at, a.found[row>>a.shift]})
				}
			}
		}
	}
	rows := [4]uint32{r0, r1, r2, r3}
	out = append(out, found[0]...)
	for k := 1; k < 4; k++ {
		out = append(out, found[k]...)
		_, out = record(a, rows[k], parts[k][q:], starts[k]+q, k*q, out)
	}
	return out
}

// record walks text from the state row, appending to out where anchors end
// from the offset from on; text starts at offset base. It returns the row
// it ends in.
func record[T string | []byte](a *anchorScanner, row uint32, text T, base, from int, out []anchorHit) (uint32, []anchorHit) {
	next, accepting := a.next, a.accepting
	for i := 0; i < len(text); i++ {
		row = next[row+uint32(a.class[text[i]])]
		if row >= accepting && base+i >= from {
			out = append(out, anchorHit{base + i, a.found[row>>a.shift]})
		}
	}
	return row, out
}

// hitsIn is the phrases whose anchors end in src[start:end], by the page's
// hits: a superset of what scan answers for that text, since an anchor may
// start before it. As candidates are only what the patterns then try, the
// findings are the same.
func hitsIn(hits []anchorHit, start, end int) uint64 {
	var found uint64
	i, _ := slices.BinarySearchFunc(hits, start, func(h anchorHit, at int) int { return cmp.Compare(h.at, at) })
	for ; i < len(hits) && hits[i].at < end; i++ {
		found |= hits[i].found
	}
	return found
}

func runMetaCommentary(p *Pass) {
	set := phrasesOf(p.Config)
	texts := pageTexts(p)
	reportMeta(p, set, texts, metaHitsOf(p, set, texts))
}

// reportMeta reports the phrases of set in texts, trying in each text the
// phrases its hits name (bit p for phrase p; those past the 64th in every
// text). Hits may name phrases a text does not hold: the patterns decide,
// so that more hits cost time, never a finding.
func reportMeta(p *Pass, set *metaSet, texts []pageText, hits []uint64) {
	for i, t := range texts {
		hit := hits[i]
		if hit == 0 && len(set.phrases) <= 64 {
			continue // no phrase may match (those past the 64th are tried in every text)
		}
		var code []schema.Span
		if strings.Contains(t.Text, "`") {
			code = codeSpans(t.Text)
		}
		var taken []schema.Span // offsets in t.Text already reported
		// The text with its ASCII letters in lower case, made when a
		// phrase first asks what it holds (see lazyre.Regexp.Needs): most
		// texts an anchor lets through hold none of the words their
		// phrase's pattern needs, and a pattern tried on a text is tried
		// from each of its bytes.
		var lowered string
		folds := foldsBeyondASCII(t.Text)
		for i, ph := range set.phrases {
			if (i < 64 && hit&(1<<i) == 0) || (t.Kind == quoteText && !ph.quotes) {
				continue
			}
			if needs := ph.re.Needs(); needs != nil && !folds {
				if lowered == "" {
					lowered = asciiLowered(t.Text)
				}
				if !lazyre.HoldsNeeds(lowered, needs) {
					continue
				}
			}
			for _, m := range ph.re.Get().FindAllStringIndex(t.Text, -1) {
				start, end := m[0], m[1]
				if !wholeWords(t.Text, start, end) || inAny(code, start) || cited(t.Text, start) ||
					followedBy(t.Text[end:], ph.unless) || overlaps(taken, start, end) {
					continue
				}
				taken = append(taken, schema.Span{Start: start, End: end})
				found := strings.TrimSpace(t.Text[start:end])
				p.Report(t.at(start, end), "%q in %s is %s, not content: remove it or write what it stands for",
					clipRunes(found, 60), t.where(), ph.Kind)
			}
		}
	}
}

// metaHits is what candidates answered for each of a page's texts (as
// pageTexts lists them), kept in the page's memo.
type metaHits struct {
	set  *metaSet
	hits []uint64
}

type metaHitsKey struct{}

// metaHitsOf asks candidates about each of texts, the page's, once. On a
// page a fix pass made (Doc.Earlier), a text the earlier page has too, at
// about the same place among its texts, takes the earlier answer: the scan
// reads every byte, the comparison stops at the first that differs.
func metaHitsOf(p *Pass, set *metaSet, texts []pageText) []uint64 {
	var earlier []pageText
	var earlierHits []uint64
	if e := p.Doc.Earlier; e != nil {
		m, ok := e.Memoized(metaHitsKey{})
		mt, okTexts := e.Memoized(pageTextsKey{})
		if ok && okTexts && m.(*metaHits).set == set {
			earlier, earlierHits = mt.([]pageText), m.(*metaHits).hits
		}
	}
	sc := metaScratches.Get().(*metaScratch)
	p.Doc.OnRelease(sc.put)
	hits := slices.Grow(sc.hits[:0], len(texts))[:len(texts)]
	clear(hits)
	sc.hits = hits
	next := 0 // the earlier text after the last one taken
	var page *pageAnchors
	alone := sc.alone[:0] // the texts read alone
	for i, t := range texts {
		if k := findText(earlier, t.Text, next); k >= 0 {
			hits[i], next = earlierHits[k], k+1
			continue
		}
		ok := inSource(p.Doc, t)
		if ok && page == nil {
			page = anchorsOfPage(set, p.Doc.Src)
		}
		if !ok || page.folds {
			alone = append(alone, i)
			continue
		}
		hits[i] = set.refine(set.anchors.always|hitsIn(page.hits, t.Span.Start, t.Span.End), t.Text)
	}
	sc.alone = alone
	if len(alone) > 0 {
		set.candidatesOf(texts, alone, hits, sc, mayFold(p.Doc))
	}
	p.Doc.Memo(metaHitsKey{}, func() any { return &metaHits{set, hits} })
	return hits
}

// inSource tells a text of a Markdown page that is the page's bytes at
// its span (as a page's texts are; a restored page's may not be). A JSON
// page's texts are read alone: its braces end the anchor of {field_name}
// at every object, and its texts are a smaller part of it.
func inSource(doc *schema.Document, t pageText) bool {
	start, end := t.Span.Start, t.Span.End
	return doc.Format == schema.Markdown && 0 <= start && start <= end && end <= len(doc.Src) &&
		string(doc.Src[start:end]) == t.Text
}

// pageAnchors are the anchors a page's source holds, read once for all
// the texts that are its bytes (inSource), instead of text by text: one
// long read goes faster than many short ones (it is read in four parts at
// once, see anchorHits).
type pageAnchors struct {
	hits []anchorHit
	// folds is set when the source holds a letter (?i) folds into ASCII;
	// each text is then read alone, as candidates does.
	folds bool
}

func anchorsOfPage(set *metaSet, src []byte) *pageAnchors {
	if holdsFoldingLetter(src) {
		return &pageAnchors{folds: true}
	}
	return &pageAnchors{hits: anchorHits(set.anchors, src, nil)}
}

// holdsFoldingLetter tells a page whose bytes hold one of foldingLetters.
func holdsFoldingLetter(src []byte) bool {
	return slices.ContainsFunc(foldingLetters[:], func(letter string) bool { return bytes.Contains(src, []byte(letter)) })
}

// findText is the index of a text equal to text among the few of texts
// from from on (a pass adds or drops a few texts at a place), or -1.
func findText(texts []pageText, text string, from int) int {
	for k := from; k < len(texts) && k < from+8; k++ {
		if texts[k].Text == text {
			return k
		}
	}
	return -1
}

// candidates is the set of phrases (bit p for phrase p) that may match
// in text: those whose anchors it holds.
func (set *metaSet) candidates(text string) uint64 {
	return set.ofScan(set.anchors.scan(text), text)
}

// ofScan is candidates of text from what the anchor scan found in it
// (scan, or scanEach for many texts).
func (set *metaSet) ofScan(found uint64, text string) uint64 {
	if foldsBeyondASCII(text) {
		// The scan reads ASCII letters only: every phrase may match.
		return ^uint64(0)
	}
	return set.refine(found, text)
}

// candidatesOf sets hits[i] to candidates(texts[i].Text) for each i of
// which, the texts read in four lanes at once (scanEach). folds is unset
// when no text of the page can hold a letter foldsBeyondASCII looks for
// (see mayFold): then none is looked at again for one.
func (set *metaSet) candidatesOf(texts []pageText, which []int, hits []uint64, sc *metaScratch, folds bool) {
	strs := slices.Grow(sc.strs[:0], len(which))
	for _, i := range which {
		strs = append(strs, texts[i].Text)
	}
	found := slices.Grow(sc.found[:0], len(which))[:len(which)]
	sc.strs, sc.found = strs, found
	set.anchors.scanEach(strs, found)
	for j, i := range which {
		if folds {
			hits[i] = set.ofScan(found[j], strs[j])
		} else {
			hits[i] = set.refine(found[j], strs[j])
		}
	}
}

// mayFold tells whether a text of the page may hold a letter (?i) folds
// into ASCII (foldsBeyondASCII). An episode JSON's texts are its strings,
// whose characters beyond ASCII are its own bytes or \u escapes: a page
// with neither letter and no escape of that kind has no text with one,
// and its texts need not be read again for them. Any other page's may.
func mayFold(doc *schema.Document) bool {
	return doc.Format != schema.JSON || holdsFoldingLetter(doc.Src) || bytes.Contains(doc.Src, []byte(`\u`))
}

// metaScratch is what metaHitsOf answers in (hits, kept in the page's
// memo) and the lists it reads with, kept from a page done with (see
// schema.Document.Release) for the next: a JSON page has a few hundred
// texts, and new lists for every page were among the largest allocations
// of a check of episode JSON.
type metaScratch struct {
	hits, found []uint64
	alone       []int
	strs        []string
}

var metaScratches = sync.Pool{New: func() any { return new(metaScratch) }}

// maxKeptTexts is the most texts a kept list has room for: one grown for
// a huge page is dropped.
const maxKeptTexts = 1 << 12

func (sc *metaScratch) put() {
	if cap(sc.hits) > maxKeptTexts || cap(sc.strs) > maxKeptTexts {
		return
	}
	clear(sc.strs) // no page's texts kept alive
	sc.hits, sc.found, sc.alone, sc.strs = sc.hits[:0], sc.found[:0], sc.alone[:0], sc.strs[:0]
	metaScratches.Put(sc)
}

// refine is hit, the phrases whose anchors text holds, less the phrases
// refined has a bit of whose finer anchors it does not hold.
func (set *metaSet) refine(hit uint64, text string) uint64 {
	if hit&set.refined != 0 {
		hit &= set.within().scan(text)
	}
	return hit
}

// asciiLowered is text with its ASCII capitals in lower case and every
// other byte as it is.
func asciiLowered(text string) string {
	i := 0
	for i < len(text) && (text[i] < 'A' || text[i] > 'Z') {
		i++
	}
	if i == len(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	b.WriteString(text[:i])
	for ; i < len(text); i++ {
		b.WriteByte(lowerASCII(text[i]))
	}
	return b.String()
}

// foldsBeyondASCII tells a text that holds a letter outside ASCII that
// (?i) reads as one inside: ſ as s, the Kelvin sign as k.
func foldsBeyondASCII(text string) bool {
	// Both start with a byte of 0x80 or more: none is in the ASCII eight
	// bytes at a time before the first such byte (most texts have none).
	i := 0
	for ; i+8 <= len(text) && schema.EightBytes(text, i)&0x8080808080808080 == 0; i += 8 {
	}
	for ; i < len(text) && text[i] < utf8.RuneSelf; i++ {
	}
	if i == len(text) {
		return false // all ASCII: no search at all
	}
	rest := text[i:]
	return slices.ContainsFunc(foldingLetters[:], func(letter string) bool { return strings.Contains(rest, letter) })
}

// foldingLetters are the letters outside ASCII that (?i) reads as ASCII
// ones: ſ as s, the Kelvin sign as k.
var foldingLetters = [...]string{"ſ", "\u212a"}

// wholeWords tells whether text[start:end] is whole words: no word rune
// runs on from its first or last rune into the text around it.
func wholeWords(text string, start, end int) bool {
	if start == end {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text[start:])
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	after, _ := utf8.DecodeRuneInString(text[end:])
	runsOn := func(a, b rune) bool { return schema.IsWordRune(a) && schema.IsWordRune(b) }
	return !runsOn(first, before) && !runsOn(last, after)
}

// cited tells a phrase that stands right after an opening quote mark: the
// text cites it ("the reply began “As an AI language model…”").
func cited(text string, start int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:start])
	return strings.ContainsRune(`"“‘'`, r)
}

// followedBy tells whether rest starts, after white space, with one of
// words as a whole word.
func followedBy(rest string, words []string) bool {
	rest = strings.TrimLeft(rest, " \t\r\n")
	for _, w := range words {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) && wholeWords(rest, 0, len(w)) {
			return true
		}
	}
	return false
}

// codeSpans are the `code` stretches of text, as offset pairs.
func codeSpans(text string) []schema.Span {
	var out []schema.Span
	for i := 0; ; {
		open := strings.IndexByte(text[i:], '`')
		if open < 0 {
			return out
		}
		open += i
		closing := strings.IndexByte(text[open+1:], '`')
		if closing < 0 {
			return out
		}
		closing += open + 1
		out = append(out, schema.Span{Start: open, End: closing + 1})
		i = closing + 1
	}
}

func inAny(spans []schema.Span, at int) bool {
	for _, s := range spans {
		if s.Contains(at) {
			return true
		}
	}
	return false
}

func overlaps(spans []schema.Span, start, end int) bool {
	for _, s := range spans {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

// clipRunes shortens s to at most n runes for a message.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
