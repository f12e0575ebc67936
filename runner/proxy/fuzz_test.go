package proxy

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
)

// FuzzDecide feeds arbitrary CONNECT targets: only an allowlisted name
// whose every answer is public may ever be admitted.
func FuzzDecide(f *testing.F) {
	for _, s := range []string{"allowed.test:443", "ALLOWED.TEST.:443", "203.0.113.1:443", "[::1]:443", "allowed.test:0443", "a:b:c", ""} {
		f.Add(s)
	}
	p, _ := New([]string{"allowed.test:443", "private.test:443"})
	p.Resolver = fakeResolver{"allowed.test": {"203.0.113.10"}, "private.test": {"10.0.0.1"}}
	f.Fuzz(func(t *testing.T, target string) {
		addr, why := p.decide(context.Background(), target)
		if why != "" {
			return
		}
		host, port, err := net.SplitHostPort(target)
		if err != nil {
			t.Fatalf("admitted unparsable %q", target)
		}
		if h := strings.ToLower(strings.TrimSuffix(host, ".")); h != "allowed.test" || port != "443" {
			t.Fatalf("admitted %q (host %q port %q)", target, h, port)
		}
		ap, err := netip.ParseAddrPort(addr)
		if err != nil || Forbidden(ap.Addr()) != "" {
			t.Fatalf("dials %q", addr)
		}
	})
}
