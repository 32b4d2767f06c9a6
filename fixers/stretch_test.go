package fixers

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// randomEdits returns sorted edits of text that do not overlap: short
// replacements, insertions and deletions, some of whole lines, some with
// line ends in them, some of the same text.
func randomEdits(rng *rand.Rand, text []byte, n int) []Edit {
	pieces := []string{"", "\n", "\n\n", "x", "> *\"Quote.\"* [1:00]\n", "## [2:00] Added\n\n", "line 3\n"}
	var edits []Edit
	at := 0
	for range n {
		if at > len(text) {
			break
		}
		start := at + rng.IntN(len(text)-at+1)
		end := min(len(text), start+rng.IntN(12))
		if rng.IntN(3) == 0 {
			end = start
		}
		e := Edit{Start: start, End: end, New: pieces[rng.IntN(len(pieces))]}
		if rng.IntN(5) == 0 {
			e.New = string(text[start:end]) // the same text again
		}
		edits = append(edits, e)
		at = end + 1
	}
	return edits
}

// randomPage is a page of n lines, blank and repeated lines among them.
func randomPage(rng *rand.Rand, n int) []byte {
	var b strings.Builder
	for range n {
		switch rng.IntN(4) {
		case 0:
			b.WriteString("\n")
		case 1:
			b.WriteString("> *\"Repeated quote.\"*\n")
		default:
			b.WriteString("line " + strconv.Itoa(rng.IntN(n)) + "\n")
		}
	}
	if rng.IntN(4) == 0 {
		return []byte(strings.TrimSuffix(b.String(), "\n"))
	}
	return []byte(b.String())
}

// checkStretches fails t unless st, in order and within both texts, say
// what changed: the text between them is the same in both, and putting
// each stretch's new text in place of its old one rebuilds after.
func checkStretches(t *testing.T, before, after []byte, st []stretch) {
	t.Helper()
	po, pn := 0, 0
	var rebuilt []byte
	for i, s := range st {
		if s.oldStart < po || s.oldEnd < s.oldStart || s.newStart < pn || s.newEnd < s.newStart || s.oldEnd > len(before) || s.newEnd > len(after) {
			t.Fatalf("stretch %d %v is out of order or bounds\nbefore %q\nafter  %q", i, s, before, after)
		}
		if string(before[po:s.oldStart]) != string(after[pn:s.newStart]) {
			t.Fatalf("stretch %d %v: the texts differ before it\nbefore %q\nafter  %q", i, s, before, after)
		}
		rebuilt = append(append(rebuilt, before[po:s.oldStart]...), after[s.newStart:s.newEnd]...)
		po, pn = s.oldEnd, s.newEnd
	}
	if rebuilt = append(rebuilt, before[po:]...); string(rebuilt) != string(after) {
		t.Fatalf("the stretches %v do not rebuild after\nbefore %q\nafter  %q", st, before, after)
	}
}

// TestChangesFromEdits: the diff built from the passes' edits gives back
// both texts, and its unified form applies to the old one, over passes of
// random edits composed.
func TestChangesFromEdits(t *testing.T) {
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 17))
		before := randomPage(rng, rng.IntN(60))
		text := before
		var st []stretch
		for range 1 + rng.IntN(3) {
			edits := randomEdits(rng, text, rng.IntN(6))
			text = applyEdits(text, append([]Edit(nil), edits...))
			st = compose(st, stretchesOf(edits))
		}
		checkStretches(t, before, text, st)
		// The texts as strings: none, the right ones, or strings of the
		// same lengths that are not the texts (never to be trusted).
		oldText, newText := "", ""
		switch seed % 3 {
		case 1:
			oldText, newText = string(before), string(text)
		case 2:
			oldText, newText = strings.Repeat("x", len(before)), strings.Repeat("\n", len(text))
		}
		c := compareStretches(before, text, oldText, newText, st)
		var old, new strings.Builder
		for _, o := range c.ops {
			if o.op <= 0 {
				old.WriteString(o.text)
			}
			if o.op >= 0 {
				new.WriteString(o.text)
			}
		}
		if c.ops != nil && (old.String() != string(before) || new.String() != string(text)) {
			t.Fatalf("seed %d: the ops do not rebuild both texts\nbefore %q\nafter  %q\nops %v", seed, before, text, c.ops)
		}
		if want := Compare(before, text).ops; !slices.Equal(c.ops, want) {
			t.Fatalf("seed %d: the diff from the edits is not the diff of the texts\nbefore %q\nafter  %q\ngot  %v\nwant %v", seed, before, text, c.ops, want)
		}
		if (c.ops == nil) != (string(before) == string(text)) {
			t.Fatalf("seed %d: equal %v for texts equal %v", seed, c.ops == nil, string(before) == string(text))
		}
		got, err := applyUnified(before, c.Unified("page.md"))
		if err != nil || string(got) != string(text) {
			t.Fatalf("seed %d: the diff does not apply: %v", seed, err)
		}
	}
}

