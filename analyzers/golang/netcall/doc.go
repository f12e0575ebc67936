// Package netcall defines an Analyzer that records the network calls of
// a package (net, net/http, net/rpc, net/smtp, crypto/tls and websocket
// libraries, resolved by import path even when their source is absent)
// as capabilities with their destination host. A call to an ordinary
// literal host is a capability, not a finding: what is sent and where it
// comes from is judged by the exfil pass, and hosts by the text layer.
package netcall
