package typosquat

import (
	"slices"
	"sort"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// Package is a popular package: its normalised name and its popularity rank
// (1 = most popular).
type Package struct {
	Name string
	Rank int
}

// Techniques a match can name.
const (
	Visual         = "visual-substitution"
	Separator      = "separator-confusion"
	Swap           = "adjacent-swap"
	Keyboard       = "keyboard-adjacent-typo"
	DigitForLetter = "digit-for-letter"
	Repeated       = "repeated-letter"
	Omitted        = "omitted-letter"
	Extra          = "extra-letter"
	Substitution   = "one-letter-substitution"
	Affix          = "affix"
	Plural         = "plural"
	VersionDigits  = "version-digits"
	Reorder        = "token-reorder"
	ScopeConfusion = "scope-confusion"
	UnscopedCopy   = "unscoped-copy"
	ScopeCopy      = "scope-copy"
	Combo          = "combosquat"
)

// Match says which popular package a name imitates and how.
type Match struct {
	Target     string
	TargetRank int
	Technique  string
	// Strong is true for techniques that rarely occur by accident
	// (typos and visual tricks against a distinctive name); affixes,
	// reordering and combinations are weaker evidence.
	Strong bool
}

// VeryPopularRank is the rank up to which a target counts as very popular.
const VeryPopularRank = 2000

// Severity is the severity the match deserves on its own: high for a
// clear squat of a very popular target, medium when weaker, low for a
// weak technique against a less popular target.
func (m Match) Severity() finding.Severity {
	switch {
	case m.Strong && m.TargetRank <= VeryPopularRank:
		return finding.High
	case m.Strong || m.TargetRank <= VeryPopularRank:
		return finding.Medium
	}
	return finding.Low
}

// Confidence follows the same split as [Match.Severity].
func (m Match) Confidence() finding.Confidence {
	switch {
	case m.Strong && m.TargetRank <= VeryPopularRank:
		return finding.HighConfidence
	case m.Strong || m.TargetRank <= VeryPopularRank:
		return finding.MediumConfidence
	}
	return finding.LowConfidence
}

// Index answers [Index.Check] for one ecosystem.
type Index struct {
	npm   bool
	names []string
	ranks []int
	rank  map[string]int
	ids   map[string]int32
	// Hash collisions only add candidates, which oneEdit then rejects.
	// del holds, sorted, one key per name and per one-deletion of it: the
	// hash of the string in the high bits and the name's id in the low
	// idBits. Sorting a flat slice is far cheaper at load than filling a
	// map, and a look-up is a binary search.
	del []uint64
	// sdel is del over the affix-stripped forms of popular names
	// ("opencv" for opencv-python), so that a typo of the stem is found.
	sdel     []uint64
	skel     map[string][]int32
	stripped map[string][]int32
	reorder  map[string][]int32
	bases    map[string][]int32 // npm: base of a scoped popular name
	joined   map[string][]int32 // npm: scope and base joined without separators
	scopes   map[string]bool    // npm: scopes of popular names
	scopeIx  map[string][]string
}

// New builds an index over popular packages (names already normalised:
// PEP 503 for PyPI, lower case for npm). npm enables scope handling.
func New(pkgs []Package, npm bool) *Index {
	ix := &Index{
		npm: npm, rank: make(map[string]int, len(pkgs)), ids: make(map[string]int32, len(pkgs)),
		del: make([]uint64, 0, len(pkgs)*16), skel: make(map[string][]int32, len(pkgs)),
		stripped: make(map[string][]int32, len(pkgs)/4), reorder: make(map[string][]int32, len(pkgs)/2),
		bases: map[string][]int32{}, joined: map[string][]int32{}, scopes: map[string]bool{},
		scopeIx: map[string][]string{},
	}
	for _, p := range pkgs {
		if _, dup := ix.rank[p.Name]; dup || p.Name == "" {
			continue
		}
		id := int32(len(ix.names))
		ix.names = append(ix.names, p.Name)
		ix.ranks = append(ix.ranks, p.Rank)
		ix.rank[p.Name] = p.Rank
		ix.ids[p.Name] = id
		if len(p.Name) >= 4 {
			ix.del = append(ix.del, delKey(hashSkip(p.Name, -1), id))
			for i := range len(p.Name) {
				if i > 0 && p.Name[i] == p.Name[i-1] {
					continue // same deletion as the previous position
				}
				ix.del = append(ix.del, delKey(hashSkip(p.Name, i), id))
			}
		}
		sk := skeleton(p.Name)
		ix.skel[sk] = append(ix.skel[sk], id)
		if s := stripAffixes(p.Name); s != p.Name && len(s) >= 3 {
			ix.stripped[s] = append(ix.stripped[s], id)
			if len(s) >= 5 {
				ix.sdel = append(ix.sdel, delKey(hashSkip(s, -1), id))
				for i := range len(s) {
					ix.sdel = append(ix.sdel, delKey(hashSkip(s, i), id))
				}
			}
		}
		if toks := tokens(p.Name); len(toks) >= 2 && !strings.HasPrefix(p.Name, "@") {
			ix.reorder[sortedKey(toks)] = append(ix.reorder[sortedKey(toks)], id)
		}
		if scope, base, ok := splitScope(p.Name); ok {
			ix.scopes[scope] = true
			ix.scopeIx[scope] = append(ix.scopeIx[scope], base)
			if len(base) >= 4 {
				ix.bases[base] = append(ix.bases[base], id)
			}
			j := sepless(scope + base)
			ix.joined[j] = append(ix.joined[j], id)
		}
	}
	radixSort(ix.del)
	radixSort(ix.sdel)
	return ix
}

const (
	idBits = 20
	idMask = 1<<idBits - 1
)

func delKey(h uint64, id int32) uint64 { return h&^idMask | uint64(id)&idMask }

// radixSort sorts keys in place (LSD, 16-bit digits).
func radixSort(keys []uint64) {
	tmp := make([]uint64, len(keys))
	src, dst := keys, tmp
	for shift := uint(0); shift < 64; shift += 16 {
		var count [1 << 16]int
		for _, k := range src {
			count[(k>>shift)&0xffff]++
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, k := range src {
			d := (k >> shift) & 0xffff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
}

// hashSkip is FNV-1a over s without the byte at skip (-1: none).
func hashSkip(s string, skip int) uint64 {
	h := uint64(14695981039346656037)
	for i := range len(s) {
		if i == skip {
			continue
		}
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= uint64(len(s)-min(skip+1, 1)) * 0x9E3779B97F4A7C15
	h ^= h >> 29 // spread high bits into the low bits used as the slot
	return h * 0xBF58476D1CE4E5B9
}

// Len returns the number of popular names indexed.
func (ix *Index) Len() int { return len(ix.names) }

// Rank returns the rank of a popular name, or 0.
func (ix *Index) Rank(name string) int { return ix.rank[name] }

// Check returns the popular package that name (normalised) imitates; raw is
// the name as written, which keeps visual tricks such as a capital I that
// normalisation would erase. A popular name never matches.
func (ix *Index) Check(name, raw string) (Match, bool) {
	if _, ok := ix.rank[name]; ok || name == "" {
		return Match{}, false
	}
	var best Match
	found := false
	consider := func(id int32, tech string, strong bool) {
		t := ix.names[id]
		if t == name {
			return
		}
		if strong && len(sepless(t)) < 5 {
			strong = false
		}
		m := Match{Target: t, TargetRank: ix.ranks[id], Technique: tech, Strong: strong}
		if !found || better(m, best) {
			best, found = m, true
		}
	}

	// Visual look-alikes and separator games: same skeleton.
	for _, sk := range []string{skeleton(raw), skeleton(name)} {
		for _, id := range ix.skel[sk] {
			tech := Visual
			if _, _, scoped := splitScope(ix.names[id]); scoped && !strings.HasPrefix(name, "@") {
				tech = ScopeConfusion
			} else if sepless(ix.names[id]) == sepless(name) {
				tech = Separator
			} else if collapse(sepless(ix.names[id])) == collapse(sepless(name)) {
				tech = Repeated
				if len(ix.names[id]) > len(name) {
					tech = Omitted
				}
			}
			consider(id, tech, true)
		}
	}
	// One edit or an adjacent swap: symmetric-delete neighbourhood.
	if len(name) >= 3 {
		var seen []int32
		try := func(keys []uint64, h uint64, cand string, stripped bool) {
			lo := delKey(h, 0)
			i, _ := slices.BinarySearch(keys, lo)
			for ; i < len(keys) && keys[i]&^idMask == lo; i++ {
				id := int32(keys[i] & idMask)
				if slices.Contains(seen, id) {
					continue
				}
				t := ix.names[id]
				if stripped {
					t = stripAffixes(t)
				}
				if tech, ok := oneEdit(cand, t); ok {
					seen = append(seen, id)
					consider(id, tech, tech != Substitution && tech != Extra || len(t) >= 6)
				}
			}
		}
		try(ix.del, hashSkip(name, -1), name, false)
		for i := range len(name) {
			try(ix.del, hashSkip(name, i), name, false)
		}
		for _, cand := range []string{name, stripAffixes(name)} {
			if len(cand) < 4 {
				continue
			}
			try(ix.sdel, hashSkip(cand, -1), cand, true)
			for i := range len(cand) {
				try(ix.sdel, hashSkip(cand, i), cand, true)
			}
		}
	}
	if found && best.Strong {
		return best, true
	}
	// A popular name with a language affix added: the most direct reading.
	// It outranks a weak fuzzy match.
	if id, ok := ix.directAffix(name); ok {
		return Match{Target: ix.names[id], TargetRank: ix.ranks[id], Technique: Affix}, true
	}
	// Version digits, affixes and plurals.
	if s := strings.TrimRight(name, "0123456789"); s != name && len(s) >= 4 {
		s = strings.TrimRight(s, "-.")
		if _, ok := ix.rank[s]; ok {
			consider(ix.id(s), VersionDigits, false)
		}
	}
	stem := stripAffixes(name)
	for _, id := range ix.stripped[stem] {
		consider(id, Affix, false)
	}
	if s, ok := strings.CutSuffix(name, "s"); ok && len(s) >= 4 {
		if _, ok := ix.rank[s]; ok {
			consider(ix.id(s), Plural, false)
		}
	}
	if _, ok := ix.rank[name+"s"]; ok && len(name) >= 4 {
		consider(ix.id(name+"s"), Plural, false)
	}
	// Token reordering.
	if toks := tokens(name); len(toks) >= 2 {
		for _, id := range ix.reorder[sortedKey(toks)] {
			consider(id, Reorder, false)
		}
	}
	if ix.npm {
		ix.checkScope(name, consider)
	}
	if !found {
		ix.checkCombo(name, consider)
	}
	return best, found
}

func (ix *Index) id(name string) int32 { return ix.ids[name] }

func better(a, b Match) bool {
	if a.Strong != b.Strong {
		return a.Strong
	}
	return a.TargetRank < b.TargetRank
}

func (ix *Index) checkScope(name string, consider func(int32, string, bool)) {
	scope, base, scoped := splitScope(name)
	if scoped {
		if !ix.scopes[scope] {
			// A look-alike of a popular scope holding the same package.
			for s := range ix.scopes {
				if _, ok := oneEdit(scope, s); ok || skeleton(s) == skeleton(scope) {
					if slices.Contains(ix.scopeIx[s], base) {
						consider(ix.id("@"+s+"/"+base), ScopeConfusion, true)
					}
				}
			}
			// A popular unscoped package republished under an unknown scope.
			if r, ok := ix.rank[base]; ok && r <= VeryPopularRank && len(base) >= 4 {
				consider(ix.id(base), ScopeCopy, false)
			}
		}
		return
	}
	for _, id := range ix.bases[name] {
		consider(id, UnscopedCopy, false)
	}
	for _, id := range ix.joined[sepless(name)] {
		consider(id, ScopeConfusion, true)
	}
}

// generic words that combosquats append to a popular name.
var generic = map[string]bool{
	"utils": true, "util": true, "utility": true, "utilities": true, "helper": true, "helpers": true,
	"sdk": true, "api": true, "dev": true, "tools": true, "tool": true, "toolkit": true, "core": true,
	"lib": true, "libs": true, "client": true, "cli": true, "plus": true, "pro": true, "extra": true,
	"extras": true, "ext": true, "extended": true, "latest": true, "new": true, "next": true, "fix": true,
	"fixed": true, "patch": true, "patched": true, "secure": true, "security": true, "auth": true,
	"official": true, "free": true, "fast": true, "lite": true, "light": true, "js": true, "py": true,
	"python": true, "python3": true, "node": true, "nodejs": true, "package": true, "pkg": true,
	"module": true, "modules": true, "wrapper": true, "update": true, "updater": true, "installer": true,
	"setup": true, "config": true, "common": true, "base": true, "kit": true, "plugin": true,
	"addon": true, "server": true, "service": true, "helper2": true, "async": true, "sync": true,
	"v2": true, "v3": true, "2": true, "3": true, "async2": true, "beta": true, "test": true, "debug": true,
}

func (ix *Index) checkCombo(name string, consider func(int32, string, bool)) {
	toks := tokens(name)
	if len(toks) < 2 || len(toks) > 5 {
		return
	}
	bestID, bestRank := int32(-1), 0
	for i := range toks {
		for j := i + 1; j <= len(toks); j++ {
			if j-i == len(toks) {
				continue
			}
			for _, cand := range []string{strings.Join(toks[i:j], "-"), strings.Join(toks[i:j], "")} {
				r, ok := ix.rank[cand]
				if !ok || len(cand) < 4 || r > VeryPopularRank {
					continue
				}
				rest := append(slices.Clone(toks[:i]), toks[j:]...)
				okRest := true
				for _, t := range rest {
					if !generic[t] {
						if _, pop := ix.rank[t]; !pop || len(t) < 3 {
							okRest = false
						}
					}
				}
				if okRest && (bestID < 0 || r < bestRank) {
					bestID, bestRank = ix.id(cand), r
				}
			}
		}
	}
	if bestID >= 0 {
		consider(bestID, Combo, false)
	}
}

func splitScope(name string) (scope, base string, ok bool) {
	if !strings.HasPrefix(name, "@") {
		return "", name, false
	}
	scope, base, ok = strings.Cut(name[1:], "/")
	return scope, base, ok && scope != "" && base != ""
}

func isSep(c byte) bool { return c == '-' || c == '_' || c == '.' }

func sepless(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if !isSep(s[i]) && s[i] != '@' && s[i] != '/' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func tokens(s string) []string {
	if _, base, ok := splitScope(s); ok {
		s = base
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r < 128 && isSep(byte(r)) })
}

func sortedKey(toks []string) string {
	t := slices.Clone(toks)
	sort.Strings(t)
	return strings.Join(t, "\x00")
}

// collapse removes doubled letters.
func collapse(s string) string {
	b := make([]byte, 0, len(s))
	for i := range len(s) {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// skeleton maps a name to the form a reader sees: capital I reads as l,
// rn as m, vv as w, cl as d, 0 as o, 1 as l, 3 as e, 5 as s; separators
// and doubled letters vanish. One pass, no allocation but the result.
func skeleton(raw string) string {
	b := make([]byte, 0, len(raw))
	lower := func(c byte) byte {
		switch {
		case c == 'I':
			return 'l'
		case c >= 'A' && c <= 'Z':
			return c + 32
		}
		return c
	}
	for i := 0; i < len(raw); i++ {
		c := lower(raw[i])
		if i+1 < len(raw) {
			switch n := lower(raw[i+1]); {
			case c == 'r' && n == 'n':
				c, i = 'm', i+1
			case c == 'v' && n == 'v':
				c, i = 'w', i+1
			case c == 'c' && n == 'l':
				c, i = 'd', i+1
			}
		}
		switch c {
		case '0':
			c = 'o'
		case '1':
			c = 'l'
		case '3':
			c = 'e'
		case '5':
			c = 's'
		case '!':
			c = 'i'
		case '-', '_', '.', '@', '/':
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

var (
	directPrefixes = []string{"python3-", "python-", "py3-", "py-", "python", "py", "node-", "nodejs-", "node", "js-", "npm-"}
	directSuffixes = []string{"-python3", "-python", "-py3", "-py", ".py", "-js", ".js", "js", "-node", "-nodejs", "-npm", "-lib", "-library", "py"}
)

// directAffix finds a popular name that name is with one language prefix
// and/or suffix added ("mysqljs", "d3.js", "twilio-npm", "noderequest").
func (ix *Index) directAffix(name string) (int32, bool) {
	best, found := int32(0), false
	try := func(s string) {
		r, ok := ix.rank[s]
		if !ok || s == name || len(s) < 2 || (len(s) < 4 && r > 5000) {
			return
		}
		if id := ix.ids[s]; !found || ix.ranks[id] < ix.ranks[best] {
			best, found = id, true
		}
	}
	for _, p := range directPrefixes {
		if r, ok := strings.CutPrefix(name, p); ok {
			try(r)
			for _, q := range directSuffixes {
				if r2, ok := strings.CutSuffix(r, q); ok {
					try(r2)
				}
			}
		}
	}
	for _, q := range directSuffixes {
		if r, ok := strings.CutSuffix(name, q); ok {
			try(r)
		}
	}
	return best, found
}

var affixPrefixes = []string{"python3-", "python-", "py3-", "py-", "python", "node-", "nodejs-", "js-", "py"}
var affixSuffixes = []string{"-python3", "-python", "-py3", "-py", ".py", "-js", ".js", "-node", "-nodejs", "-lib", "-library", "js", "py"}

// stripAffixes removes one language prefix, one language suffix and
// trailing version digits.
func stripAffixes(s string) string {
	s = stripLang(s)
	if t := strings.TrimRight(s, "0123456789"); len(t) >= 3 && t != s {
		s = strings.TrimRight(t, "-.")
	}
	return s
}

func stripLang(s string) string {
	for _, p := range affixPrefixes {
		if r, ok := strings.CutPrefix(s, p); ok && len(r) >= 3 {
			s = r
			break
		}
	}
	for _, p := range affixSuffixes {
		if r, ok := strings.CutSuffix(s, p); ok && len(r) >= 3 {
			s = strings.TrimRight(r, "-.")
			break
		}
	}
	return s
}

const keyboardRows = "qwertyuiop\x00asdfghjkl\x00zxcvbnm"

var keyPos = func() map[byte][2]int {
	m := map[byte][2]int{}
	row, col := 0, 0
	for i := range len(keyboardRows) {
		if keyboardRows[i] == 0 {
			row, col = row+1, 0
			continue
		}
		m[keyboardRows[i]] = [2]int{row, col + row} // rows are staggered
		col++
	}
	return m
}()

func keyboardAdjacent(a, b byte) bool {
	pa, ok1 := keyPos[a]
	pb, ok2 := keyPos[b]
	if !ok1 || !ok2 {
		return false
	}
	dr, dc := pa[0]-pb[0], pa[1]-pb[1]
	return dr >= -1 && dr <= 1 && dc >= -1 && dc <= 1
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

var visualPairs = map[[2]byte]bool{{'l', '1'}: true, {'o', '0'}: true, {'i', 'l'}: true, {'i', '1'}: true, {'e', '3'}: true, {'s', '5'}: true}

// oneEdit reports whether c is one edit (or one adjacent swap) away from t
// and names the kind of edit.
func oneEdit(c, t string) (string, bool) {
	switch {
	case len(c) == len(t):
		i := 0
		for i < len(c) && c[i] == t[i] {
			i++
		}
		if i == len(c) {
			return "", false
		}
		if c[i+1:] == t[i+1:] {
			a, b := c[i], t[i]
			switch {
			case isSep(a) && isSep(b):
				return Separator, true
			case visualPairs[[2]byte{a, b}] || visualPairs[[2]byte{b, a}]:
				return Visual, true
			case isDigit(a) != isDigit(b) && (isLetter(a) || isLetter(b)):
				return DigitForLetter, true
			case keyboardAdjacent(a, b):
				return Keyboard, true
			}
			return Substitution, true
		}
		if i+2 <= len(c) && c[i] == t[i+1] && c[i+1] == t[i] && c[i+2:] == t[i+2:] {
			return Swap, true
		}
	case len(c) == len(t)+1:
		i := 0
		for i < len(t) && c[i] == t[i] {
			i++
		}
		if c[i+1:] == t[i:] {
			switch {
			case isSep(c[i]):
				return Separator, true
			case (i > 0 && c[i-1] == c[i]) || (i+1 < len(c) && c[i+1] == c[i]):
				return Repeated, true
			case i == len(t) && c[i] == 's':
				return Plural, true
			}
			return Extra, true
		}
	case len(c)+1 == len(t):
		i := 0
		for i < len(c) && c[i] == t[i] {
			i++
		}
		if c[i:] == t[i+1:] {
			if isSep(t[i]) {
				return Separator, true
			}
			return Omitted, true
		}
	}
	return "", false
}
