//go:build !linux || !cgo

package linux

import (
	"context"
	"errors"
	"net"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/proxy"
)

// ErrUnsupported is returned on every system but Linux: the native
// sandbox is never silently replaced by nothing.
var ErrUnsupported = errors.New("native sandbox: only available on Linux, in a cgo build")

// Backend is the native Linux sandbox (unavailable here).
type Backend struct {
	Exe           string
	ProbeOverride func() runner.Features
	Resolver      proxy.Resolver
	Dial          func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Name implements runner.Backend.
func (b *Backend) Name() string { return "native" }

// Probe reports nothing available.
func (b *Backend) Probe(context.Context) runner.Features { return runner.Features{} }

// Run always fails here.
func (b *Backend) Run(context.Context, runner.Profile, runner.IO) (*runner.Result, error) {
	return nil, ErrUnsupported
}
