//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

// readFile reads at most limit+1 bytes of a file.
func readFile(path string, limit int64) ([]byte, error) {
	return readFileOS(path, limit)
}
