package main

import (
	"io"
	"os"
)

// spoolInMemory is how much a spool keeps in memory before it moves to a
// temporary file; spoolChunk how much it gathers between writes to it.
const (
	spoolInMemory = 4 << 20
	spoolChunk    = 1 << 20
)

// spool keeps text that is written out later: in memory while it is short,
// then in a temporary file, so that a long text does not stay in the
// process's memory. Where no file can be made, or one fails to be written
// (a full or small temporary folder), the spool reads back what the file
// holds and goes on in memory: it never loses what was written to it. Its
// file is removed as soon as it is made (where the system allows; else
// when copied out), so that a run that ends early leaves none.
type spool struct {
	mem     []byte   // what is not in the file
	file    *os.File // nil: in memory
	written int64    // bytes in file
	noFile  bool     // memory only from now on
}

// spoolTemp makes a spool's temporary file; a test makes one that fails.
var spoolTemp = func() (*os.File, error) { return os.CreateTemp("", "podlint-spool-*") }

// Write keeps b; it never fails.
func (s *spool) Write(b []byte) (int, error) {
	s.mem = append(s.mem, b...)
	if !s.noFile && (s.file != nil && len(s.mem) >= spoolChunk || len(s.mem) > spoolInMemory) {
		s.toFile()
	}
	return len(b), nil
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
		_ = os.Remove(f.Name()) // refused on Windows while open: drop removes it
		s.file = f
	}
	n, err := s.file.Write(s.mem)
	s.written += int64(n)
	if err == nil {
		s.mem = s.mem[:0]
		return
	}
	// What the file holds comes back to memory, before what it did not
	// take. A file that cannot be read back either keeps the spool on it
	// (copyTo reports the failure).
	back := make([]byte, s.written, s.written+int64(len(s.mem)-n))
	if _, err := s.file.ReadAt(back, 0); err != nil {
		s.noFile = true
		s.mem = s.mem[n:]
		return
	}
	s.mem = append(back, s.mem[n:]...)
	s.drop()
	s.noFile = true
}

// drop closes and removes the file.
func (s *spool) drop() {
	_ = s.file.Close()
	_ = os.Remove(s.file.Name())
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
	_, err := w.Write(s.mem)
	s.mem = nil
	return err
}
