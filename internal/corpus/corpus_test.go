package corpus

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestCorpusTargets holds skillgate to its detection targets on the
// labelled corpus: at least 95% of malicious skills blocked, at most 5%
// of benign skills blocked, overall and for every language with enough
// samples.
func TestCorpusTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus evaluation skipped in -short mode")
	}
	samples, err := Evaluate(context.Background(), "../../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	Print(&b, samples)
	t.Logf("corpus evaluation:\n%s", b.String())
	all := Count(samples, "")
	if all.Malicious < 40 || all.Benign < 40 {
		t.Errorf("corpus has %d malicious and %d benign skills; want at least 40 of each", all.Malicious, all.Benign)
	}
	if r := all.Recall(); r < 0.95 {
		t.Errorf("recall %.1f%% < 95%%", 100*r)
	}
	if f := all.FPR(); f > 0.05 {
		t.Errorf("false-positive rate %.1f%% > 5%%", 100*f)
	}
	if os.Getenv("CORPUS_VERBOSE") != "" {
		os.Stdout.WriteString(b.String())
	}
}

// TestHoldoutTargets keeps the two red-team sets (written without sight
// of the detectors; no longer blind once their misses were fixed) at the
// same targets, so that a regression on them fails.
func TestHoldoutTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("holdout evaluation skipped in -short mode")
	}
	for _, dir := range []string{"../../testdata/holdout", "../../testdata/holdout2"} {
		samples, err := Evaluate(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		all := Count(samples, "")
		if all.Malicious < 20 || all.Benign < 20 {
			t.Errorf("%s: %d malicious and %d benign skills; want at least 20 of each", dir, all.Malicious, all.Benign)
		}
		if r := all.Recall(); r < 0.95 {
			t.Errorf("%s: recall %.1f%% < 95%%", dir, 100*r)
		}
		if f := all.FPR(); f > 0.05 {
			t.Errorf("%s: false-positive rate %.1f%% > 5%%", dir, 100*f)
		}
	}
}
