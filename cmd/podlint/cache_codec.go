package main

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"path/filepath"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// The cache file is a flat run of varints and length-prefixed strings. A
// warm run decodes it before any file can be answered for, and gob spent
// 30 ms on 10,000 entries where this takes a few. Anything that does not
// decode exactly (a truncated file, a length past the end, a severity
// podlint never writes, a relative path, bytes left over) makes the whole
// file read as empty.

// cacheMagic starts every cache file; the version changes with the layout.
const cacheMagic = "podlint cache 4\n"

var errCorruptCache = errors.New("corrupt cache file")

func encodeCache(f cacheFile) []byte {
	out := []byte(cacheMagic)
	out = appendString(out, f.Build)
	out = binary.AppendUvarint(out, uint64(len(f.Entries)))
	for path, e := range f.Entries {
		out = appendString(out, path)
		out = append(out, e.Settings[:]...)
		out = append(out, e.Content[:]...)
		out = binary.AppendVarint(out, e.Stamp.Size)
		out = binary.AppendVarint(out, e.Stamp.MTime)
		out = binary.AppendVarint(out, e.Stamp.CTime)
		out = binary.AppendUvarint(out, e.Stamp.Ino)
		out = binary.AppendUvarint(out, uint64(len(e.Items)))
		for _, it := range e.Items {
			out = appendString(out, it.Rule)
			out = binary.AppendUvarint(out, uint64(it.Severity))
			out = appendString(out, it.Message)
			out = appendPosition(appendPosition(out, it.Start), it.End)
			out = appendString(out, it.Fix)
			out = appendString(out, it.LineHash)
			out = binary.AppendUvarint(out, uint64(len(it.Suggestions)))
			for _, s := range it.Suggestions {
				out = appendPosition(appendPosition(out, s.Start), s.End)
				out = appendString(out, s.Text)
			}
		}
	}
	return out
}

func appendString(out []byte, s string) []byte {
	return append(binary.AppendUvarint(out, uint64(len(s))), s...)
}

func appendPosition(out []byte, p schema.Position) []byte {
	return binary.AppendUvarint(binary.AppendUvarint(out, uint64(p.Line)), uint64(p.Column))
}

// decodeCache reads a cache file; any flaw is errCorruptCache.
func decodeCache(data []byte) (cacheFile, error) {
	d := &cacheDecoder{data: data}
	if len(data) < len(cacheMagic) || string(data[:len(cacheMagic)]) != cacheMagic {
		return cacheFile{}, errCorruptCache
	}
	d.pos = len(cacheMagic)
	f := cacheFile{Build: d.string()}
	n := d.count(1 + 2*sha256.Size)
	f.Entries = make(map[string]cacheEntry, n)
	for range n {
		path := d.string()
		var e cacheEntry
		d.digest(&e.Settings)
		d.digest(&e.Content)
		e.Stamp = fileStamp{Size: d.varint(), MTime: d.varint(), CTime: d.varint(), Ino: d.uvarint()}
		if k := d.count(6); k > 0 {
			e.Items = make([]cachedItem, k)
		}
		for i := range e.Items {
			it := &e.Items[i]
			it.Rule = d.string()
			it.Severity = rules.Severity(d.uvarint())
			it.Message = d.string()
			it.Start, it.End = d.position(), d.position()
			it.Fix = d.string()
			it.LineHash = d.string()
			if k := d.count(5); k > 0 {
				it.Suggestions = make([]cachedEdit, k)
			}
			for j := range it.Suggestions {
				s := &it.Suggestions[j]
				s.Start, s.End = d.position(), d.position()
				s.Text = d.string()
			}
			if it.Severity != rules.Error && it.Severity != rules.Warning {
				d.bad = true // not written by podlint
			}
		}
		if !filepath.IsAbs(path) {
			d.bad = true
		}
		if _, dup := f.Entries[path]; dup {
			d.bad = true
		}
		if d.bad {
			return cacheFile{}, errCorruptCache
		}
		f.Entries[path] = e
	}
	if d.bad || d.pos != len(d.data) {
		return cacheFile{}, errCorruptCache
	}
	return f, nil
}

// cacheDecoder reads the fields in order; after the first flaw every read
// returns zero and bad stays set.
type cacheDecoder struct {
	data []byte
	pos  int
	bad  bool
}

func (d *cacheDecoder) uvarint() uint64 { return readVarint(d, binary.Uvarint) }
func (d *cacheDecoder) varint() int64   { return readVarint(d, binary.Varint) }

// readVarint reads one varint with read, binary.Uvarint or binary.Varint.
func readVarint[T int64 | uint64](d *cacheDecoder, read func([]byte) (T, int)) T {
	if d.bad {
		return 0
	}
	v, n := read(d.data[d.pos:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.pos += n
	return v
}

// count reads a number of records of at least minSize bytes each; a count
// the rest of the file cannot hold is a flaw, so that no corrupt count
// makes a huge allocation.
func (d *cacheDecoder) count(minSize int) int {
	v := d.uvarint()
	if v > uint64((len(d.data)-d.pos)/minSize) {
		d.bad = true
		return 0
	}
	return int(v)
}

func (d *cacheDecoder) string() string {
	n := d.count(1)
	if d.bad {
		return ""
	}
	s := string(d.data[d.pos : d.pos+n])
	d.pos += n
	return s
}

func (d *cacheDecoder) digest(out *[sha256.Size]byte) {
	if d.bad || len(d.data)-d.pos < sha256.Size {
		d.bad = true
		return
	}
	d.pos += copy(out[:], d.data[d.pos:])
}

func (d *cacheDecoder) position() schema.Position {
	line, col := d.uvarint(), d.uvarint()
	if line > 1<<40 || col > 1<<40 {
		d.bad = true
	}
	return schema.Position{Line: int(line), Column: int(col)}
}
