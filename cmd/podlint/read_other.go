//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

// readFile reads at most limit+1 bytes of a file; there is no stamp to
// give here (see stamp_other.go).
func readFile(path string, limit int64) ([]byte, fileStamp, error) {
	src, err := readFileOS(path, limit)
	return src, fileStamp{}, err
}

// readInto is readFile: without the raw system calls there is nothing to
// gain from reading into spare.
func readInto(path string, limit int64, _ []byte) ([]byte, fileStamp, error) {
	return readFile(path, limit)
}
