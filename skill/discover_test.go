package skill

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiscoverDoesNotSkipPackageFolders: a skill under node_modules/ or
// vendor/ is found (skipping those folders would let one escape a scan);
// .git is not searched.
func TestDiscoverDoesNotSkipPackageFolders(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"node_modules/a", "vendor/b", ".git/c", "skills/d"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
		os.WriteFile(filepath.Join(root, d, "SKILL.md"), []byte("---\nname: x\n---\n"), 0o644)
	}
	got, err := Discover(context.Background(), []string{root})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, g := range got {
		r, _ := filepath.Rel(root, g)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"node_modules/a", "skills/d", "vendor/b"}
	if strings.Join(rel, ",") != strings.Join(want, ",") {
		t.Errorf("Discover = %v, want %v", rel, want)
	}
}
