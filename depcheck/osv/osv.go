package osv

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Ecosystems are the OSV ecosystems skillgate checks.
var Ecosystems = []string{"PyPI", "npm", "Go"}

// Vuln is the part of an OSV record skillgate uses.
type Vuln struct {
	ID       string     `json:"id"`
	Summary  string     `json:"summary"`
	Details  string     `json:"details"`
	Aliases  []string   `json:"aliases"`
	Affected []Affected `json:"affected"`
	Severity []struct {
		Type  string `json:"type"`
		Score string `json:"score"`
	} `json:"severity"`
	DatabaseSpecific map[string]any `json:"database_specific"`
}

// Affected is one affected package of a record.
type Affected struct {
	Package struct {
		Ecosystem string `json:"ecosystem"`
		Name      string `json:"name"`
	} `json:"package"`
	Ranges []struct {
		Type   string `json:"type"`
		Events []struct {
			Introduced   string `json:"introduced"`
			Fixed        string `json:"fixed"`
			LastAffected string `json:"last_affected"`
			Limit        string `json:"limit"`
		} `json:"events"`
	} `json:"ranges"`
	Versions         []string       `json:"versions"`
	DatabaseSpecific map[string]any `json:"database_specific"`
}

// Malicious reports whether the record is a malicious-package report.
func (v *Vuln) Malicious() bool {
	if strings.HasPrefix(v.ID, "MAL-") {
		return true
	}
	for _, a := range v.Aliases {
		if strings.HasPrefix(a, "MAL-") {
			return true
		}
	}
	return false
}

// DefaultDir returns $XDG_CACHE_HOME/skillgate/osv, or
// ~/.cache/skillgate/osv.
func DefaultDir() string {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "skillgate", "osv")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".cache", "skillgate", "osv")
	}
	return ""
}

// ZipPath returns where the zip of one ecosystem lives under dir.
func ZipPath(dir, eco string) string {
	return filepath.Join(dir, "osv-scalibr", eco, "all.zip")
}

// DB is an offline database folder.
type DB struct{ Dir string }

// Open returns the database at dir; nothing is read until a query.
func Open(dir string) *DB { return &DB{Dir: dir} }

// Available reports whether the database holds a zip for eco.
func (db *DB) Available(eco string) bool {
	if db == nil || db.Dir == "" {
		return false
	}
	st, err := os.Stat(ZipPath(db.Dir, eco))
	return err == nil && st.Mode().IsRegular()
}

type ecoIndex struct {
	byName map[string][]*Vuln
	count  int
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*ecoIndex{}
)

var pep503RE = regexp.MustCompile(`[-_.]+`)

// normName normalises a package name as the ecosystem compares names.
func normName(eco, name string) string {
	if eco == "PyPI" {
		return strings.ToLower(pep503RE.ReplaceAllString(name, "-"))
	}
	return name
}

// load reads (once per process) the zip of one ecosystem.
func (db *DB) load(eco string) (*ecoIndex, error) {
	p := ZipPath(db.Dir, eco)
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	key := fmt.Sprintf("%s\x00%d\x00%d", p, st.Size(), st.ModTime().UnixNano())
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if ix, ok := cache[key]; ok {
		return ix, nil
	}
	ix, err := readZip(p, eco)
	if err != nil {
		return nil, err
	}
	cache[key] = ix
	return ix, nil
}

// readZip reads every record of an OSV zip and indexes it by package.
func readZip(path, eco string) (*ecoIndex, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open OSV database %s: %w", path, err)
	}
	defer zr.Close()
	return indexZip(&zr.Reader, path, eco)
}

func indexZip(zr *zip.Reader, path, eco string) (*ecoIndex, error) {
	ix := &ecoIndex{byName: map[string][]*Vuln{}}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("read OSV database %s: %s: %w", path, f.Name, err)
		}
		var v Vuln
		err = json.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(&v)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read OSV database %s: %s: %w", path, f.Name, err)
		}
		ix.count++
		seen := map[string]bool{}
		for _, a := range v.Affected {
			if a.Package.Ecosystem != eco && !strings.HasPrefix(a.Package.Ecosystem, eco+":") {
				continue
			}
			n := normName(eco, a.Package.Name)
			if !seen[n] {
				seen[n] = true
				ix.byName[n] = append(ix.byName[n], &v)
			}
		}
	}
	return ix, nil
}

// Query returns the records affecting name at version. An empty version
// (a range or no constraint) matches only records that affect every
// version, which is how malicious packages are recorded.
func (db *DB) Query(eco, name, version string) ([]*Vuln, error) {
	if !db.Available(eco) {
		return nil, nil
	}
	ix, err := db.load(eco)
	if err != nil || ix == nil {
		return nil, err
	}
	n := normName(eco, name)
	var out []*Vuln
	for _, v := range ix.byName[n] {
		for _, a := range v.Affected {
			if normName(eco, a.Package.Name) != n {
				continue
			}
			if Affects(a, version) {
				out = append(out, v)
				break
			}
		}
	}
	return out, nil
}

// Affects reports whether version is affected. With version "" only an
// entry that affects every version (introduced 0, never fixed) matches.
func Affects(a Affected, version string) bool {
	if version == "" {
		for _, r := range a.Ranges {
			all := false
			for _, e := range r.Events {
				if e.Introduced == "0" {
					all = true
				}
				if e.Fixed != "" || e.LastAffected != "" || e.Limit != "" {
					all = false
				}
			}
			if all {
				return true
			}
		}
		return len(a.Ranges) == 0 && len(a.Versions) == 0
	}
	v := strings.TrimPrefix(version, "v")
	for _, x := range a.Versions {
		if strings.TrimPrefix(x, "v") == v {
			return true
		}
	}
	for _, r := range a.Ranges {
		if r.Type != "SEMVER" && r.Type != "ECOSYSTEM" {
			continue
		}
		affected := false
		for _, e := range r.Events {
			switch {
			case e.Introduced != "":
				if e.Introduced == "0" || Compare(v, e.Introduced) >= 0 {
					affected = true
				}
			case e.Fixed != "":
				if Compare(v, e.Fixed) >= 0 {
					affected = false
				}
			case e.LastAffected != "":
				if Compare(v, e.LastAffected) > 0 {
					affected = false
				}
			case e.Limit != "":
				if e.Limit != "*" && Compare(v, e.Limit) >= 0 {
					affected = false
				}
			}
		}
		if affected {
			return true
		}
	}
	return false
}

// Count returns the number of records in eco's zip (0 when absent).
func (db *DB) Count(eco string) (int, error) {
	if !db.Available(eco) {
		return 0, nil
	}
	ix, err := db.load(eco)
	if err != nil || ix == nil {
		return 0, err
	}
	return ix.count, nil
}
