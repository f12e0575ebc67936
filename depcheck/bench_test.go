package depcheck

import (
	"sort"
	"strings"
	"testing"

	"skillgate.dev/skillgate/depcheck/registry"
	"skillgate.dev/skillgate/depcheck/typosquat"
)

func popularPkgs(b *testing.B, eco string) []typosquat.Package {
	var l *registry.List
	var err error
	if eco == registry.PyPI {
		l, err = registry.PyPIPopular()
	} else {
		l, err = registry.NPMPopular()
	}
	if err != nil {
		b.Fatal(err)
	}
	var pkgs []typosquat.Package
	for i := range l.Len() {
		pkgs = append(pkgs, typosquat.Package{Name: strings.ToLower(l.Name(i)), Rank: int(l.Value(i))})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Rank < pkgs[j].Rank })
	return pkgs
}

// BenchmarkIndexBuild measures building the typosquat index of the popular
// PyPI and npm names (the load cost after the lists are decoded).
func BenchmarkIndexBuild(b *testing.B) {
	py, np := popularPkgs(b, registry.PyPI), popularPkgs(b, registry.NPM)
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		typosquat.New(py, false)
		typosquat.New(np, true)
	}
}

// BenchmarkLoad measures everything a first look-up pays for: decoding the
// popular lists and the block indexes and building both typosquat indexes.
func BenchmarkLoad(b *testing.B) {
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		for _, eco := range []string{registry.PyPI, registry.NPM} {
			l, _ := decodePopular(eco)
			var pkgs []typosquat.Package
			for i := range l.Len() {
				pkgs = append(pkgs, typosquat.Package{Name: strings.ToLower(l.Name(i)), Rank: int(l.Value(i))})
			}
			typosquat.New(pkgs, eco == registry.NPM)
		}
	}
}

// BenchmarkJudge measures one name's full check (existence + typosquat)
// once everything is loaded.
func BenchmarkJudge(b *testing.B) {
	names := [][2]string{{"PyPI", "reqeusts"}, {"PyPI", "requests"}, {"PyPI", "fastapi-auth-helper-pro"}, {"npm", "loadash"}, {"npm", "@typess/node"}, {"npm", "left-pad"}}
	for _, n := range names {
		Judge(n[0], n[1])
	}
	i := 0
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		n := names[i%len(names)]
		if _, err := Judge(n[0], n[1]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
