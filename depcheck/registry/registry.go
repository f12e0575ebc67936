package registry

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"skillgate.dev/skillgate/depcheck/data"
)

// Ecosystem names, as OSV spells them.
const (
	PyPI = "PyPI"
	NPM  = "npm"
	Go   = "Go"
)

// PopularPyPIRank is the last rank the PyPI list records: names ranked at
// or above it are among the most downloaded.
const PopularPyPIRank = 15000

// PopularNPMDownloads is the monthly download count from which an npm
// package counts as popular (about the 15,000 most downloaded).
const PopularNPMDownloads = 1_000_000

// Info is what the lists say about one package name.
type Info struct {
	// Known is true when the registry list holds the name.
	Known bool
	// Rank is the PyPI download rank (1 = most downloaded), 0 when outside
	// the 15,000 most downloaded or not PyPI.
	Rank int
	// Downloads is npm's monthly download count, 0 when unknown.
	Downloads uint64
}

// Popular reports whether the package is among the most downloaded of its
// registry (or in the curated Go list).
func (i Info) Popular(eco string) bool {
	switch eco {
	case PyPI:
		return i.Rank > 0 && i.Rank <= PopularPyPIRank
	case NPM:
		return i.Downloads >= PopularNPMDownloads
	case Go:
		return i.Known
	}
	return false
}

// List is a sorted list of names with one number each, searched by binary
// search over a single blob.
type List struct {
	blob []byte   // names, each followed by '\n'
	offs []uint32 // start of each name in blob
	vals []uint32 // rank (PyPI) or downloads (npm); 0 = none
}

// Len returns the number of names.
func (l *List) Len() int { return len(l.offs) }

// Name returns the i-th name.
func (l *List) Name(i int) string {
	end := len(l.blob) - 1
	if i+1 < len(l.offs) {
		end = int(l.offs[i+1]) - 1
	}
	return string(l.blob[l.offs[i]:end])
}

// Value returns the i-th number.
func (l *List) Value(i int) uint32 { return l.vals[i] }

func (l *List) nameBytes(i int) []byte {
	end := len(l.blob) - 1
	if i+1 < len(l.offs) {
		end = int(l.offs[i+1]) - 1
	}
	return l.blob[l.offs[i]:end]
}

// Find returns the index of name, or -1.
func (l *List) Find(name string) int {
	n := []byte(name)
	i := sort.Search(len(l.offs), func(i int) bool { return bytes.Compare(l.nameBytes(i), n) >= 0 })
	if i < len(l.offs) && bytes.Equal(l.nameBytes(i), n) {
		return i
	}
	return -1
}

// DecodeList decodes the front-coded, gzip-compressed format written by
// internal/cmd/genpkgdata.
func DecodeList(gz []byte) (*List, error) {
	raw, err := gunzip(gz)
	if err != nil {
		return nil, fmt.Errorf("decode name list: %w", err)
	}
	return decodeFrontCoded(raw)
}

func gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func decodeFrontCoded(raw []byte) (*List, error) {
	n := bytes.Count(raw, []byte{'\n'})
	l := &List{blob: make([]byte, 0, len(raw)+n*8), offs: make([]uint32, 0, n), vals: make([]uint32, 0, n)}
	var prev []byte
	for len(raw) > 0 {
		line, rest, _ := bytes.Cut(raw, []byte{'\n'})
		raw = rest
		if len(line) == 0 {
			continue
		}
		p := int(line[0]) - 32
		if p < 0 || p > len(prev) {
			return nil, fmt.Errorf("decode name list: bad prefix length at entry %d", len(l.offs))
		}
		suffix, num, _ := bytes.Cut(line[1:], []byte{'\t'})
		start := len(l.blob)
		l.blob = append(l.blob, prev[:p]...)
		l.blob = append(l.blob, suffix...)
		prev = l.blob[start:]
		l.blob = append(l.blob, '\n')
		var v uint64
		if len(num) > 0 {
			v, _ = strconv.ParseUint(string(num), 10, 32)
		}
		l.offs = append(l.offs, uint32(start))
		l.vals = append(l.vals, uint32(v))
	}
	return l, nil
}

// Blocked is a complete name list kept compressed in blocks; a look-up
// inflates only the block that can hold the name, once.
type Blocked struct {
	firsts []string
	offs   []uint32
	data   []byte
	blocks []atomic.Pointer[List]
}

// NewBlocked reads a block index (gzip-compressed "offset\tfirst name"
// lines) over the blocks' bytes.
func NewBlocked(idx, blocks []byte) (*Blocked, error) {
	raw, err := gunzip(idx)
	if err != nil {
		return nil, fmt.Errorf("decode block index: %w", err)
	}
	b := &Blocked{data: blocks}
	for _, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		o, name, _ := strings.Cut(line, "\t")
		off, err := strconv.ParseUint(o, 10, 32)
		if err != nil || int(off) > len(blocks) {
			return nil, fmt.Errorf("decode block index: bad offset %q", o)
		}
		b.offs = append(b.offs, uint32(off))
		b.firsts = append(b.firsts, name)
	}
	if len(b.offs) < 1 {
		return nil, fmt.Errorf("decode block index: empty")
	}
	b.firsts = b.firsts[:len(b.firsts)-1] // the last line holds the end offset
	b.blocks = make([]atomic.Pointer[List], len(b.firsts))
	return b, nil
}

