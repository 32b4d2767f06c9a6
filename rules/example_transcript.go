package rules

import (
	"sync"

	"github.com/podlint/podlint/transcript"
)

// ExampleTranscript is what was said in the episode ExamplePage's pages
// stand for: the transcript the grounding rules' examples, and the
// fixer's, are held to. Quotes are said at 00:06 (Ada Pemberton) and
// 01:40 (Ada); one sentence runs from 01:10 to 01:30.
const ExampleTranscript = `WEBVTT

00:00:00.000 --> 00:00:06.000
<v Ada Pemberton>Thanks for having me. Um, no map is neutral, and I mean that.

00:00:06.000 --> 00:00:11.000
<v Ada Pemberton>Every map is an argument about what matters.

00:00:11.000 --> 00:00:16.000
<v Bruno Quill>So, uh, which lie do we pick?

00:00:16.000 --> 00:00:40.000
<v Ada Pemberton>Well, that depends on the map, you know, and on who pays for it.

00:01:10.000 --> 00:01:30.000
<v Ada Pemberton>And that is why the projection you choose decides, more than anything else, which countries look big and which look small.

00:01:40.000 --> 00:01:48.000
<v Ada Pemberton>You get to pick which lie you tell, not whether you tell one.
`

// exampleTranscript is ExampleTranscript, read when first needed (by the
// documentation's examples, never by a check).
var exampleTranscript = sync.OnceValue(func() *transcript.Transcript {
	t, err := transcript.Read("example.vtt", []byte(ExampleTranscript))
	if err != nil {
		panic(err)
	}
	return t
})

// ExampleConfig is the config documentation examples run with: the
// defaults, with ExampleTranscript as the page's transcript.
func ExampleConfig() *Config {
	c := DefaultConfig()
	c.Transcript = exampleTranscript()
	return c
}