// editAndCompare applies edits to before, and in one page of four a second
// pass of one edit over the result (passesAgree). It returns the new text
// and the stretches.
func editAndCompare(t *testing.T, rng *rand.Rand, seed uint64, before []byte, edits []Edit) ([]byte, []stretch) {
	t.Helper()
	var second []Edit
	if rng.IntN(4) == 0 {
		at := rng.IntN(len(before) + 1) // clipped to the first pass's text
		second = []Edit{{Start: at, End: at + rng.IntN(20), New: "second " + strconv.Itoa(int(seed))}}
	}
	return passesAgree(t, before, edits, second)
}

// passesAgree applies first to before, then second (clipped to the text the
// first made) to the result, and fails t unless the composed stretches say
// what changed and the diff built from them is the line diff of the texts.
func passesAgree(t *testing.T, before []byte, first, second []Edit) ([]byte, []stretch) {
	t.Helper()
	after := applyEdits(before, append([]Edit(nil), first...))
	st := stretchesOf(first)
	if len(second) > 0 {
		for i := range second {
			a, b := min(second[i].Start, len(after)), min(second[i].End, len(after))
			second[i].Start, second[i].End = min(a, b), max(a, b)
		}
		after = applyEdits(after, append([]Edit(nil), second...))
		st = compose(st, stretchesOf(second))
	}
	checkStretches(t, before, after, st)
	got, want := compareStretches(before, after, string(before), "", st).ops, Compare(before, after).ops
	if !slices.Equal(got, want) {
		t.Fatalf("%v then %v:\nbefore %q\nafter  %q\ngot  %v\nwant %v", first, second, before, after, got, want)
	}
	return after, st
}

// TestLineSwapsAreTheLineDiff: where edits turn lines into other lines,
// the diff without a line diff is the line diff's, also where a new line
// is one the page already has (then the line diff decides).
func TestLineSwapsAreTheLineDiff(t *testing.T) {
	swaps := 0
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 23))
		// Lines of their own (quotes, chapter headings), with blank and
		// repeated lines between them.
		var page strings.Builder
		for i := range 1 + rng.IntN(40) {
			switch rng.IntN(6) {
			case 0:
				page.WriteString("\n")
			case 1:
				page.WriteString("> *\"Repeated quote.\"*\n")
			default:
				page.WriteString("> *\"Quote " + strconv.Itoa(i) + ".\"* [m, s]\n")
			}
		}
		before := []byte(page.String())
		if rng.IntN(4) == 0 {
			before = before[:len(before)-1] // no line end on the last line
		}
		lines := strings.SplitAfter(string(before), "\n")
		var edits []Edit
		at := 0
		for l, text := range lines {
			if text == "" || rng.IntN(8) != 0 {
				at += len(text)
				continue
			}
			body := strings.TrimSuffix(text, "\n")
			start := at + rng.IntN(len(body)+1)
			end := start + rng.IntN(at+len(body)-start+1)
			e := Edit{Start: start, End: end, New: "fixed " + strconv.Itoa(l)}
			switch rng.IntN(20) {
			case 0:
				e = Edit{Start: at, End: at + len(body), New: strings.TrimSuffix(lines[rng.IntN(len(lines))], "\n")} // a line the page has
			case 1:
				e.New = string(before[start:end]) // the same text
			}
			edits = append(edits, e)
			at += len(text)
		}
		after, st := editAndCompare(t, rng, seed, before, edits)
		if _, ok := lineGaps(string(before), string(after), st); ok {
			swaps++
		}
	}
	if swaps < 600 {
		t.Errorf("only %d of 3000 pages took the line swaps (600 at least): the test does not test them", swaps)
	}
	t.Logf("%d of 3000 pages diffed as line swaps", swaps)
}