// Find returns the value stored with name and whether the list holds it.
func (b *Blocked) Find(name string) (uint32, bool, error) {
	i := sort.SearchStrings(b.firsts, name)
	if i == len(b.firsts) || b.firsts[i] != name {
		i--
	}
	if i < 0 {
		return 0, false, nil
	}
	l := b.blocks[i].Load()
	if l == nil {
		raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(b.data[b.offs[i]:b.offs[i+1]])))
		if err != nil {
			return 0, false, fmt.Errorf("decode name block %d: %w", i, err)
		}
		if l, err = decodeFrontCoded(raw); err != nil {
			return 0, false, err
		}
		b.blocks[i].Store(l)
	}
	if j := l.Find(name); j >= 0 {
		return l.vals[j], true, nil
	}
	return 0, false, nil
}

var (
	pypiAll     = sync.OnceValues(func() (*Blocked, error) { return NewBlocked(data.PyPIIndex, data.PyPIBlocks) })
	npmAll      = sync.OnceValues(func() (*Blocked, error) { return NewBlocked(data.NPMIndex, data.NPMBlocks) })
	pypiPopular = sync.OnceValues(func() (*List, error) { return DecodeList(data.PyPIPopular) })
	npmPopular  = sync.OnceValues(func() (*List, error) { return DecodeList(data.NPMPopular) })
	goList      = sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, line := range strings.Split(string(data.Go), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				m[line] = true
			}
		}
		return m
	})
)

// PyPIPopular returns the ranked PyPI names (PEP 503 normalised, value =
// rank).
func PyPIPopular() (*List, error) { return pypiPopular() }

// NPMPopular returns npm names above [PopularNPMDownloads] (value =
// monthly downloads).
func NPMPopular() (*List, error) { return npmPopular() }

// GoModules returns the curated Go module paths.
func GoModules() []string {
	m := goList()
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var pep503RE = regexp.MustCompile(`[-_.]+`)

// NormalizePyPI returns the PEP 503 normal form of a PyPI project name.
func NormalizePyPI(name string) string {
	return strings.ToLower(pep503RE.ReplaceAllString(name, "-"))
}

// NormalizeNPM lower-cases an npm name (new npm names must be lower case).
func NormalizeNPM(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// Complete reports whether absence from eco's list is strong evidence that
// a package does not exist.
func Complete(eco string) bool { return eco == PyPI }

// Covered reports whether the lists can say anything about eco's names.
func Covered(eco string) bool { return eco == PyPI || eco == NPM }

// Lookup returns what the embedded lists know about a package.
func Lookup(eco, name string) (Info, error) {
	switch eco {
	case PyPI:
		b, err := pypiAll()
		if err != nil {
			return Info{}, err
		}
		v, ok, err := b.Find(NormalizePyPI(name))
		if ok || err != nil {
			return Info{Known: ok, Rank: int(v)}, err
		}
	case NPM:
		b, err := npmAll()
		if err != nil {
			return Info{}, err
		}
		v, ok, err := b.Find(name)
		if !ok && err == nil && NormalizeNPM(name) != name {
			v, ok, err = b.Find(NormalizeNPM(name))
		}
		if ok || err != nil {
			return Info{Known: ok, Downloads: uint64(v)}, err
		}
	case Go:
		if goList()[name] {
			return Info{Known: true}, nil
		}
	}
	return Info{}, nil
}

// Source is one input list the embedded data was generated from.
type Source struct {
	File  string `json:"file"`
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// Sources returns the embedded lists' provenance by ecosystem.
func Sources() map[string]Source {
	var m struct {
		Sources map[string]Source `json:"sources"`
	}
	_ = json.Unmarshal(data.Meta, &m)
	return m.Sources
}

// Malicious is one entry of the bundled known-malicious list.
type Malicious struct {
	Ecosystem string
	Name      string
	// Versions lists the bad versions; nil means every version.
	Versions []string
	Reason   string
}

var maliciousIndex = sync.OnceValue(func() map[string][]Malicious {
	m := map[string][]Malicious{}
	for _, src := range [][]byte{data.Malicious, data.Holding} {
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < 4 {
				continue
			}
			e := Malicious{Ecosystem: f[0], Name: f[1], Reason: f[3]}
			if f[2] != "*" {
				e.Versions = strings.Split(f[2], ",")
			}
			k := key(f[0], f[1])
			m[k] = append(m[k], e)
		}
	}
	return m
})

func key(eco, name string) string {
	if eco == PyPI {
		name = NormalizePyPI(name)
	}
	return eco + "\x00" + name
}

// KnownMalicious returns the bundled-list entries for a package. An entry
// with Versions set matches only those exact versions (a compromised
// release of a popular package); an unpinned request resolves to a current
// release and is not reported.
func KnownMalicious(eco, name, version string) []Malicious {
	var out []Malicious
	for _, e := range maliciousIndex()[key(eco, name)] {
		if e.Versions == nil {
			out = append(out, e)
			continue
		}
		for _, v := range e.Versions {
			if v == strings.TrimPrefix(version, "v") {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// PyPIBlocked returns the complete PyPI list.
func PyPIBlocked() (*Blocked, error) { return pypiAll() }

// NPMBlocked returns the complete npm list.
func NPMBlocked() (*Blocked, error) { return npmAll() }

// Each calls fn for every entry in order (inflating every block).
func (b *Blocked) Each(fn func(i int, name string, value uint32)) error {
	n := 0
	for i := range b.firsts {
		if _, _, err := b.Find(b.firsts[i]); err != nil {
			return err
		}
		l := b.blocks[i].Load()
		for j := range l.Len() {
			fn(n, l.Name(j), l.vals[j])
			n++
		}
	}
	return nil
}
