package schema

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTwoByteClasses: the table behind IsWordRune and IsCapital answers
// as the unicode package does for every rune it holds, and the functions
// answer so past it, for invalid runes too.
func TestTwoByteClasses(t *testing.T) {
	for r := rune(-2); r < 0x3000; r++ {
		if got, want := IsWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := IsCapital(r), unicode.IsUpper(r) || unicode.IsTitle(r); got != want {
			t.Errorf("IsCapital(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := IsLetter(r), unicode.IsLetter(r); got != want {
			t.Errorf("IsLetter(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := ToLower(r), unicode.ToLower(r); got != want {
			t.Errorf("ToLower(%U) = %U, unicode says %U", r, got, want)
		}
		for _, f := range []struct {
			name      string
			ours, its func(rune) bool
		}{{"IsUpper", IsUpper, unicode.IsUpper}, {"IsLower", IsLower, unicode.IsLower}, {"IsDigit", IsDigit, unicode.IsDigit}, {"IsSpace", IsSpace, unicode.IsSpace}} {
			if got, want := f.ours(r), f.its(r); got != want {
				t.Errorf("%s(%U) = %v, unicode says %v", f.name, r, got, want)
			}
		}
	}
	for _, r := range []rune{utf8.RuneError, 0x1E9E, 0x1F88, 0x10400, unicode.MaxRune, unicode.MaxRune + 1} {
		if IsWordRune(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) || IsCapital(r) != (unicode.IsUpper(r) || unicode.IsTitle(r)) ||
			IsLetter(r) != unicode.IsLetter(r) || ToLower(r) != unicode.ToLower(r) {
			t.Errorf("%U: not as unicode says", r)
		}
	}
}

// TestDecodeRune: DecodeRune answers as utf8.DecodeRuneInString at every
// place of every string of up to three bytes from a set that holds each
// kind of lead and continuation byte.
func TestDecodeRune(t *testing.T) {
	set := []byte{0, 'a', 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xd0, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff}
	var s [3]byte
	for _, a := range set {
		for _, b := range set {
			for _, c := range set {
				s = [3]byte{a, b, c}
				for n := 1; n <= 3; n++ {
					text := string(s[:n])
					for i := 0; i <= len(text); i++ { // and at its end
						r, size := DecodeRune(text, i)
						wr, wsize := utf8.DecodeRuneInString(text[i:])
						if r != wr || size != wsize {
							t.Fatalf("DecodeRune(%q, %d) = %U, %d; utf8 says %U, %d", text, i, r, size, wr, wsize)
						}
					}
				}
			}
		}
	}
}

// FuzzFields holds Fields to strings.Fields on any text.
func FuzzFields(f *testing.F) {
	for _, seed := range []string{"", " ", "a b", "  Ада\u00a0Пембертон\u2003maps ", "\x85x\xc2\x85y\xff z", "\t\n\v\f\r", "é\u1680ü\u3000"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fields(s), strings.Fields(s); !slices.Equal(got, want) {
			t.Fatalf("Fields(%q) = %q, strings.Fields %q", s, got, want)
		}
	})
}

// TestSpaceLeads: every white space character starts with a byte of
// spaceLead, and an ASCII byte is in it only when it is white space.
func TestSpaceLeads(t *testing.T) {
	for c := range utf8.RuneSelf {
		if spaceLead[c] != unicode.IsSpace(rune(c)) {
			t.Errorf("spaceLead[%q] = %v, unicode.IsSpace %v", rune(c), spaceLead[c], !spaceLead[c])
		}
	}
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		if c := string(r)[0]; !spaceLead[c] {
			t.Errorf("%U is white space and starts with 0x%X, not in spaceLead", r, c)
		}
		if got := spaceAt(string(r)+"x", 0); got != utf8.RuneLen(r) {
			t.Errorf("spaceAt(%q) = %d, want %d", string(r), got, utf8.RuneLen(r))
		}
	}
}

