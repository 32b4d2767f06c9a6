package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"path/filepath"
	"sync"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// The cache file is a flat run of varints and length-prefixed strings. A
// warm run decodes it before any file can be answered for, and gob spent
// 30 ms on 10,000 entries where this takes a few.
//
// A cache file is trusted only as far as its checksums (CRC-32C) vouch for
// it, since a changed byte (a finding's severity, a position) would
// otherwise be reported as that file's result:
//
//	magic
//	header: the build, the number of entries, each entry's length and
//	        checksum, then the checksum of all the header's bytes before it
//	entries, one after another
//
// A header that does not match its checksum, or a file whose length is not
// the one its header adds up to, reads as an empty cache. An entry that
// does not match its checksum, or does not decode exactly (a length past
// its end, a severity podlint never writes, a relative path, bytes left
// over), is left out: its file is checked again.

// cacheMagic starts every cache file; the version changes with the layout.
const cacheMagic = "podlint cache 7\n"

var errCorruptCache = errors.New("corrupt cache file")

// castagnoli is the checksum's table, made when a cache is first read or
// written: making it at start-up would cost every run without --cache.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// cacheFrame is an entry's place in the file: its length and checksum.
type cacheFrame struct {
	size int
	sum  uint32
}

func encodeCache(f cacheFile) []byte {
	var entries []byte
	frames := make([]cacheFrame, 0, len(f.Entries))
	for path, e := range f.Entries {
		start := len(entries)
		entries = appendEntry(entries, path, e)
		frames = append(frames, cacheFrame{size: len(entries) - start, sum: crc32.Checksum(entries[start:], castagnoli())})
	}
	out := []byte(cacheMagic)
	out = appendString(out, f.Build)
	out = binary.AppendUvarint(out, uint64(len(frames)))
	for _, fr := range frames {
		out = binary.AppendUvarint(out, uint64(fr.size))
		out = binary.LittleEndian.AppendUint32(out, fr.sum)
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli()))
	return append(out, entries...)
}

func appendEntry(out []byte, path string, e cacheEntry) []byte {
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
		out = appendEdits(out, it.Suggestions)
		out = appendEdits(out, it.Related)
	}
	return out
}

func appendEdits(out []byte, edits []cachedEdit) []byte {
	out = binary.AppendUvarint(out, uint64(len(edits)))
	for _, s := range edits {
		out = appendPosition(appendPosition(out, s.Start), s.End)
		out = appendString(out, s.Text)
	}
	return out
}

func appendString(out []byte, s string) []byte {
	return append(binary.AppendUvarint(out, uint64(len(s))), s...)
}

func appendPosition(out []byte, p schema.Position) []byte {
	out = binary.AppendUvarint(binary.AppendUvarint(out, uint64(p.Line)), uint64(p.Column))
	return binary.AppendUvarint(out, uint64(p.ByteColumn))
}

// decodeCache reads a cache file: errCorruptCache when its header is
// flawed, else the entries that match their checksums and decode.
func decodeCache(data []byte) (cacheFile, error) {
	if !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return cacheFile{}, errCorruptCache
	}
	d := &cacheDecoder{data: data, pos: len(cacheMagic)}
	f := cacheFile{Build: d.string()}
	frames := make([]cacheFrame, d.count(1+4))
	total := 0
	for i := range frames {
		size := d.uvarint()
		if size > uint64(len(data)-total) {
			d.bad = true
		}
		frames[i] = cacheFrame{size: int(size), sum: d.uint32()}
		total += frames[i].size
	}
	headerEnd := d.pos
	if sum := d.uint32(); d.bad || sum != crc32.Checksum(data[:headerEnd], castagnoli()) || len(data)-d.pos != total {
		return cacheFile{}, errCorruptCache
	}
	f.Entries = make(map[string]cacheEntry, len(frames))
	twice := map[string]bool{}
	at := d.pos
	for _, fr := range frames {
		body := data[at : at+fr.size]
		at += fr.size
		if crc32.Checksum(body, castagnoli()) != fr.sum {
			continue
		}
		path, e, ok := decodeEntry(body)
		if !ok || twice[path] {
			continue
		}
		if _, dup := f.Entries[path]; dup {
			// Two entries for one file: neither is the file's.
			delete(f.Entries, path)
			twice[path] = true
			continue
		}
		f.Entries[path] = e
	}
	return f, nil
}

// decodeEntry reads one entry; ok is false unless it decodes exactly.
func decodeEntry(body []byte) (path string, e cacheEntry, ok bool) {
	d := &cacheDecoder{data: body}
	path = d.string()
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
		it.Suggestions = d.edits()
		it.Related = d.edits()
		if it.Severity != rules.Error && it.Severity != rules.Warning {
			d.bad = true // not written by podlint
		}
		if d.bad {
			return "", cacheEntry{}, false
		}
	}
	if d.bad || d.pos != len(body) || !filepath.IsAbs(path) {
		return "", cacheEntry{}, false
	}
	return path, e, true
}

// edits reads a run of positions with their text (suggestions, related
// places).
func (d *cacheDecoder) edits() []cachedEdit {
	k := d.count(5)
	if k == 0 {
		return nil
	}
	out := make([]cachedEdit, k)
	for j := range out {
		s := &out[j]
		s.Start, s.End = d.position(), d.position()
		s.Text = d.string()
	}
	return out
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

func (d *cacheDecoder) uint32() uint32 {
	if d.bad || len(d.data)-d.pos < 4 {
		d.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint32(d.data[d.pos:])
	d.pos += 4
	return v
}

func (d *cacheDecoder) digest(out *[sha256.Size]byte) {
	if d.bad || len(d.data)-d.pos < sha256.Size {
		d.bad = true
		return
	}
	d.pos += copy(out[:], d.data[d.pos:])
}

func (d *cacheDecoder) position() schema.Position {
	line, col, byteCol := d.uvarint(), d.uvarint(), d.uvarint()
	if line > 1<<40 || col > 1<<40 || byteCol > 1<<40 {
		d.bad = true
	}
	return schema.Position{Line: int(line), Column: int(col), ByteColumn: int(byteCol)}
}
