package scan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkScanCorpus times a whole scan (loading, every analyzer, the
// dependency gate, verdicts) of the labelled corpus and reports ms per
// skill. scripts/bench.sh times the CLI on 1,000 skills.
func BenchmarkScanCorpus(b *testing.B) {
	dir := "../testdata/corpus"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus")
	}
	var skills int
	for b.Loop() {
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Base: dir, Jobs: runtime.NumCPU(), Hooks: DefaultHooks(HookOptions{})})
		if err != nil {
			b.Fatal(err)
		}
		skills = len(res.Skills)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*skills), "ms/skill")
}

// BenchmarkScanExamples times the example skills one at a time.
func BenchmarkScanExamples(b *testing.B) {
	dirs, _ := filepath.Glob("../testdata/examples/*")
	for b.Loop() {
		for _, d := range dirs {
			if _, err := Run(context.Background(), Options{Paths: []string{d}, Base: d, Jobs: 1, Hooks: DefaultHooks(HookOptions{})}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(dirs))/1000, "ms/skill")
}

// BenchmarkFoundation times the foundation layers alone — loading,
// SKILL.md, shell, the text layer and the pattern rules — over the
// labelled corpus, without the language analyzers or the dependency gate.
func BenchmarkFoundation(b *testing.B) {
	dir := "../testdata/corpus"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus")
	}
	list := foundationAnalyzers()
	var skills int
	for b.Loop() {
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Base: dir, Jobs: 1, Analyzers: list})
		if err != nil {
			b.Fatal(err)
		}
		skills = len(res.Skills)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*skills)/1000, "ms/skill")
}