// FuzzRuneCount holds RuneCount to utf8.RuneCount on any bytes.
func FuzzRuneCount(f *testing.F) {
	for _, seed := range []string{"", "a", "Ада Пембертон", "\xc2", "\xe2\x82", "\xe2\x82\xac\x80", "\xf0\x9f\x8e\x99 x", "\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80", "é\xffü"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := RuneCount(p), utf8.RuneCount(p); got != want {
			t.Fatalf("RuneCount(%q) = %d, utf8.RuneCount %d", p, got, want)
		}
	})
}

// FuzzValidUTF8 holds ValidUTF8 to utf8.Valid on any bytes.
func FuzzValidUTF8(f *testing.F) {
	for _, seed := range []string{
		"", "ascii only, longer than eight bytes", "Ада Пембертон сводит архив", "абвгдежз", "xабвгдеж", "xxxxxxxд",
		"xxxxxxxд\x80", "xxxxxxx\xd0", "абв\xd0 x", "абв\x80гд", "\xc0\x80abcdefgh", "ab\xc1\xbfcdefgh",
		"é“quoted”é and more", "\xed\xa0\x80 surrogate", "\xe0\x80\x80 overlong", "\xf4\x90\x80\x80 too big",
		"\xf0\x9f\x8e\x99 emoji", "\xf5\x80\x80\x80", "\xdf\xbf\xc2\x80\xdf\xbf\xc2\x80", "\xbf\xbf\xbf\xbf\xbf\xbf\xbf\xbf",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		want := utf8.Valid(p)
		if got := ValidUTF8(p); got != want {
			t.Fatalf("ValidUTF8(%q) = %v, utf8.Valid %v", p, got, want)
		}
		if got := validTwoByte(p); got != want {
			t.Fatalf("validTwoByte(%q) = %v, utf8.Valid %v", p, got, want)
		}
	})
}

// TestValidUTF8EveryPlace: one bad byte anywhere in a Cyrillic text, or a
// text cut at any byte, is read by ValidUTF8's two-byte way as utf8.Valid
// reads it.
func TestValidUTF8EveryPlace(t *testing.T) {
	text := []byte(strings.Repeat("Ада Пембертон сводит архив, x. ", 4))
	for i := range text {
		if got, want := validTwoByte(text[:i]), utf8.Valid(text[:i]); got != want {
			t.Fatalf("validTwoByte(%q) = %v, utf8.Valid %v", text[:i], got, want)
		}
		for _, bad := range []byte{0x80, 0xbf, 0xc0, 0xc1, 0xd0, 0xe2, 0xf0, 0xff} {
			p := slices.Clone(text)
			p[i] = bad
			if got, want := validTwoByte(p), utf8.Valid(p); got != want {
				t.Fatalf("validTwoByte(%q) = %v, utf8.Valid %v", p, got, want)
			}
		}
	}
}

// BenchmarkValidUTF8 validates benchTexts and a text of ASCII only,
// against utf8.Valid.
func BenchmarkValidUTF8(b *testing.B) {
	ascii := benchText{"ascii", strings.Repeat("Jake's team \"ships\" the archive to every region, and the maps follow. ", 30)}
	runBenchTexts(b, append([]benchText{ascii}, benchTexts...),
		benchFunc{"schema", func(_ string, p []byte) { _ = ValidUTF8(p) }},
		benchFunc{"utf8", func(_ string, p []byte) { _ = utf8.Valid(p) }})
}

// TestRuneCountCopiesNothing: counting a line in another alphabet makes no
// garbage.
func TestRuneCountCopiesNothing(t *testing.T) {
	line := []byte(strings.Repeat("Ада Пембертон maps the archive. ", 100))
	n := 0
	if allocs := testing.AllocsPerRun(10, func() { n = RuneCount(line) }); allocs != 0 {
		t.Errorf("RuneCount allocates %v times a count", allocs)
	}
	if want := utf8.RuneCount(line); n != want {
		t.Errorf("RuneCount = %d, want %d", n, want)
	}
}

