package main

import (
	"reflect"
	"testing"

	"github.com/podlint/podlint/schema"
)

func TestNewFromRevReadsTheNewSideOfHunks(t *testing.T) {
	diff := `diff --git a/eps/tide.md b/eps/tide.md
index 1111111..2222222 100644
--- a/eps/tide.md
+++ b/eps/tide.md
@@ -2,0 +3,2 @@ # Tide Pools
+*Updated in June.*
+
@@ -12 +14 @@ Ines kneels
-## [06:30] The hour
+## [06:30] The hour before sunrise
@@ -20,3 +21,0 @@
-a
-b
-c
diff --git a/gone.md b/gone.md
deleted file mode 100644
--- a/gone.md
+++ /dev/null
@@ -1,2 +0,0 @@
-# Gone
-
diff --git "a/eps/tab\there.md" "b/eps/tab\there.md"
--- "a/eps/tab\there.md"
+++ "b/eps/tab\there.md"
@@ -1 +1 @@
-x
+y
diff --git a/eps/caf\303\251.md b/eps/caf\303\251.md
--- "a/eps/caf\303\251.md"
+++ "b/eps/caf\303\251.md"
@@ -4,0 +5 @@
+z
`
	ch := &changedLines{lines: map[string][]lineSpan{}}
	if err := ch.readDiff([]byte(diff)); err != nil {
		t.Fatal(err)
	}
	want := map[string][]lineSpan{
		"eps/tide.md":      {{3, 4}, {14, 14}},
		"eps/tab\there.md": {{1, 1}},
		"eps/café.md":      {{5, 5}},
	}
	if !reflect.DeepEqual(ch.lines, want) {
		t.Errorf("changed lines = %v, want %v", ch.lines, want)
	}
	if err := ch.readDiff([]byte("+++ b/x.md\n@@ -1 +a @@\n")); err == nil {
		t.Errorf("a broken hunk header was read")
	}
}

func TestNewFromRevKeepsFindingsTouchingChangedLines(t *testing.T) {
	ch := &changedLines{root: "/repo", cwd: "/repo/eps", lines: map[string][]lineSpan{"eps/a.md": {{5, 6}}}, whole: map[string]bool{"eps/new.md": true}}
	at := func(line, endLine, endCol int) item {
		return item{rule: "r", start: schema.Position{Line: line, Column: 1}, end: schema.Position{Line: endLine, Column: endCol}}
	}
	f := fileReport{path: "a.md", items: []item{
		at(4, 4, 9), // before
		at(3, 5, 2), // reaches into line 5
		at(6, 6, 3), // on line 6
		at(7, 7, 2), // after
		at(2, 5, 1), // ends where line 5 begins: not on it
		at(6, 9, 4), // starts on line 6
	}}
	var got []int
	for _, it := range ch.keep(f) {
		got = append(got, it.start.Line)
	}
	if want := []int{3, 6, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept findings at lines %v, want %v", got, want)
	}
	if kept := ch.keep(fileReport{path: "new.md", items: f.items}); len(kept) != len(f.items) {
		t.Errorf("an untracked file kept %d of %d findings", len(kept), len(f.items))
	}
	if kept := ch.keep(fileReport{path: "../../elsewhere/a.md", items: f.items}); len(kept) != 0 {
		t.Errorf("a file outside the repository kept %d findings", len(kept))
	}
}
