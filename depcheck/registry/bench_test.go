package registry

import (
	"testing"

	"skillgate.dev/skillgate/depcheck/data"
)

func BenchmarkLoadPopular(b *testing.B) {
	for b.Loop() {
		if _, err := DecodeList(data.PyPIPopular); err != nil {
			b.Fatal(err)
		}
		if _, err := DecodeList(data.NPMPopular); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadBlockIndex(b *testing.B) {
	for b.Loop() {
		if _, err := NewBlocked(data.PyPIIndex, data.PyPIBlocks); err != nil {
			b.Fatal(err)
		}
		if _, err := NewBlocked(data.NPMIndex, data.NPMBlocks); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLookupCold measures a look-up that inflates its block.
func BenchmarkLookupCold(b *testing.B) {
	for b.Loop() {
		bl, err := NewBlocked(data.PyPIIndex, data.PyPIBlocks)
		if err != nil {
			b.Fatal(err)
		}
		bl.Find("requests")
	}
}

// BenchmarkLookupWarm measures look-ups once their blocks are loaded.
func BenchmarkLookupWarm(b *testing.B) {
	names := []string{"requests", "reqeusts", "fastapi-auth-helper-pro", "Django", "numpy"}
	for _, n := range names {
		Lookup(PyPI, n)
	}
	i := 0
	for b.Loop() {
		Lookup(PyPI, names[i%len(names)])
		i++
	}
}

func BenchmarkEmbeddedSize(b *testing.B) {
	total := 0
	for _, d := range [][]byte{data.PyPIBlocks, data.PyPIIndex, data.PyPIPopular, data.NPMBlocks, data.NPMIndex, data.NPMPopular, data.Go, data.Holding, data.Malicious, data.Meta} {
		total += len(d)
	}
	for b.Loop() {
	}
	b.ReportMetric(float64(total), "embedded-bytes")
}
