package agentcmd

import (
	"testing"

	"skillgate.dev/skillgate/skill"
)

func TestFindJSON(t *testing.T) {
	src := []byte(`{
  "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo \u0041"}, {"type": "prompt", "prompt": "x"}]}]},
  "mcpServers": {
    "b": {"command": "uvx", "args": ["tool", "it's"]},
    "a": {"command": "npx", "args": ["-y", "pkg@1.0.0"]},
    "r": {"url": "https://mcp.example/"}
  }
}`)
	got := Find(&skill.File{Path: "x/.mcp.json", Lang: "json", Data: src}, nil)
	want := []Command{
		{What: "a Stop hook", Line: "echo A", Row: 1, Col: 1}, // escaped in the file: placed at 1:1
		{What: `an MCP server "b"`, Line: `uvx tool 'it'\''s'`, Argv: []string{"uvx", "tool", "it's"}, Row: 4, Col: 22},
		{What: `an MCP server "a"`, Line: "npx -y pkg@1.0.0", Argv: []string{"npx", "-y", "pkg@1.0.0"}, Row: 5, Col: 22},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d commands: %+v", len(got), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.What != w.What || g.Line != w.Line || g.Row != w.Row || g.Col != w.Col || len(g.Argv) != len(w.Argv) {
			t.Errorf("command %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestFindIgnores(t *testing.T) {
	for _, src := range []string{
		`{"hooks": ["pre-commit"], "command": "make"}`,
		`{"tasks": [{"command": "npm test"}], "hooks": {"onSave": "lint"}}`,
		`not json "hooks" "command"`,
	} {
		if got := Find(&skill.File{Path: "a.json", Lang: "json", Data: []byte(src)}, nil); len(got) != 0 {
			t.Errorf("%s: %+v", src, got)
		}
	}
	if got := Find(&skill.File{Path: "README.md", Lang: "markdown", Data: []byte("hooks:")}, nil); got != nil {
		t.Errorf("README.md: %+v", got)
	}
}
