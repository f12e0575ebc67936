package pattern

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/rules"
)

func rule(t *testing.T, match string) *rules.Rule {
	t.Helper()
	r, err := rules.Parse("test.yaml", []byte(`id: SG9999
name: test-rule
title: Test
category: obfuscation
severity: low
confidence: low
languages: [any]
message: "found {what} in {other}"
explain: x
remediation: x
since: 0.1.0
match:
`+match))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMatches(t *testing.T) {
	src := "alpha\nbeta gamma beta\n# beta in a comment\n  beta\nend\n"
	tests := []struct {
		name  string
		match string
		src   string
		want  []string // "line:col text"
	}{
		{"line", "  kind: regex\n  pattern: 'beta'\n", src, []string{"2:1 beta", "3:3 beta", "4:3 beta"}},
		{"unless", "  kind: regex\n  pattern: 'beta'\n  unless: '^#'\n", src, []string{"2:1 beta", "4:3 beta"}},
		{"anchors-per-line", "  kind: regex\n  pattern: '^\\s*beta$'\n", src, []string{"4:1   beta"}},
		{"spanning", "  kind: regex\n  pattern: 'beta\\s+\\S+'\n", src, []string{"2:1 beta gamma", "3:3 beta in"}},
		{"spanning-no-literal", "  kind: regex\n  pattern: 'b\\w+\\s+\\S+'\n", src, []string{"2:1 beta gamma", "3:3 beta in"}},
		{"spanning-only-no-literal", "  kind: regex\n  pattern: '\\w\\s+#'\n", src, nil},
		{"spanning-only", "  kind: regex\n  pattern: 'beta\\s+#'\n", src, nil},
		{"multiline", "  kind: regex\n  pattern: 'alpha\\nbeta'\n  multiline: true\n", src, []string{"1:1 alpha\nbeta"}},
		{"multiline-unless", "  kind: regex\n  pattern: 'alpha\\nbeta'\n  multiline: true\n  unless: 'gamma'\n", src, []string{"1:1 alpha\nbeta"}},
		{"crlf-and-no-final-newline", "  kind: regex\n  pattern: 'end'\n", "x\r\nend", []string{"2:1 end"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range matches(rule(t, tc.match).Match, []byte(tc.src)) {
				got = append(got, fmt.Sprintf("%d:%d %s", m.line, m.col, m.text))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessage(t *testing.T) {
	r := rule(t, "  kind: regex\n  pattern: 'use (?P<what>\\w+)'\n")
	ms := matches(r.Match, []byte("we use sockets here"))
	if len(ms) != 1 {
		t.Fatalf("got %d matches", len(ms))
	}
	if got, want := message(r, ms[0]), "found sockets in use sockets"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestMatchLimit(t *testing.T) {
	r := rule(t, "  kind: regex\n  pattern: 'x'\n")
	src := make([]byte, 0, 1000)
	for range 500 {
		src = append(src, "x\n"...)
	}
	if n := len(matches(r.Match, src)); n != maxMatches {
		t.Errorf("got %d matches, want the limit %d", n, maxMatches)
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{`docker\.sock`, []string{"docker.sock"}},
		{`(?P<p>(?:/\w+)*/(?:docker|podman)\.sock)\b`, []string{"docker", "podman"}},
		{`curl|wget`, []string{"curl", "wget"}},
		{`curl|\w+`, nil},
		{`(?i)docker`, nil},
		{`a+b`, nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, requiredLiterals(tc.pattern)); diff != "" {
			t.Errorf("requiredLiterals(%q) (-want +got):\n%s", tc.pattern, diff)
		}
	}
}
