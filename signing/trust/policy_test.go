package trust

import (
	"strings"
	"testing"
)

func TestValidPrincipal(t *testing.T) {
	for id, want := range map[string]bool{
		"alice": true, "ops@example.test": true, "a.b_c+d-e": true, "7": true,
		strings.Repeat("a", 128): true, strings.Repeat("a", 129): false,
		"": false, ".alice": false, "-x": false, "al ice": false, "al/ice": false,
		"ålice": false, "alice\n": false, "a:b": false,
	} {
		if got := validPrincipal(id); got != want {
			t.Errorf("validPrincipal(%q) = %v, want %v", id, got, want)
		}
	}
}
