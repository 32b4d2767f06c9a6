package main

import (
	"io"
	"os"
)

// spoolInMemory is how much a spool keeps in memory before it moves to a
// temporary file; spoolChunk is the size of the pieces it keeps in memory
// and writes to the file.
const (
	spoolInMemory = 4 << 20
	spoolChunk    = 1 << 20
)

// spool keeps text that is written out later: in memory while it is short,
// then in a temporary file, so that a long text does not stay in the
// process's memory. Where no file can be made, or one fails to be written
// (a full or small temporary folder), the spool reads back what the file
// holds and goes on in memory: it never loses what was written to it. In
// memory it keeps pieces of spoolChunk bytes, never copied to grow. Its
// file is removed as soon as it is made (where the system allows; else
// when it is dropped), so that a run that ends early leaves none.
type spool struct {
	mem     [][]byte // what is not in the file, in pieces
	size    int      // bytes in mem
	file    *os.File // nil: in memory
	removed bool     // file's name is gone already
	written int64    // bytes in file
	noFile  bool     // memory only from now on
}

// spoolTemp makes a spool's temporary file; a test makes one that fails.
var spoolTemp = func() (*os.File, error) { return os.CreateTemp("", "podlint-spool-*") }

// Write keeps b; it never fails.
func (s *spool) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		if k := len(s.mem); k == 0 || len(s.mem[k-1]) == cap(s.mem[k-1]) {
			s.mem = append(s.mem, make([]byte, 0, spoolChunk))
		}
		last := &s.mem[len(s.mem)-1]
		take := min(len(b), cap(*last)-len(*last))
		*last = append(*last, b[:take]...)
		b = b[take:]
		s.size += take
	}
	if !s.noFile && (s.file != nil && s.size >= spoolChunk || s.size > spoolInMemory) {
		s.toFile()
	}
	return n, nil
}

// toFile moves what is in memory to the file, made if need be; on a
// failure the spool goes on in memory.
func (s *spool) toFile() {
	if s.file == nil {
		f, err := spoolTemp()
		if err != nil {
			s.noFile = true
			return
		}
		// Refused on Windows while the file is open: drop removes it.
		s.file, s.removed = f, os.Remove(f.Name()) == nil
	}
	for len(s.mem) > 0 {
		piece := s.mem[0]
		n, err := s.file.Write(piece)
		s.written += int64(n)
		if err != nil {
			s.mem[0] = piece[n:]
			s.size -= n
			s.backToMemory()
			return
		}
		s.mem = s.mem[1:]
		s.size -= n
	}
	s.mem = nil
}

// backToMemory reads what the file holds back to memory, before what it
// did not take, and drops the file. A file that cannot be read back stays,
// and copyTo reports the failure.
func (s *spool) backToMemory() {
	s.noFile = true
	var back [][]byte
	for at := int64(0); at < s.written; {
		piece := make([]byte, min(s.written-at, spoolChunk))
		if _, err := s.file.ReadAt(piece, at); err != nil {
			return
		}
		back = append(back, piece)
		at += int64(len(piece))
	}
	s.mem = append(back, s.mem...)
	s.size += int(s.written)
	s.drop()
}

// drop closes the file and removes it if its name is still there.
func (s *spool) drop() {
	_ = s.file.Close()
	if !s.removed {
		_ = os.Remove(s.file.Name())
	}
	s.file, s.written = nil, 0
}

// copyTo writes all that was written to w; the spool is then empty.
func (s *spool) copyTo(w io.Writer) error {
	if s.file != nil {
		defer s.drop()
		if _, err := io.Copy(w, io.NewSectionReader(s.file, 0, s.written)); err != nil {
			return err
		}
	}
	for _, piece := range s.mem {
		if _, err := w.Write(piece); err != nil {
			return err
		}
	}
	s.mem, s.size = nil, 0
	return nil
}
