package knowledge

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// litSet is a prefilter for one regexp: a match is only possible when
// the text contains one of the literals. A nil set always passes.
type litSet []string

// rules reports whether the regexp may match s.
func (l litSet) rules(s string) bool {
	if l == nil {
		return true
	}
	for _, x := range l {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// pathLits are the prefilters of pathRules, index for index: most paths
// a scan classifies match no rule, and a few substring searches reject
// them without running some forty regexps.
func buildPathLits(rules []pathRule) []litSet {
	out := make([]litSet, len(rules))
	for i, r := range rules {
		out[i] = required(r.re)
	}
	return out
}

// required derives the literals one of which every match of re
// contains, or nil when it cannot tell.
func required(re *regexp.Regexp) litSet {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return need(t.Simplify(), 0)
}

func need(t *syntax.Regexp, depth int) litSet {
	if depth > 32 || t.Flags&syntax.FoldCase != 0 {
		return nil
	}
	switch t.Op {
	case syntax.OpLiteral:
		if len(t.Rune) == 0 {
			return nil
		}
		return litSet{string(t.Rune)}
	case syntax.OpCapture:
		return need(t.Sub[0], depth+1)
	case syntax.OpPlus:
		return need(t.Sub[0], depth+1)
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return need(t.Sub[0], depth+1)
		}
		return nil
	case syntax.OpAlternate:
		var out litSet
		for _, s := range t.Sub {
			l := need(s, depth+1)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	case syntax.OpConcat:
		// Any one required part will do; the one whose shortest
		// literal is longest rejects the most.
		var best litSet
		bestLen := 0
		for _, s := range t.Sub {
			l := need(s, depth+1)
			if l == nil {
				continue
			}
			m := len(l[0])
			for _, x := range l {
				m = min(m, len(x))
			}
			if m > bestLen {
				best, bestLen = l, m
			}
		}
		return best
	}
	return nil
}
