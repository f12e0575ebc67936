package pattern

import (
	"regexp/syntax"
	"sync"
)

// minLiteral is the shortest required literal worth a prefilter.
const minLiteral = 3

// literals caches the required literals of each pattern.
var literals sync.Map // pattern string -> []string (nil: none)

// requiredLiterals returns strings of which at least one occurs in every
// text the pattern matches, or nil when there is no such set. A line
// without any of them cannot match, so only lines holding one are given
// to the regexp engine: a substring search over the file instead of a
// regexp run over every byte.
func requiredLiterals(pattern string) []string {
	if v, ok := literals.Load(pattern); ok {
		return v.([]string)
	}
	var out []string
	if re, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		if lits, ok := must(re.Simplify()); ok {
			out = lits
		}
	}
	literals.Store(pattern, out)
	return out
}

// must returns a set of literals one of which any match contains.
func must(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(string(re.Rune)) < minLiteral {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return must(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return must(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		for _, s := range re.Sub {
			lits, ok := must(s)
			if !ok {
				continue
			}
			if l := shortest(lits); l > bestLen {
				best, bestLen = lits, l
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			lits, ok := must(s)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, len(all) > 0 && len(all) <= 16
	}
	return nil, false
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}
