package proxy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Resolver resolves names on the host. *net.Resolver satisfies it; tests
// inject a fake.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Proxy is an allowlisting CONNECT proxy.
type Proxy struct {
	allow    map[string]bool // "host:port", host lowercased
	Resolver Resolver
	// Dial opens the upstream connection to an already vetted address;
	// nil uses a net.Dialer. Tests point it at a local server.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Log receives one line per decision.
	Log func(line string)
}

// New returns a proxy admitting exactly the given "host:port" pairs.
func New(allow []string) (*Proxy, error) {
	p := &Proxy{allow: map[string]bool{}, Resolver: net.DefaultResolver}
	for _, hp := range allow {
		host, port, err := net.SplitHostPort(hp)
		if err != nil {
			return nil, fmt.Errorf("proxy: allow %q: %w", hp, err)
		}
		if _, err := netip.ParseAddr(host); err == nil {
			return nil, fmt.Errorf("proxy: allow %q: IP literals cannot be approved", hp)
		}
		p.allow[net.JoinHostPort(strings.ToLower(strings.TrimSuffix(host, ".")), port)] = true
	}
	return p, nil
}

var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),  // CGNAT
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved
	netip.MustParsePrefix("fd00:ec2::/32"),  // AWS IPv6 metadata
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 can reach private v4
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// Forbidden reports why an address may not be reached, or "".
func Forbidden(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "invalid address"
	case a.IsLoopback():
		return "loopback address"
	case a.IsPrivate():
		return "private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local address"
	case a.IsUnspecified():
		return "unspecified address"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast address"
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return "reserved or metadata address"
		}
	}
	return ""
}

// Serve accepts connections on ln until ctx ends or ln fails.
func (p *Proxy) Serve(ctx context.Context, ln net.Listener) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.handle(ctx, c)
		}()
	}
}

func (p *Proxy) logf(format string, args ...any) {
	if p.Log != nil {
		p.Log(fmt.Sprintf(format, args...))
	}
}

const maxHeader = 16 << 10

func (p *Proxy) handle(ctx context.Context, c net.Conn) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReaderSize(io.LimitReader(c, maxHeader), 4096)
	req, err := http.ReadRequest(br)
	if err != nil {
		p.logf("proxy: deny - malformed request: %v", err)
		return
	}
	c.SetReadDeadline(time.Time{})
	target := req.Host
	if req.Method != http.MethodConnect {
		p.logf("proxy: deny %s %s: only CONNECT is served", req.Method, target)
		writeStatus(c, http.StatusMethodNotAllowed)
		return
	}
	addr, why := p.decide(ctx, target)
	if why != "" {
		p.logf("proxy: deny %s: %s", target, why)
		writeStatus(c, http.StatusForbidden)
		return
	}
	dial := p.Dial
	if dial == nil {
		d := &net.Dialer{Timeout: 10 * time.Second}
		dial = d.DialContext
	}
	up, err := dial(ctx, "tcp", addr)
	if err != nil {
		p.logf("proxy: deny %s: connect %s: %v", target, addr, err)
		writeStatus(c, http.StatusBadGateway)
		return
	}
	defer up.Close()
	p.logf("proxy: allow %s via %s", target, addr)
	io.WriteString(c, "HTTP/1.1 200 Connection Established\r\n\r\n")
	// Bytes the client sent after the request head belong upstream.
	if n := br.Buffered(); n > 0 {
		b, _ := br.Peek(n)
		up.Write(b)
	}
	done := make(chan struct{}, 2)
	go func() { io.Copy(up, c); closeWrite(up); done <- struct{}{} }()
	go func() { io.Copy(c, up); closeWrite(c); done <- struct{}{} }()
	select {
	case <-done:
		<-done
	case <-ctx.Done():
	}
}

func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
}

func writeStatus(c net.Conn, code int) {
	fmt.Fprintf(c, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", code, http.StatusText(code))
}

// decide returns the address to dial for a CONNECT target, or why not.
func (p *Proxy) decide(ctx context.Context, target string) (string, string) {
	host, port, err := net.SplitHostPort(target)
	if err != nil {
		return "", "bad target"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", "bad port"
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if _, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return "", "IP literal"
	}
	if !p.allow[net.JoinHostPort(host, port)] {
		return "", "not in the approved allowlist"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := p.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return "", fmt.Sprintf("does not resolve: %v", err)
	}
	// Every address must be public: one private answer refuses the name
	// (a DNS-rebinding name may mix them).
	for _, a := range addrs {
		if why := Forbidden(a); why != "" {
			return "", fmt.Sprintf("resolves to %s (%s)", a, why)
		}
	}
	return net.JoinHostPort(addrs[0].Unmap().String(), port), ""
}
