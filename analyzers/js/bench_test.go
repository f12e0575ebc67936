package js_test

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/js"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// corpusSkills loads the JS or TS corpus skills once.
func corpusSkills(b *testing.B, prefix string) ([]*skill.Skill, int64) {
	var out []*skill.Skill
	var size int64
	for _, label := range []string{"malicious", "benign"} {
		dirs, _ := filepath.Glob("../../testdata/corpus/" + label + "/" + prefix)
		for _, d := range dirs {
			s, err := skill.Load(context.Background(), d, filepath.Base(d), skill.Limits{})
			if err != nil {
				b.Fatal(err)
			}
			for _, f := range s.Files {
				if f.Lang == "javascript" || f.Lang == "typescript" {
					size += int64(len(f.Data))
				}
			}
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		b.Fatal("no corpus skills")
	}
	return out, size
}

func benchSkills(b *testing.B, prefix string) {
	skills, size := corpusSkills(b, prefix)
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{js.Analyzer}
	b.SetBytes(size)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range skills {
			if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(skills)), "ms/skill")
	// On a shared machine wall time includes waiting for a core; CPU time
	// is what the analysis costs.
	b.ReportMetric(cpu*1000/float64(b.N*len(skills)), "cpu-ms/skill")
	b.ReportMetric(float64(size)*float64(b.N)/cpu/1e6, "cpu-MB/s")
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkJS measures parse + analysis throughput (MB/s) and time per
// skill over the JavaScript corpus skills.
func BenchmarkJS(b *testing.B) { benchSkills(b, "js-*") }

// BenchmarkTS is BenchmarkJS for the TypeScript corpus skills.
func BenchmarkTS(b *testing.B) { benchSkills(b, "ts-*") }

// benchLarge measures throughput on one large file made of every corpus
// source of a language, each wrapped in its own function scope, repeated
// to about 256 KiB.
func benchLarge(b *testing.B, prefix, name, lang string) {
	skills, _ := corpusSkills(b, prefix)
	// Module syntax is only valid at the top level: drop imports and
	// export keywords so each source can sit in its own function.
	var unit []byte
	for _, s := range skills {
		for _, f := range s.Files {
			if f.Lang != lang {
				continue
			}
			unit = append(unit, "(async function () {\n"...)
			for _, line := range strings.SplitAfter(string(f.Data), "\n") {
				if strings.HasPrefix(line, "import ") {
					continue
				}
				unit = append(unit, strings.TrimPrefix(line, "export ")...)
			}
			unit = append(unit, "\n})();\n"...)
		}
	}
	if len(unit) == 0 {
		b.Fatal("no sources")
	}
	var buf []byte
	for len(buf) < 256<<10 {
		buf = append(buf, unit...)
	}
	s := &skill.Skill{Files: []*skill.File{{Path: name, Data: buf, Size: int64(len(buf)), Kind: skill.Text, Lang: lang}}}
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{js.Analyzer}
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(buf))*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "cpu-MB/s")
}

// BenchmarkLargeJS is parse + analysis MB/s on a large JavaScript file.
func BenchmarkLargeJS(b *testing.B) { benchLarge(b, "js-*", "big.js", "javascript") }

// BenchmarkLargeTS is parse + analysis MB/s on a large TypeScript file.
func BenchmarkLargeTS(b *testing.B) { benchLarge(b, "ts-*", "big.ts", "typescript") }
