// Package text is skillgate's text layer: the checks that apply to every
// file whatever its language, because a payload can hide in a README as
// well as in a script.
//
// # Analyzer text
//
// It reads every text unit, and the printable strings of executables,
// bytecode and unknown binaries, for:
//
//   - hosts and URLs: webhook and bot endpoints, request bins, paste sites,
//     tunnels and file-drop services (SG3002), public IP literals used as
//     endpoints (SG3003; an IP in a URL or host:port, or a literal in code),
//     cloud metadata endpoints (SG3101) and stratum mining pools (SG2014).
//     Hosts are judged by [knowledge.ClassifyHost]. A URL in code (or in a
//     run file or a decoded payload) is evidence of use and keeps the
//     rule's severity; one mentioned in prose is medium. Hosts that code
//     talks to are recorded as network capabilities. skillgate reports
//     SG3002 and SG3003 only here; language analyzers record flows.
//   - secrets in well-known token formats (SG5004), with obvious
//     placeholders (AKIAIOSFODNN7EXAMPLE, xxxx, <your-token>) left alone and
//     the token redacted in the report's snippet;
//   - padding (SG6003): thousands of blank lines, lines over 100 KB,
//     whitespace runs that shove content off screen. Nothing is truncated:
//     the rest of the file is analysed as usual;
//   - encoded blobs: base64 (also wrapped over lines), hex, \x escapes and
//     <~ascii85~> of 64 characters or more are decoded within limits
//     ([decode]). In the Extract phase each decoded text becomes a virtual
//     unit in the language its content shows, so every analyzer scans it;
//     findings point at the blob and their trace says "decoded from base64
//     at path:line". SG6001 is reported when the content is code, a URL,
//     an executable or compressed data; images, certificates, hashes and
//     JWT claims are not.
//
// Scanning is driven by cheap byte searches (memchr for dots and colons,
// substring search for token prefixes, one table-driven pass for blobs),
// never by per-line regular expressions over the whole file.
package text
