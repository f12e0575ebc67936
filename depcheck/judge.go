package depcheck

import (
	"sort"
	"strings"
	"sync"

	"skillgate.dev/skillgate/depcheck/data"
	"skillgate.dev/skillgate/depcheck/registry"
	"skillgate.dev/skillgate/depcheck/typosquat"
	"skillgate.dev/skillgate/finding"
)

// Judgement is what the name lists say about one package name.
type Judgement struct {
	Info registry.Info
	// Unknown is set when the registry list is complete enough to say the
	// name does not exist (PyPI) or is unknown or very rare (npm).
	Unknown bool
	// Squat is set when the name imitates a popular package.
	Squat *typosquat.Match
}

func normalize(eco, name string) string {
	switch eco {
	case registry.PyPI:
		return registry.NormalizePyPI(name)
	case registry.NPM:
		return registry.NormalizeNPM(name)
	case registry.Go:
		return strings.ToLower(name)
	}
	return name
}

var indexes = struct {
	sync.Mutex
	m map[string]*typosquat.Index
}{m: map[string]*typosquat.Index{}}

// Index returns the typosquat index of an ecosystem, built once.
func Index(eco string) (*typosquat.Index, error) {
	indexes.Lock()
	defer indexes.Unlock()
	if ix, ok := indexes.m[eco]; ok {
		return ix, nil
	}
	var pkgs []typosquat.Package
	switch eco {
	case registry.PyPI:
		l, err := registry.PyPIPopular()
		if err != nil {
			return nil, err
		}
		for i := range l.Len() {
			if r := l.Value(i); r > 0 {
				pkgs = append(pkgs, typosquat.Package{Name: l.Name(i), Rank: int(r)})
			}
		}
	case registry.NPM:
		l, err := registry.NPMPopular()
		if err != nil {
			return nil, err
		}
		type e struct {
			name string
			dl   uint32
		}
		var es []e
		for i := range l.Len() {
			if l.Value(i) >= registry.PopularNPMDownloads {
				es = append(es, e{l.Name(i), l.Value(i)})
			}
		}
		sort.Slice(es, func(i, j int) bool { return es[i].dl > es[j].dl || es[i].dl == es[j].dl && es[i].name < es[j].name })
		for i, x := range es {
			pkgs = append(pkgs, typosquat.Package{Name: strings.ToLower(x.name), Rank: i + 1})
		}
	case registry.Go:
		for _, m := range registry.GoModules() {
			pkgs = append(pkgs, typosquat.Package{Name: strings.ToLower(m), Rank: typosquat.VeryPopularRank})
		}
	}
	sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].Rank < pkgs[j].Rank })
	ix := typosquat.New(pkgs, eco == registry.NPM)
	indexes.m[eco] = ix
	return ix, nil
}

// Judge checks one package name against the embedded lists: existence and
// imitation of a popular package. A popular name is never a squat.
func Judge(eco, name string) (Judgement, error) {
	var j Judgement
	info, err := registry.Lookup(eco, name)
	if err != nil {
		return j, err
	}
	j.Info = info
	if registry.Covered(eco) && !info.Known {
		j.Unknown = true
	}
	if info.Popular(eco) {
		return j, nil
	}
	ix, err := Index(eco)
	if err != nil {
		return j, err
	}
	if m, ok := ix.Check(normalize(eco, name), name); ok {
		j.Squat = &m
	}
	return j, nil
}

// SquatSeverity is the severity and confidence of a typosquat finding: the
// match's own; low when the package exists and the resemblance is weak
// (an affix, a combination, a reordering, a typo of a short name: legitimate
// plugins and forks look like that); one step lower for an npm package
// established in its own right (100,000+ downloads a month); critical when
// the skill installs it at run time.
func (j Judgement) SquatSeverity(runtime bool) (finding.Severity, finding.Confidence) {
	if j.Squat == nil {
		return finding.SeverityUnset, finding.ConfidenceUnset
	}
	sev, conf := j.Squat.Severity(), j.Squat.Confidence()
	if j.Info.Known && !j.Squat.Strong {
		sev, conf = finding.Low, finding.LowConfidence
	}
	if j.Info.Known && j.Info.Downloads >= 100_000 && sev > finding.Low {
		sev, conf = sev-1, finding.LowConfidence
	}
	if runtime && sev >= finding.Medium {
		sev = finding.Critical
	}
	return sev, conf
}

// decodePopular decodes an ecosystem's popular list afresh (benchmarks).
func decodePopular(eco string) (*registry.List, error) {
	if eco == registry.PyPI {
		return registry.DecodeList(data.PyPIPopular)
	}
	return registry.DecodeList(data.NPMPopular)
}
