package online

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"skillgate.dev/skillgate/depcheck/registry"
)

// Meta is what a registry says online about one package name.
type Meta struct {
	// Exists is false when the registry answered that it has no such
	// package.
	Exists bool
	// Created is when the name was first published (zero when the
	// registry did not say).
	Created time.Time
}

// Lookuper asks a package registry about a name. Client is the real one;
// tests use fakes.
type Lookuper interface {
	Lookup(ctx context.Context, eco, name string) (Meta, error)
}

// Default registry endpoints.
const (
	DefaultNPMBase  = "https://registry.npmjs.org"
	DefaultPyPIBase = "https://pypi.org"
	DefaultGoProxy  = "https://proxy.golang.org"
)

// maxDocument bounds a registry answer: a rare package's document is a few
// kilobytes; anything larger than this is refused, not half-read.
const maxDocument = 8 << 20

// Client looks names up on npm and PyPI over HTTPS. Only names the
// offline lists do not know are looked up, and only with --online; the
// answers are cached for the life of the process.
type Client struct {
	HTTP     *http.Client // nil: a client with a 15 s timeout
	NPMBase  string       // "" means DefaultNPMBase
	PyPIBase string       // "" means DefaultPyPIBase
	GoProxy  string       // "" means DefaultGoProxy

	mu    sync.Mutex
	cache map[string]Meta
}

// ErrUnsupported is returned for an ecosystem without an online look-up.
var ErrUnsupported = errors.New("no online look-up for this ecosystem")

// Lookup implements [Lookuper].
func (c *Client) Lookup(ctx context.Context, eco, name string) (Meta, error) {
	key := eco + "\x00" + name
	c.mu.Lock()
	m, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return m, nil
	}
	var err error
	switch eco {
	case registry.NPM:
		m, err = c.npm(ctx, name)
	case registry.PyPI:
		m, err = c.pypi(ctx, name)
	case registry.Go:
		m, err = c.goModule(ctx, name)
	default:
		return Meta{}, ErrUnsupported
	}
	if err != nil {
		return Meta{}, fmt.Errorf("%s look-up of %q: %w", eco, name, err)
	}
	c.mu.Lock()
	if c.cache == nil {
		c.cache = map[string]Meta{}
	}
	c.cache[key] = m
	c.mu.Unlock()
	return m, nil
}

// npm: GET /<name> (a scope's slash escaped); the document's time map
// dates the first publication.
func (c *Client) npm(ctx context.Context, name string) (Meta, error) {
	if !validNPMName(name) {
		return Meta{}, fmt.Errorf("not an npm package name")
	}
	base := c.NPMBase
	if base == "" {
		base = DefaultNPMBase
	}
	var doc struct {
		Time map[string]json.RawMessage `json:"time"`
	}
	found, err := c.get(ctx, base+"/"+strings.Replace(url.PathEscape(name), "%40", "@", 1), &doc)
	if err != nil || !found {
		return Meta{}, err
	}
	// "created" when the registry gives it (npm does; some mirrors only
	// list each version's time): else the earliest version.
	m := Meta{Exists: true}
	for k, raw := range doc.Time {
		var s string
		if k == "modified" || json.Unmarshal(raw, &s) != nil { // "unpublished" is an object
			continue
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			continue
		}
		if k == "created" {
			m.Created = t
			break
		}
		if m.Created.IsZero() || t.Before(m.Created) {
			m.Created = t
		}
	}
	return m, nil
}

// pypi: GET /pypi/<name>/json; the earliest upload among all releases is
// the first publication.
func (c *Client) pypi(ctx context.Context, name string) (Meta, error) {
	if !validPyPIName(name) {
		return Meta{}, fmt.Errorf("not a PyPI project name")
	}
	base := c.PyPIBase
	if base == "" {
		base = DefaultPyPIBase
	}
	var doc struct {
		Releases map[string][]struct {
			Uploaded string `json:"upload_time_iso_8601"`
		} `json:"releases"`
	}
	found, err := c.get(ctx, base+"/pypi/"+url.PathEscape(name)+"/json", &doc)
	if err != nil || !found {
		return Meta{}, err
	}
	m := Meta{Exists: true}
	for _, files := range doc.Releases {
		for _, f := range files {
			if t, err := time.Parse(time.RFC3339, f.Uploaded); err == nil && (m.Created.IsZero() || t.Before(m.Created)) {
				m.Created = t
			}
		}
	}
	return m, nil
}

// goModule asks the module proxy: /@v/list for the versions, the lowest
// one's .info for its time (@latest when only pseudo-versions exist).
func (c *Client) goModule(ctx context.Context, path string) (Meta, error) {
	if module.CheckPath(path) != nil {
		return Meta{}, fmt.Errorf("not a Go module path")
	}
	esc, err := module.EscapePath(path)
	if err != nil {
		return Meta{}, err
	}
	base := c.GoProxy
	if base == "" {
		base = DefaultGoProxy
	}
	base += "/" + esc
	var list string
	found, err := c.fetch(ctx, base+"/@v/list", func(b []byte) error { list = string(b); return nil })
	if err != nil || !found {
		return Meta{}, err
	}
	first := ""
	for _, v := range strings.Fields(list) {
		if semver.IsValid(v) && (first == "" || semver.Compare(v, first) < 0) {
			first = v
		}
	}
	u := base + "/@latest"
	if first != "" {
		u = base + "/@v/" + first + ".info"
	}
	var info struct{ Time time.Time }
	found, err = c.get(ctx, u, &info)
	if err != nil {
		return Meta{}, err
	}
	return Meta{Exists: true, Created: info.Time}, nil
}

// get fetches u as JSON into v; found is false when the registry says
// the name does not exist (404, 410). Any other failure is an error: a
// look-up that did not answer never counts as an answer.
func (c *Client) get(ctx context.Context, u string, v any) (found bool, err error) {
	return c.fetch(ctx, u, func(body []byte) error {
		if err := json.Unmarshal(body, v); err != nil {
			return fmt.Errorf("registry document: %w", err)
		}
		return nil
	})
}

func (c *Client) fetch(ctx context.Context, u string, use func([]byte) error) (found bool, err error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "skillgate (dependency existence check)")
	resp, err := hc.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return false, nil
	case resp.StatusCode != http.StatusOK:
		return false, fmt.Errorf("registry answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocument+1))
	if err != nil {
		return false, err
	}
	if len(body) > maxDocument {
		return false, fmt.Errorf("registry document larger than %d bytes", maxDocument)
	}
	return true, use(body)
}

// validNPMName accepts what npm publishes: lowercase, URL-safe, an
// optional @scope/, at most 214 characters.
func validNPMName(n string) bool {
	if n == "" || len(n) > 214 {
		return false
	}
	rest := n
	if strings.HasPrefix(n, "@") {
		scope, pkg, ok := strings.Cut(n[1:], "/")
		if !ok || scope == "" || pkg == "" {
			return false
		}
		rest = scope + pkg
	}
	for _, r := range rest {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~", r)) {
			return false
		}
	}
	return !strings.HasPrefix(rest, ".") && !strings.HasPrefix(rest, "_")
}

// validPyPIName accepts PEP 508 names: letters, digits, . _ -, starting
// and ending with a letter or digit.
func validPyPIName(n string) bool {
	if n == "" || len(n) > 200 {
		return false
	}
	alnum := func(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' }
	for i := 0; i < len(n); i++ {
		if !alnum(n[i]) && !strings.ContainsRune("._-", rune(n[i])) {
			return false
		}
	}
	return alnum(n[0]) && alnum(n[len(n)-1])
}
