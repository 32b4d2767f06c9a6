package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log"
	"strconv"
	"strings"
	"testing"
)

// streamMessage stands for jsonrpc2's message type in these tests.
type streamMessage struct {
	ID     any             `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

func frameOf(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// readAll reads messages until the input ends, returning their methods.
func readAll(t *testing.T, s *lspStream) []string {
	t.Helper()
	var methods []string
	for {
		var m streamMessage
		err := s.ReadObject(&m)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return methods
		}
		if err != nil {
			t.Fatalf("ReadObject: %v", err)
		}
		methods = append(methods, m.Method)
	}
}

// TestLSPStreamSkipsWhatItCannotRead: a frame over the size limit, a
// header line longer than any header, and a body that is not JSON are
// each passed over, and the frames after them read.
func TestLSPStreamSkipsWhatItCannotRead(t *testing.T) {
	var logged, answered bytes.Buffer
	input := frameOf(`{"method":"first"}`) +
		frameOf(`{"method":"too big","params":"`+strings.Repeat("x", 200)+`"}`) +
		"X-Junk: " + strings.Repeat("y", 10000) + "\r\n" + frameOf(`{"method":"after a long header"}`) +
		frameOf(`{"id":7,"method":`) +
		"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frameOf(`{"method":"with a content type"}`)
	s := newLSPStream(strings.NewReader(input), &answered, nil, log.New(&logged, "", 0))
	s.maxFrame = 100
	got := readAll(t, s)
	want := []string{"first", "after a long header", "with a content type"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read %q, want %q", got, want)
	}
	for _, w := range []string{"over the limit of 100", "malformed message"} {
		if !strings.Contains(logged.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, logged.String())
		}
	}
	if !strings.Contains(answered.String(), `"code":-32700`) {
		t.Errorf("the body that is not JSON was answered %q, want a parse error", answered.String())
	}
}

// TestLSPStreamFreshMessage: a message that fails to decode part way
// leaves nothing behind in the next one.
func TestLSPStreamFreshMessage(t *testing.T) {
	// A type error: encoding/json goes on and sets the id.
	input := frameOf(`{"id":1,"method":7}`) + frameOf(`{"params":{"a":1}}`)
	s := newLSPStream(strings.NewReader(input), io.Discard, nil, log.New(io.Discard, "", 0))
	var m streamMessage
	if err := s.ReadObject(&m); err != nil {
		t.Fatal(err)
	}
	if m.ID != nil {
		t.Errorf("the second message carries the first's fields: %+v", m)
	}
}

// FuzzLSPStream: whatever an editor (or anything else) writes, reading it
// ends at the end of the input and never panics.
func FuzzLSPStream(f *testing.F) {
	f.Add([]byte(frameOf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`)))
	f.Add([]byte("Content-Length: 5\r\n\r\n{\"a\":Content-Length: 2\n\n{}"))
	f.Add([]byte("Content-Length: -1\r\n\r\nContent-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte(frameOf(`[{"id":1},{"id":"x","method":"m"}]`)))
	f.Fuzz(func(t *testing.T, input []byte) {
		s := newLSPStream(bytes.NewReader(input), io.Discard, nil, log.New(io.Discard, "", 0))
		s.maxFrame = 1 << 16
		for range len(input) + 1 {
			var m streamMessage
			if err := s.ReadObject(&m); err != nil {
				return
			}
		}
		t.Fatalf("more messages read than the input has bytes")
	})
}
