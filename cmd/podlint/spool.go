package main

import (
	"bufio"
	"io"
	"os"
)

// spoolInMemory is how much a spool keeps in memory before it moves to a
// temporary file.
const spoolInMemory = 4 << 20

// spool keeps text that is written out later: in memory while it is short,
// then in a temporary file, so that a long text does not stay in the
// process's memory. A spool whose file cannot be made stays in memory. Its
// file is removed as soon as it is made (where the system allows; else
// when copied out), so that a run that ends early leaves none.
type spool struct {
	mem  []byte
	file *os.File
	buf  *bufio.Writer // writes to file
	err  error         // the first failure of the file
}

func (s *spool) Write(b []byte) (int, error) {
	if s.file == nil && len(s.mem)+len(b) > spoolInMemory {
		s.spill()
	}
	if s.file == nil {
		s.mem = append(s.mem, b...)
		return len(b), nil
	}
	if _, err := s.buf.Write(b); err != nil && s.err == nil {
		s.err = err
	}
	return len(b), nil
}

// spill moves what is in memory to a new temporary file, if one can be
// made.
func (s *spool) spill() {
	f, err := os.CreateTemp("", "podlint-spool-*")
	if err != nil {
		return
	}
	_ = os.Remove(f.Name()) // refused on Windows while open: copyTo removes it
	s.file, s.buf = f, bufio.NewWriterSize(f, outputBuffer)
	if _, err := s.buf.Write(s.mem); err != nil {
		s.err = err
	}
	s.mem = nil
}

// copyTo writes all that was written to w, and closes the file; the spool
// is then empty.
func (s *spool) copyTo(w io.Writer) error {
	if s.file == nil {
		_, err := w.Write(s.mem)
		s.mem = nil
		return err
	}
	f := s.file
	s.file = nil
	defer func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}()
	err := s.err
	if err == nil {
		err = s.buf.Flush()
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err == nil {
		_, err = io.Copy(w, f)
	}
	return err
}
