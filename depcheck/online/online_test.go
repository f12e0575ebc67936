package online

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"skillgate.dev/skillgate/depcheck/registry"
)

// fakeRegistries serves npm's and PyPI's document formats for a few names.
func fakeRegistries(t *testing.T, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.EscapedPath() {
		case "/left-padd":
			w.Write([]byte(`{"name":"left-padd","time":{"created":"2026-11-01T10:00:00.000Z","modified":"2026-11-02T10:00:00.000Z"}}`))
		case "/@acme%2Fhelper":
			w.Write([]byte(`{"name":"@acme/helper","time":{"created":"2019-03-04T05:06:07.000Z"}}`))
		case "/no-time":
			w.Write([]byte(`{"name":"no-time"}`))
		case "/versions-only":
			w.Write([]byte(`{"time":{"modified":"2026-01-01T00:00:00Z","2.0.0":"2025-10-04T16:40:48.650000+00:00","1.0.0":"2024-12-02T18:34:34.671000+00:00"}}`))
		case "/unpublished":
			w.Write([]byte(`{"time":{"created":"2021-05-06T07:08:09Z","unpublished":{"time":"2021-06-01T00:00:00Z","versions":["1.0.0"]}}}`))
		case "/pypi/fastapi-auth-helper-pro/json":
			w.Write([]byte(`{"releases":{"1.0":[{"upload_time_iso_8601":"2026-10-20T08:00:00.000000Z"}],"0.1":[{"upload_time_iso_8601":"2026-10-01T08:00:00.000000Z"}]}}`))
		case "/broken":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/huge":
			w.Write([]byte(`{"time":{"created":"` + strings.Repeat("x", maxDocument) + `"}}`))
		case "/garbled":
			w.Write([]byte(`{"time":`))
		case "/example.test/tool/@v/list":
			w.Write([]byte("v1.2.0\nv1.0.0\nv1.10.0\n"))
		case "/example.test/tool/@v/v1.0.0.info":
			w.Write([]byte(`{"Version":"v1.0.0","Time":"2020-01-02T03:04:05Z"}`))
		case "/github.com/!acme/pseudo/@v/list":
		case "/github.com/!acme/pseudo/@latest":
			w.Write([]byte(`{"Version":"v0.0.0-20261101000000-abcdefabcdef","Time":"2026-11-01T00:00:00Z"}`))
		case "/example.test/gone/@v/list":
			http.Error(w, "not found: module example.test/gone: no matching versions", http.StatusGone)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestClientLookup(t *testing.T) {
	var hits atomic.Int32
	srv := fakeRegistries(t, &hits)
	c := &Client{NPMBase: srv.URL, PyPIBase: srv.URL, GoProxy: srv.URL}
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tc := range []struct {
		eco, name string
		exists    bool
		created   time.Time
		err       string
	}{
		{registry.NPM, "left-padd", true, day("2026-11-01").Add(10 * time.Hour), ""},
		{registry.NPM, "@acme/helper", true, time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC), ""},
		{registry.NPM, "no-time", true, time.Time{}, ""},
		{registry.NPM, "versions-only", true, time.Date(2024, 12, 2, 18, 34, 34, 671000000, time.UTC), ""},
		{registry.NPM, "unpublished", true, time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC), ""},
		{registry.NPM, "not-there", false, time.Time{}, ""},
		{registry.PyPI, "fastapi-auth-helper-pro", true, day("2026-10-01").Add(8 * time.Hour), ""},
		{registry.PyPI, "missing-project", false, time.Time{}, ""},
		{registry.NPM, "broken", false, time.Time{}, "500 Internal Server Error"},
		{registry.NPM, "huge", false, time.Time{}, "larger than"},
		{registry.NPM, "garbled", false, time.Time{}, "registry document"},
		{registry.NPM, "../etc/passwd", false, time.Time{}, "not an npm package name"},
		{registry.NPM, "UPPER", false, time.Time{}, "not an npm package name"},
		{registry.PyPI, "a/b", false, time.Time{}, "not a PyPI project name"},
		{registry.Go, "example.test/tool", true, time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), ""},
		{registry.Go, "github.com/Acme/pseudo", true, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ""},
		{registry.Go, "example.test/gone", false, time.Time{}, ""},
		{registry.Go, "not a path", false, time.Time{}, "not a Go module path"},
		{"RubyGems", "rails", false, time.Time{}, ErrUnsupported.Error()},
	} {
		m, err := c.Lookup(context.Background(), tc.eco, tc.name)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %s: error %v, want %q", tc.eco, tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || m.Exists != tc.exists || !m.Created.Equal(tc.created) {
			t.Errorf("%s %s: %+v %v, want exists=%v created=%v", tc.eco, tc.name, m, err, tc.exists, tc.created)
		}
	}
	// Answers are cached; failures are not.
	before := hits.Load()
	c.Lookup(context.Background(), registry.NPM, "left-padd")
	c.Lookup(context.Background(), registry.NPM, "not-there")
	if hits.Load() != before {
		t.Errorf("cached names were fetched again")
	}
	c.Lookup(context.Background(), registry.NPM, "broken")
	if hits.Load() != before+1 {
		t.Errorf("a failed look-up was cached")
	}
}

func TestClientContext(t *testing.T) {
	var hits atomic.Int32
	srv := fakeRegistries(t, &hits)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&Client{NPMBase: srv.URL}).Lookup(ctx, registry.NPM, "left-padd"); err == nil {
		t.Errorf("a cancelled look-up answered")
	}
}
