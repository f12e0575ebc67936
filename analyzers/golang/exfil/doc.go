// Package exfil defines an Analyzer for flows from sensitive sources to
// network and process sinks across the functions, closures, goroutines,
// channels and files of a package, each with a trace from source to sink:
//
//   - credential files, secret environment variables, the whole
//     environment or host/user information sent over the network (request
//     URL or body, a connection write, an SMTP message, a network client
//     run as a process): SG3001; into a DNS query (net.Lookup*, a
//     net.Resolver, a github.com/miekg/dns message exchanged), also after
//     hex/base32/base64 encoding, slicing into labels and fmt.Sprintf,
//     whatever the server: SG3004.
//   - content received from the network executed (a command, a shell's
//     stdin): SG2007.
//   - a file written from network content and then run: SG2002.
//
// A single secret environment variable sent to a constant ordinary host
// (an API token for the API that issued it) is not exfiltration.
package exfil