// TestLineGapsAreTheLineDiff: where edits join lines, split them, add or
// drop whole lines (as quote-fragment and leaked-JSON repairs do), on pages
// of mostly unique lines between blank ones, the diff built from the gaps
// is the line diff's; edits that bring in a line the page has, or leave
// lines as they were, are there too (the line diff then decides).
func TestLineGapsAreTheLineDiff(t *testing.T) {
	gapped, uneven, big := 0, 0, 0
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 41))
		// One page in a hundred is over 1,000 lines, which the line diff
		// takes by anchors; one in five ends its lines with CRLF.
		lines, eol := 1+rng.IntN(50), "\n"
		if seed%100 == 7 {
			lines = 1000 + rng.IntN(600)
		}
		if rng.IntN(5) == 0 {
			eol = "\r\n"
		}
		var page strings.Builder
		for i := range lines {
			switch rng.IntN(8) {
			case 0:
				page.WriteString(eol)
			case 1, 2:
				page.WriteString("## [0" + strconv.Itoa(i%10) + ":00] Heading " + strconv.Itoa(i) + eol)
			default:
				page.WriteString("> *\"Quote " + strconv.Itoa(i) + " goes on\"* [m, s]" + eol)
			}
		}
		before := []byte(page.String())
		if rng.IntN(4) == 0 {
			before = before[:len(before)-1] // no line end on the last line
		}
		var edits []Edit
		step := 300 // bytes between edits, at most
		if lines > 1000 {
			step = 10000
		}
		for at := rng.IntN(20); at <= len(before); at += 1 + rng.IntN(step) {
			end := min(len(before), at+rng.IntN(50)) // may run over line ends
			n := strconv.Itoa(len(edits))
			e := Edit{Start: at, End: end}
			switch rng.IntN(10) {
			case 0, 9:
				e.New = "joined " + n
			case 1:
				e.New = "split " + n + "\nin two " + n
			case 2:
				e.End, e.New = at, "> *\"New line "+n+"\"*\n" // at a line start or not
			case 3:
				e.New = ""
			case 4:
				e.New = string(before[at:end]) // the same text
			case 5:
				e.New = "\n" // a blank line, which the page has
			case 6, 7:
				// Whole lines: from a line start to a later one, or a
				// line inserted at a line start.
				nextLine := func(p int) int { // the first line start at or after p
					for p < len(before) && p > 0 && before[p-1] != '\n' {
						p++
					}
					return p
				}
				ls, le := nextLine(at), nextLine(at)
				for k := rng.IntN(3); k > 0 && le < len(before); k-- {
					le = nextLine(le + 1)
				}
				e = Edit{Start: ls, End: le, New: strings.Repeat("> *\"Whole "+n+"\"*\n", rng.IntN(3))}
			default:
				e.New = "fixed " + n + "\n\nand more " + n
			}
			edits = append(edits, e)
			at = e.End
		}
		after, st := editAndCompare(t, rng, seed, before, edits)
		if _, ok := lineGaps(string(before), string(after), st); ok {
			gapped++
			if strings.Count(string(before), "\n") != strings.Count(string(after), "\n") {
				uneven++
			}
			if strings.Count(string(before), "\n") > 1000 {
				big++
			}
		}
	}
	if gapped < 600 || uneven < 300 || big < 5 {
		t.Errorf("%d of 3000 pages took the gaps, %d of them with lines added or dropped, %d of over 1,000 lines (600, 300 and 5 at least): the test does not test them", gapped, uneven, big)
	}
	t.Logf("%d of 3000 pages diffed from their gaps, %d with lines added or dropped, %d of over 1,000 lines", gapped, uneven, big)
}

