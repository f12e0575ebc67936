package lazyre_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers"
	_ "skillgate.dev/skillgate/depcheck"
	_ "skillgate.dev/skillgate/depcheck/extract"
	"skillgate.dev/skillgate/internal/lazyre"
	_ "skillgate.dev/skillgate/signing/trust"
)

// TestEveryPatternCompiles compiles every lazily compiled expression of
// the packages that use them, as eager compilation at start-up used to.
func TestEveryPatternCompiles(t *testing.T) {
	_ = analyzers.All()
	n, err := lazyre.CheckAll()
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("only %d expressions registered; the analyzers hold more", n)
	}
}
