package main

import (
	"strings"
	"unsafe"

	"github.com/podlint/podlint/schema"
)

// textOf is src as a string, without a copy (schema.TextOf). A page read
// for check or fix is read into the worker's buffer and then only read;
// its Document's text is that buffer, not a copy of it (a copy of every
// page cost a twentieth of a check: it lands on memory the caches do not
// hold). The contract is reuseReads': nothing made from a file's
// bytes outlives its work. The report copies what it keeps of the text
// (newFileReport, keptFrom), and TestReusedReadsAreNotKept spoils each
// buffer once its work is done to hold every format to it.
func textOf(src []byte) string { return schema.TextOf(src) }

// keptFrom is s, copied when its bytes are read's (a slice of the text of
// a page read into a buffer the next read overwrites), else s itself: most
// messages are made for the report already, and a copy of each again cost
// an allocation a finding.
func keptFrom(read, s string) string {
	if s == "" || read == "" {
		return s
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(read)))
	at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if at >= start && at < start+uintptr(len(read)) {
		return strings.Clone(s)
	}
	return s
}