// FuzzLineGaps: on any text, two edits and a third in a second pass over
// the first's text, the diff built from the composed stretches is the line
// diff of the texts.
func FuzzLineGaps(f *testing.F) {
	f.Add("a\nb\nc\n", uint16(1), uint16(3), "B\nx", uint16(5), uint16(6), "", uint16(0), uint16(0), "")
	f.Add("> q1\n> q2\n\n## h\n", uint16(4), uint16(5), " ", uint16(11), uint16(11), "new\n", uint16(2), uint16(4), "z")
	f.Add("x\ny", uint16(3), uint16(3), "\nz", uint16(0), uint16(0), "w\n", uint16(9), uint16(9), "\r\n")
	f.Fuzz(func(t *testing.T, before string, s1, e1 uint16, new1 string, s2, e2 uint16, new2 string, s3, e3 uint16, new3 string) {
		span := func(s, e uint16, n int) (int, int) {
			s, e = min(s, uint16(n)), min(e, uint16(n))
			return int(min(s, e)), int(max(s, e))
		}
		a1, b1 := span(s1, e1, len(before))
		a2, b2 := span(s2, e2, len(before))
		edits := []Edit{{Start: a1, End: b1, New: new1}}
		switch {
		case b2 < a1 || b2 == a1 && a2 < b2:
			edits = append([]Edit{{Start: a2, End: b2, New: new2}}, edits...)
		case a2 > b1:
			edits = append(edits, Edit{Start: a2, End: b2, New: new2})
		}
		src := []byte(before)
		passesAgree(t, src, edits, []Edit{{Start: int(s3), End: int(e3), New: new3}})
	})
}

// TestLoneLineIsTheLineDiff: a change that makes many lines of one line
// the other text does not have (a flattened page given its lines back), or
// one line of many, is diffed from its stretch, as the line diff would
// diff it, also where the lines on the other side are blank lines and
// headings the rest of the page has, and on pages long enough for the
// line diff to cut at anchors.
func TestLoneLineIsTheLineDiff(t *testing.T) {
	lone := 0
	for seed := range uint64(2000) {
		rng := rand.New(rand.NewPCG(seed, 53))
		eol := "\n"
		if rng.IntN(5) == 0 {
			eol = "\r\n"
		}
		lines := func(n int, tag string) []string {
			out := make([]string, n)
			for i := range out {
				switch rng.IntN(4) {
				case 0:
					out[i] = eol // blank, as the rest of the page has
				case 1:
					out[i] = "## [00:0" + strconv.Itoa(i%10) + "] Heading" + eol // repeated
				default:
					out[i] = "> *\"" + tag + " " + strconv.Itoa(i) + "\"*" + eol
				}
			}
			return out
		}
		size := 2 + rng.IntN(30)
		if seed%50 == 3 {
			size = 1200 // past what go-diff diffs alone
		}
		head, tail := lines(rng.IntN(size), "head"), lines(rng.IntN(size), "tail")
		many := lines(1+rng.IntN(size), "new")
		flat := strings.ReplaceAll(strings.Join(many, ""), eol, " ")
		if rng.IntN(8) == 0 {
			flat = many[0] // the one line, as one of the many: no lone line
		} else {
			flat = strings.TrimRight(flat, " ") + eol
		}
		start := len(strings.Join(head, ""))
		before := strings.Join(head, "") + flat + strings.Join(tail, "")
		edit := Edit{Start: start, End: start + len(flat), New: strings.Join(many, "")}
		if rng.IntN(2) == 0 { // many lines made one
			before = strings.Join(head, "") + edit.New + strings.Join(tail, "")
			edit = Edit{Start: start, End: start + len(edit.New), New: flat}
		}
		if rng.IntN(4) == 0 && len(tail) > 0 && tail[len(tail)-1] != eol {
			before = strings.TrimSuffix(before, eol) // no line end on the last line
		}
		after, st := passesAgree(t, []byte(before), []Edit{edit}, nil)
		// Counted where a line of the many is a line of the rest too, which
		// only the lone line lets through.
		shared := slices.ContainsFunc(many, func(l string) bool {
			return slices.Contains(head, l) || slices.Contains(tail, l)
		})
		if _, ok := lineGaps(before, string(after), st); ok && shared {
			lone++
		}
	}
	if lone < 800 {
		t.Errorf("%d of 2000 pages were diffed from their lone line with lines the rest has too (800 at least): the test does not test it", lone)
	}
	t.Logf("%d of 2000 pages diffed from their lone line, with lines the rest has too", lone)
}
