// Package proxy is the host side of the sandbox's network: an HTTP
// CONNECT proxy that admits only approved host:port pairs. The decision is
// made on the CONNECT target: IP literals are refused, names are resolved
// on the host (never inside the sandbox), and a name that resolves to a
// loopback, private, link-local, unspecified, multicast, CGNAT or cloud
// metadata address is refused too. Every decision is one log line.
//
// The listener is created by the sandbox's PID 1 inside the sandbox's
// network namespace and handed to the host, so the sandbox can reach this
// proxy and nothing else.
package proxy
