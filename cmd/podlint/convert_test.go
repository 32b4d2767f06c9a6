package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/podlint/podlint/convert"
	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
)

// TestConvertGolden converts every input in testdata/convert to every form
// and compares with the golden file NAME.to-FORM beside it; losses and
// warnings are part of the golden output.
func TestConvertGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../../testdata/convert/*.*")
	chapters := compileChaptersSchema(t)
	for _, in := range inputs {
		if strings.Contains(in, ".to-") || strings.HasSuffix(in, ".schema.json") {
			continue
		}
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{"json", "md", "chapters", "youtube"} {
			doc := schema.Read(filepath.Base(in), src)
			out, losses, warnings := convertDoc(doc, target)
			var got bytes.Buffer
			got.Write(out)
			for _, l := range losses {
				pos := doc.Lines.Position(l.Span.Start)
				got.WriteString("# cannot hold at " + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column) + ": " + l.What + "\n")
			}
			for _, w := range warnings {
				got.WriteString("# warning: " + w + "\n")
			}
			golden := in + ".to-" + target
			if *updateScripts {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s: differs from %s:\n%s", in, golden, got.String())
			}
			if target == "chapters" {
				var v any
				if err := json.Unmarshal(out, &v); err != nil {
					t.Fatal(err)
				}
				if err := chapters.Validate(v); err != nil {
					t.Errorf("%s: chapters output is not valid: %v", in, err)
				}
			}
		}
	}
}

func compileChaptersSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("../../testdata/convert/chapters.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://podlint.dev/schema/chapters.schema.json", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	return c.MustCompile("https://podlint.dev/schema/chapters.schema.json")
}

// TestRoundTrips: Markdown → JSON → Markdown gives the canonical page, and
// JSON → Markdown → JSON the same document, for every fixture the model
// holds without loss.
func TestRoundTrips(t *testing.T) {
	var inputs []string
	for _, pattern := range []string{"../../testdata/*/*/*", "../../testdata/demo/*", "../../testdata/convert/*"} {
		paths, _ := filepath.Glob(pattern)
		inputs = append(inputs, paths...)
	}
	sort.Strings(inputs)
	tried := 0
	for _, in := range inputs {
		ext := filepath.Ext(in)
		if (ext != ".md" && ext != ".json") || strings.Contains(in, ".schema.") {
			continue
		}
		src, err := os.ReadFile(in)
		if err != nil || schema.CheckEncoding(src) != nil {
			continue
		}
		doc := schema.Read(in, src)
		if doc.Broken || len(doc.Problems) > 0 || doc.Episode.Title == nil {
			continue
		}
		if ext == ".md" {
			md, losses := convert.ToMarkdown(doc)
			if len(losses) > 0 {
				continue
			}
			js, _ := convert.ToJSON(doc)
			back, losses := convert.ToMarkdown(schema.Read("back.json", js))
			if len(losses) > 0 || !bytes.Equal(back, md) {
				t.Errorf("%s: Markdown → JSON → Markdown differs from the canonical page:\n%s\n---\n%s", in, md, back)
			}
		} else {
			js, losses := convert.ToJSON(doc)
			if len(losses) > 0 {
				continue
			}
			md, losses := convert.ToMarkdown(doc)
			if len(losses) > 0 {
				continue // Markdown cannot hold it, and says so
			}
			back, losses := convert.ToJSON(schema.Read("back.md", md))
			if len(losses) > 0 || !sameJSON(t, back, js) {
				t.Errorf("%s: JSON → Markdown → JSON differs:\n%s\n---\n%s", in, js, back)
			}
		}
		tried++
	}
	if tried < 20 {
		t.Errorf("only %d fixtures round-tripped; the test is not looking at the fixtures", tried)
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// TestPipelineRawToMarkdown: the pipeline's raw JSON, fixed, converts to a
// front matter block followed by exactly the text of clean.md.
func TestPipelineRawToMarkdown(t *testing.T) {
	raw, clean := sharedtest.Read(t, "examples/pipeline-raw.json"), sharedtest.Read(t, "examples/clean.md")
	dir := t.TempDir()
	path := filepath.Join(dir, "episode.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"podlint", "check", "--no-config", path}, nil, &out, &errOut); code != exitFindings || strings.Count(out.String(), "quote-fragment") != 7 {
		t.Fatalf("check: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"podlint", "fix", "--no-config", "--write", path}, nil, &out, &errOut); code != exitClean {
		t.Fatalf("fix --write: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	fixed, _ := os.ReadFile(path)
	var v map[string]any
	if err := json.Unmarshal(fixed, &v); err != nil {
		t.Fatalf("fixed JSON does not parse: %v", err)
	}
	quotes := v["chapters"].([]any)[0].(map[string]any)["quotes"].([]any)
	if q, ok := quotes[0].(map[string]any); !ok || q["at"] != 9.0 {
		t.Errorf("fixed quotes are not the clean form: %v", quotes)
	}
	out.Reset()
	if code := run([]string{"podlint", "convert", "--no-config", "--to", "md", path}, nil, &out, &errOut); code != exitClean {
		t.Fatalf("convert: exit %d\n%s", code, errOut.String())
	}
	md := out.String()
	if !strings.HasPrefix(md, "---\n") {
		t.Fatalf("no front matter:\n%s", md)
	}
	end := strings.Index(md[4:], "---\n") + 4
	front, body := md[:end], md[end+4:]
	for _, key := range []string{"tags:", "seo_title:", "seo_description:", "confidence:"} {
		if !strings.Contains(front, "\n"+key) {
			t.Errorf("front matter lacks %s:\n%s", key, front)
		}
	}
	if body != string(clean) {
		t.Errorf("the page after the front matter is not clean.md:\n%s", body)
	}
}

// TestConvertUnreadableExitCodes: --force and --lossy pass over findings and
// losses (exit 0), never over a file that does not read as an episode (exit
// 2, nothing written); a loss without --lossy is exit 1.
func TestConvertUnreadableExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "truncated.json", []byte(`{"title":"A","chapters":[{"start":0,"title":"x"`))
	write(t, dir, "commented.json", []byte("{\"title\": \"A\", // note\n\"chapters\": []}"))
	write(t, dir, "nan.json", []byte(`{"title": "A", "chapters": [], "duration": NaN}`))
	write(t, dir, "pairs.json", []byte(`{"title": "A", "summary": "S.", "chapters": [{"start": 0, "title": "B", "summary": "C.", "quotes": ["D.", [3, -75]]}]}`))
	for _, name := range []string{"truncated.json", "commented.json", "nan.json"} {
		code, out, errOut := podlint(t, dir, "convert", "--no-config", "--to", "md", "--force", "--lossy", name)
		if code != exitUsage || out != "" || !strings.Contains(errOut, name+":") || !strings.Contains(errOut, "not converted: not valid JSON") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2, nothing written, where it stopped", name, code, out, errOut)
		}
	}
	if code, _, errOut := podlint(t, dir, "convert", "--no-config", "--to", "md", "--force", "pairs.json"); code != exitFindings || !strings.Contains(errOut, "pairs.json:1:107: md cannot hold the list [3, -75]") {
		t.Errorf("pairs.json --force: exit %d, stderr %q; want exit 1 and the pair listed", code, errOut)
	}
	if code, out, _ := podlint(t, dir, "convert", "--no-config", "--to", "md", "--force", "--lossy", "pairs.json"); code != exitClean || !strings.Contains(out, `> *"D."*`) {
		t.Errorf("pairs.json --force --lossy: exit %d, stdout %q", code, out)
	}
}
