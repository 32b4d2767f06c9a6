package main

import "unsafe"

// textOf is src as a string, without a copy: the string is src's bytes.
// A page read for check or fix is read into the worker's buffer and then
// only read; its Document's text is that buffer, not a copy of it (a copy
// of every page cost a twentieth of a check: it lands on memory the caches
// do not hold). The contract is reuseReads': nothing made from a file's
// bytes outlives its work. The report keeps copies of its strings
// (newFileReport), and TestReusedReadsAreNotKept spoils each buffer once
// its work is done to hold every format to it.
func textOf(src []byte) string {
	return unsafe.String(unsafe.SliceData(src), len(src))
}
