//go:build !linux

package main

// preferHugePages asks for huge pages on Linux only (see its Linux
// version); elsewhere it asks for nothing.
func preferHugePages(int) {}
