package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"skillgate.dev/skillgate/finding"
)

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.2.3", "1.2.3", 0},
		{"1.2.3", "1.2.10", -1},
		{"v1.2.3", "1.2.3", 0},
		{"1.0", "1.0.0", 0},
		{"2.0.0-beta.1", "2.0.0", -1},
		{"2.0.0-alpha", "2.0.0-beta", -1},
		{"2.0.0-rc.1", "2.0.0-rc.2", -1},
		{"1.0a1", "1.0", -1},
		{"1.0.dev1", "1.0a1", -1},
		{"1.0rc1", "1.0", -1},
		{"1.0.post1", "1.0", 1},
		{"1!2.0", "2.0", 0},
		{"4.17.21", "4.17.20", 1},
		{"0.0.0-20240101000000-abcdef", "0.0.1", -1},
	} {
		if got := Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Compare(tc.b, tc.a); got != -tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

func affected(ranges string) Affected {
	var a Affected
	a.Package.Ecosystem, a.Package.Name = "npm", "x"
	for _, r := range strings.Split(ranges, ";") {
		var rg struct {
			Type   string `json:"type"`
			Events []struct {
				Introduced   string `json:"introduced"`
				Fixed        string `json:"fixed"`
				LastAffected string `json:"last_affected"`
				Limit        string `json:"limit"`
			} `json:"events"`
		}
		rg.Type = "SEMVER"
		for _, ev := range strings.Fields(r) {
			k, v, _ := strings.Cut(ev, "=")
			var e struct {
				Introduced   string `json:"introduced"`
				Fixed        string `json:"fixed"`
				LastAffected string `json:"last_affected"`
				Limit        string `json:"limit"`
			}
			switch k {
			case "i":
				e.Introduced = v
			case "f":
				e.Fixed = v
			case "l":
				e.LastAffected = v
			}
			rg.Events = append(rg.Events, e)
		}
		a.Ranges = append(a.Ranges, rg)
	}
	return a
}

func TestAffects(t *testing.T) {
	for _, tc := range []struct {
		ranges, version string
		want            bool
	}{
		{"i=0 f=1.2.0", "1.1.9", true},
		{"i=0 f=1.2.0", "1.2.0", false},
		{"i=1.0.0 f=1.2.0 i=2.0.0 f=2.1.0", "2.0.5", true},
		{"i=1.0.0 f=1.2.0 i=2.0.0 f=2.1.0", "1.5.0", false},
		{"i=1.0.0 l=1.4.0", "1.4.0", true},
		{"i=1.0.0 l=1.4.0", "1.4.1", false},
		{"i=0", "", true},
		{"i=0 f=1.0.0", "", false},
		{"i=1.0.0", "0.9.0", false},
	} {
		if got := Affects(affected(tc.ranges), tc.version); got != tc.want {
			t.Errorf("Affects(%s, %q) = %v, want %v", tc.ranges, tc.version, got, tc.want)
		}
	}
	a := Affected{Versions: []string{"1.2.5"}}
	if !Affects(a, "1.2.5") || Affects(a, "1.2.6") {
		t.Error("versions list not honoured")
	}
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		v    Vuln
		want finding.Severity
	}{
		{Vuln{ID: "MAL-1"}, finding.Critical},
		{Vuln{ID: "X", Aliases: []string{"MAL-2"}}, finding.Critical},
		{Vuln{ID: "X", Severity: []struct {
			Type  string `json:"type"`
			Score string `json:"score"`
		}{{"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}}, finding.Critical},
		{Vuln{ID: "X", Severity: []struct {
			Type  string `json:"type"`
			Score string `json:"score"`
		}{{"CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N"}}}, finding.Medium},
		{Vuln{ID: "X", DatabaseSpecific: map[string]any{"severity": "MODERATE"}}, finding.Medium},
		{Vuln{ID: "X", DatabaseSpecific: map[string]any{"severity": "LOW"}}, finding.Low},
		{Vuln{ID: "X"}, finding.High},
	} {
		if got := Severity(&tc.v); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.v, got, tc.want)
		}
	}
	for vec, want := range map[string]float64{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H": 9.8,
		"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N": 6.1,
		"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N": 5.5,
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N": 6.1,
	} {
		if got, ok := CVSS3Score(vec); !ok || got != want {
			t.Errorf("CVSS3Score(%s) = %v, %v; want %v", vec, got, ok, want)
		}
	}
}

func zipOf(t testing.TB, recs map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range recs {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const rec = `{"id":"GHSA-x","summary":"s","affected":[{"package":{"ecosystem":"PyPI","name":"Some_Pkg"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}`

func TestQueryAndCache(t *testing.T) {
	dir := t.TempDir()
	p := ZipPath(dir, "PyPI")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, zipOf(t, map[string]string{"GHSA-x.json": rec}), 0o644)
	db := Open(dir)
	if !db.Available("PyPI") || db.Available("npm") {
		t.Fatal("availability wrong")
	}
	vs, err := db.Query("PyPI", "some-pkg", "1.5")
	if err != nil || len(vs) != 1 || vs[0].ID != "GHSA-x" {
		t.Fatalf("query = %v, %v", vs, err)
	}
	if vs, _ := db.Query("PyPI", "some-pkg", "2.0"); len(vs) != 0 {
		t.Errorf("fixed version matched: %v", vs)
	}
	if vs, _ := db.Query("npm", "some-pkg", "1.0"); len(vs) != 0 {
		t.Errorf("missing ecosystem matched: %v", vs)
	}
	if n, _ := db.Count("PyPI"); n != 1 {
		t.Errorf("count %d", n)
	}
	os.WriteFile(p, []byte("not a zip"), 0o644)
	os.Chtimes(p, fixedTime, fixedTime)
	if _, err := db.Query("PyPI", "x", "1"); err == nil {
		t.Error("a corrupt database must be an error")
	}
}

func TestUpdate(t *testing.T) {
	good := zipOf(t, map[string]string{"GHSA-x.json": rec})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/PyPI/all.zip":
			w.Write(good)
		case "/npm/all.zip":
			w.Write([]byte("<html>not a zip</html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	var progress int64
	err := Update(context.Background(), UpdateOptions{Dir: dir, BaseURL: srv.URL, Ecosystems: []string{"PyPI"},
		Progress: func(eco string, done, total int64) { progress = done }})
	if err != nil {
		t.Fatal(err)
	}
	if progress != int64(len(good)) {
		t.Errorf("progress reported %d of %d bytes", progress, len(good))
	}
	st, err := Status(dir)
	if err != nil || !st[0].Present || st[0].Records != 1 || st[1].Present {
		t.Fatalf("status = %+v, %v", st, err)
	}
	// A bad download leaves the old database in place and no temp files.
	os.MkdirAll(filepath.Dir(ZipPath(dir, "npm")), 0o755)
	os.WriteFile(ZipPath(dir, "npm"), good, 0o644)
	if err := Update(context.Background(), UpdateOptions{Dir: dir, BaseURL: srv.URL, Ecosystems: []string{"npm"}}); err == nil {
		t.Fatal("a non-zip download must fail")
	}
	if b, _ := os.ReadFile(ZipPath(dir, "npm")); !bytes.Equal(b, good) {
		t.Error("the old database was replaced by a bad download")
	}
	if err := Update(context.Background(), UpdateOptions{Dir: dir, BaseURL: srv.URL, Ecosystems: []string{"Go"}}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404 not reported: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "osv-scalibr", "*", ".all.zip.*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if hits.Load() != 3 {
		t.Errorf("%d requests, want 3", hits.Load())
	}
	// The environment variable is the default base URL.
	t.Setenv(URLEnv, srv.URL)
	if err := Update(context.Background(), UpdateOptions{Dir: dir, Ecosystems: []string{"PyPI"}}); err != nil {
		t.Errorf("update via %s: %v", URLEnv, err)
	}
}

func FuzzReadZip(f *testing.F) {
	f.Add(zipOf(f, map[string]string{"a.json": rec}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		ix, err := indexZip(zr, "fuzz.zip", "PyPI")
		if err == nil && ix == nil {
			t.Fatal("nil index without error")
		}
	})
}

func FuzzCompare(f *testing.F) {
	f.Add("1.2.3", "1.2.3-rc1")
	f.Add("1!2.0.post1", "v0.0.0-2024")
	f.Fuzz(func(t *testing.T, a, b string) {
		if Compare(a, b) != -Compare(b, a) {
			t.Fatalf("Compare(%q, %q) is not antisymmetric", a, b)
		}
	})
}

var fixedTime = mustTime("2030-01-01T00:00:00Z")

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
