package text_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/text"
)

func TestFixtures(t *testing.T) {
	analysistest.RunDir(t, "testdata", text.Analyzer)
}
