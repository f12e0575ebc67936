package decoded_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/decoded"
)

func TestDecoded(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), decoded.Analyzer, "decoded")
}
