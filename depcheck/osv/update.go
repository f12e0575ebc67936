package osv

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultBaseURL is where OSV publishes one all.zip per ecosystem.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// URLEnv overrides the base URL (for mirrors and tests).
const URLEnv = "SKILLGATE_OSV_URL"

// UpdateOptions configures [Update].
type UpdateOptions struct {
	Dir        string
	BaseURL    string   // default: $SKILLGATE_OSV_URL, else DefaultBaseURL
	Ecosystems []string // default: Ecosystems
	Client     *http.Client
	// Progress, when set, is called as bytes arrive (total -1 when the
	// server does not say).
	Progress func(eco string, done, total int64)
}

// Update downloads each ecosystem's zip and replaces the old one
// atomically: the download goes to a temporary file beside the target,
// is checked to be a readable zip, synced, then renamed over it. A failed
// or interrupted download leaves the previous database untouched.
func Update(ctx context.Context, o UpdateOptions) error {
	if o.Dir == "" {
		return fmt.Errorf("no database folder")
	}
	base := o.BaseURL
	if base == "" {
		base = os.Getenv(URLEnv)
	}
	if base == "" {
		base = DefaultBaseURL
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 30 * time.Minute}
	}
	ecos := o.Ecosystems
	if len(ecos) == 0 {
		ecos = Ecosystems
	}
	for _, eco := range ecos {
		if err := updateOne(ctx, o, strings.TrimRight(base, "/")+"/"+eco+"/all.zip", eco); err != nil {
			return err
		}
	}
	return nil
}

func updateOne(ctx context.Context, o UpdateOptions, url, eco string) error {
	dst := ZipPath(o.Dir, eco)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("update %s database: %w", eco, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("update %s database: %w", eco, err)
	}
	resp, err := o.Client.Do(req)
	if err != nil {
		return fmt.Errorf("update %s database: %w", eco, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("update %s database: GET %s: %s", eco, url, resp.Status)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".all.zip.*.tmp")
	if err != nil {
		return fmt.Errorf("update %s database: %w", eco, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	var r io.Reader = resp.Body
	if o.Progress != nil {
		r = &progressReader{r: resp.Body, eco: eco, total: resp.ContentLength, fn: o.Progress}
	}
	n, err := io.Copy(tmp, r)
	if err == nil && resp.ContentLength >= 0 && n != resp.ContentLength {
		err = fmt.Errorf("got %d of %d bytes", n, resp.ContentLength)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("update %s database: download %s: %w", eco, url, err)
	}
	zr, err := zip.OpenReader(tmp.Name())
	if err != nil {
		return fmt.Errorf("update %s database: %s is not a zip: %w", eco, url, err)
	}
	zr.Close()
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return fmt.Errorf("update %s database: %w", eco, err)
	}
	return nil
}

type progressReader struct {
	r     io.Reader
	eco   string
	done  int64
	total int64
	fn    func(string, int64, int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	p.fn(p.eco, p.done, p.total)
	return n, err
}

// EcoStatus describes one ecosystem's zip.
type EcoStatus struct {
	Ecosystem string
	Present   bool
	Path      string
	Size      int64
	Modified  time.Time
	Records   int
}

// Status reports what the database at dir holds.
func Status(dir string) ([]EcoStatus, error) {
	db := Open(dir)
	var out []EcoStatus
	for _, eco := range Ecosystems {
		s := EcoStatus{Ecosystem: eco, Path: ZipPath(dir, eco)}
		if st, err := os.Stat(s.Path); err == nil && st.Mode().IsRegular() {
			s.Present, s.Size, s.Modified = true, st.Size(), st.ModTime()
			n, err := db.Count(eco)
			if err != nil {
				return nil, err
			}
			s.Records = n
		}
		out = append(out, s)
	}
	return out, nil
}
