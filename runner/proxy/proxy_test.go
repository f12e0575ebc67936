package proxy

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

type fakeResolver map[string][]string

func (f fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range f[host] {
		out = append(out, netip.MustParseAddr(a))
	}
	if len(out) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return out, nil
}

func TestProxyDecisions(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello") }))
	defer up.Close()
	p, err := New([]string{"allowed.test:443", "Rebind.test:443", "meta.test:80", "v6.test:443", "gone.test:443"})
	if err != nil {
		t.Fatal(err)
	}
	p.Resolver = fakeResolver{"allowed.test": {"203.0.113.10"}, "rebind.test": {"203.0.113.11", "10.1.2.3"},
		"meta.test": {"169.254.169.254"}, "v6.test": {"::ffff:127.0.0.1"}}
	p.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr != "203.0.113.10:443" {
			return nil, fmt.Errorf("unexpected dial %s", addr)
		}
		return net.Dial("tcp", up.Listener.Addr().String())
	}
	var mu sync.Mutex
	var logs []string
	p.Log = func(l string) { mu.Lock(); logs = append(logs, l); mu.Unlock() }
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- p.Serve(ctx, ln) }()

	connect := func(target string) (int, string) {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n", target, target)
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			return resp.StatusCode, ""
		}
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		r2, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		bufio.NewReader(r2.Body).WriteTo(&sb)
		return 200, sb.String()
	}
	for target, want := range map[string]int{
		"allowed.test:443": 200, "ALLOWED.test.:443": 200, "allowed.test:8443": 403, "other.test:443": 403,
		"203.0.113.10:443": 403, "[2001:db8::1]:443": 403, "rebind.test:443": 403, "meta.test:80": 403,
		"v6.test:443": 403, "gone.test:443": 403,
	} {
		code, body := connect(target)
		if code != want || (want == 200 && body != "hello") {
			t.Errorf("%s: %d %q, want %d", target, code, body, want)
		}
	}
	// Plain HTTP through the proxy is not served.
	c, _ := net.Dial("tcp", ln.Addr().String())
	fmt.Fprintf(c, "GET http://allowed.test/ HTTP/1.1\r\nHost: allowed.test\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 405 {
		t.Errorf("plain GET: %v %v", resp, err)
	}
	c.Close()
	cancel()
	<-done
	all := strings.Join(logs, "\n")
	for _, want := range []string{"proxy: allow allowed.test:443 via 203.0.113.10:443", "proxy: deny other.test:443: not in the approved allowlist",
		"proxy: deny 203.0.113.10:443: IP literal", "proxy: deny rebind.test:443: resolves to 10.1.2.3 (private address)",
		"proxy: deny meta.test:80: resolves to 169.254.169.254 (link-local address)", "proxy: deny v6.test:443: resolves to ::ffff:127.0.0.1 (loopback address)",
		"proxy: deny gone.test:443: does not resolve"} {
		if !strings.Contains(all, want) {
			t.Errorf("log lacks %q:\n%s", want, all)
		}
	}
	if n := strings.Count(all, "\n") + 1; n != 11 {
		t.Errorf("%d log lines for 11 decisions:\n%s", n, all)
	}
}

func TestNewRejectsIPLiterals(t *testing.T) {
	if _, err := New([]string{"10.0.0.1:443"}); err == nil {
		t.Error("IP literal approved")
	}
	if _, err := New([]string{"no-port"}); err == nil {
		t.Error("missing port accepted")
	}
}

func TestForbidden(t *testing.T) {
	for _, a := range []string{"127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "224.0.0.1", "::ffff:10.0.0.1"} {
		if Forbidden(netip.MustParseAddr(a)) == "" {
			t.Errorf("%s allowed", a)
		}
	}
	for _, a := range []string{"203.0.113.10", "8.8.8.8", "2001:4860:4860::8888"} {
		if why := Forbidden(netip.MustParseAddr(a)); why != "" {
			t.Errorf("%s refused: %s", a, why)
		}
	}
}
