package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// lspStream carries JSON-RPC messages in the protocol's frames: headers
// ("Content-Length: N"), a blank line, N bytes of JSON. It stands in for
// jsonrpc2's own codec, which ends the connection at the first frame it
// cannot read: an editor's malformed message here is logged, answered
// with the JSON-RPC error it deserves when it carries an id, and passed
// over; only the end of the input (or a failed write) ends the session.
type lspStream struct {
	in     *bufio.Reader
	out    io.Writer
	closer io.Closer
	log    *log.Logger
	// maxFrame bounds one message: a longer one is read past, not held.
	maxFrame int64

	writing sync.Mutex
}

// lspMaxFrame is far above the largest page podlint checks (10 MiB by
// default; 30 MB documents are served) and below what would exhaust memory.
const lspMaxFrame = 256 << 20

// lspMaxHeaderLine bounds a header line: longer is garbage, skipped.
const lspMaxHeaderLine = 4096

func newLSPStream(in io.Reader, out io.Writer, closer io.Closer, logger *log.Logger) *lspStream {
	return &lspStream{in: bufio.NewReaderSize(in, 64<<10), out: out, closer: closer, log: logger, maxFrame: lspMaxFrame}
}

// WriteObject writes one message in a frame.
func (s *lspStream) WriteObject(obj any) error {
	body, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	return s.writeFrame(body)
}

func (s *lspStream) writeFrame(body []byte) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	if _, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := s.out.Write(body)
	return err
}

// ReadObject reads the next well-formed message into v (jsonrpc2's
// message type). A frame that cannot be read or decoded is logged and
// answered where it can be, and the next one is read.
func (s *lspStream) ReadObject(v any) error {
	for {
		body, err := s.readFrame()
		var bad badFrame
		switch {
		case errors.As(err, &bad):
			s.log.Printf("malformed message: %v; skipped", bad)
			continue
		case err != nil:
			return err
		}
		// A failed decode may have filled part of v: start each from zero.
		reflect.ValueOf(v).Elem().SetZero()
		if err := json.Unmarshal(body, v); err != nil {
			s.log.Printf("malformed message: %v: %s; skipped", err, clipMessage(body))
			s.answerMalformed(body)
			continue
		}
		return nil
	}
}

// badFrame is a frame that cannot be read; the stream goes on after it.
type badFrame struct{ msg string }

func (b badFrame) Error() string { return b.msg }

// readFrame reads headers up to a blank line, then the body they announce.
// Header lines that are not "Name: value" are skipped, so that after junk
// the stream finds the next frame's headers.
func (s *lspStream) readFrame() ([]byte, error) {
	length, junk := int64(-1), 0
	for {
		line, err := s.readLine()
		if err != nil {
			return nil, err
		}
		if line == "" {
			if length >= 0 {
				break
			}
			if junk > 0 {
				return nil, badFrame{fmt.Sprintf("%d lines without a Content-Length header", junk)}
			}
			continue // blank lines between frames
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			junk++
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				junk++
				continue
			}
			length = n
		}
	}
	if length > s.maxFrame {
		if _, err := io.CopyN(io.Discard, s.in, length); err != nil {
			return nil, err
		}
		return nil, badFrame{fmt.Sprintf("a message of %d bytes, over the limit of %d", length, s.maxFrame)}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		return nil, err
	}
	return body, nil
}

// readLine reads one header line without its line end; a line longer than
// lspMaxHeaderLine is returned cut, which makes it junk.
func (s *lspStream) readLine() (string, error) {
	var line []byte
	for {
		chunk, err := s.in.ReadSlice('\n')
		if len(line) < lspMaxHeaderLine {
			line = append(line, chunk[:min(len(chunk), lspMaxHeaderLine-len(line))]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return "", err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
}

// answerMalformed replies to a message that did not decode: a request
// with a readable id gets Invalid Request, text that is not JSON Parse
// Error (with a null id, as JSON-RPC says). A notification gets nothing.
func (s *lspStream) answerMalformed(body []byte) {
	var probe struct {
		ID     json.RawMessage `json:"id"`
		Method *string         `json:"method"`
	}
	code, msg, id := -32700, "parse error", json.RawMessage("null")
	if err := json.Unmarshal(body, &probe); err == nil || isTypeError(err) {
		if probe.Method != nil && probe.ID == nil {
			return // a notification: no answer is due
		}
		code, msg = -32600, "invalid request"
		if validID(probe.ID) {
			id = probe.ID
		}
	}
	reply, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "error": map[string]any{"code": code, "message": msg}})
	if err := s.writeFrame(reply); err != nil {
		s.log.Printf("answering a malformed message: %v", err)
	}
}

func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// validID tells a JSON-RPC id: a number or a string.
func validID(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	switch v.(type) {
	case float64, string:
		return true
	}
	return false
}

// clipMessage shows the start of a message in a log line.
func clipMessage(body []byte) string {
	const most = 200
	if len(body) > most {
		return strconv.Quote(string(body[:most])) + "…"
	}
	return strconv.Quote(string(body))
}

// Close closes the connection's input and output.
func (s *lspStream) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}