// benchText is a text the benchmarks of this file run on.
type benchText struct{ name, text string }

// benchTexts are a paragraph line in English letters with curly quotes and
// one in Cyrillic.
var benchTexts = []benchText{
	{"english", strings.Repeat("Jake’s team “ships” the archive to every region, and the maps follow. ", 30)},
	{"cyrillic", strings.Repeat("Ада Пембертон «сводит» архив по регионам, и карты идут следом. ", 30)},
}

// benchFunc is a function a benchmark times, given a text as a string and
// as bytes.
type benchFunc struct {
	name string
	run  func(s string, p []byte)
}

// runBenchTexts times each function on each text, as the sub-benchmark
// TEXT/FUNCTION (MB/s of the text); the bytes are made once.
func runBenchTexts(b *testing.B, texts []benchText, fs ...benchFunc) {
	for _, c := range texts {
		p := []byte(c.text)
		for _, f := range fs {
			b.Run(c.name+"/"+f.name, func(b *testing.B) {
				b.SetBytes(int64(len(p)))
				for b.Loop() {
					f.run(c.text, p)
				}
			})
		}
	}
}

// BenchmarkRuneCount counts the characters of benchTexts against
// utf8.RuneCount.
func BenchmarkRuneCount(b *testing.B) {
	runBenchTexts(b, benchTexts,
		benchFunc{"schema", func(_ string, p []byte) { _ = RuneCount(p) }},
		benchFunc{"utf8", func(_ string, p []byte) { _ = utf8.RuneCount(p) }})
}

// BenchmarkFields cuts benchTexts into words, against strings.Fields.
func BenchmarkFields(b *testing.B) {
	runBenchTexts(b, benchTexts,
		benchFunc{"schema", func(s string, _ []byte) { _ = Fields(s) }},
		benchFunc{"strings", func(s string, _ []byte) { _ = strings.Fields(s) }})
}

// BenchmarkRuneTables fills the two tables as podlint's start does.
func BenchmarkRuneTables(b *testing.B) {
	for b.Loop() {
		_, _ = classTwoByte(), lowerTwoByte()
	}
}

// TestCapitals holds Capitals to a byte-by-byte test (its low seven bits
// a capital): every byte value at every one of the eight places, among
// bytes of every kind, capitals and bytes past ASCII included.
func TestCapitals(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for place := range 8 {
		for c := range 256 {
			for range 8 {
				var b [8]byte
				for i := range b {
					b[i] = byte(rng.IntN(256))
				}
				b[place] = byte(c)
				var want uint64
				for i, c := range b {
					if low := c &^ 0x80; 'A' <= low && low <= 'Z' {
						want |= 0x80 << (8 * i)
					}
				}
				if got := Capitals(EightBytes(string(b[:]), 0)); got != want {
					t.Fatalf("Capitals(%q) = %#x, want %#x", b, got, want)
				}
			}
		}
	}
}

// TestInRange: the eight-byte range test marks the bytes from lo to hi,
// each ASCII byte at every place of the eight, among bytes in and out of
// the range, for the ranges podlint asks about and the narrowest and
// widest it allows.
func TestInRange(t *testing.T) {
	for _, r := range [][2]byte{{'\t', '\r'}, {' ', ' '}, {' ', 0x7e}, {1, 1}, {1, 0x7e}, {0x7e, 0x7e}} {
		lo, hi := r[0], r[1]
		for c := range byte(utf8.RuneSelf) {
			for at := range 8 {
				for _, fill := range []byte{0, lo, hi, 0x7f} {
					b := []byte(strings.Repeat(string(rune(fill)), 8))
					b[at] = c
					var want uint64
					for k, x := range b {
						if lo <= x && x <= hi {
							want |= 0x80 << (8 * k)
						}
					}
					if got := InRange(EightBytes(string(b), 0), lo, hi); got != want {
						t.Fatalf("InRange(%q, %#x, %#x) = %#x, want %#x", b, lo, hi, got, want)
					}
				}
			}
		}
	}
}
