// Command attacker is the containment suite's hostile skill. It is built
// by the tests (CGO_ENABLED=0, static), staged as an approved skill and
// run inside each sandbox backend. It tries every attack and prints one
// line per attempt: "NAME: denied detail" or "NAME: ALLOWED detail". The
// tests assert that every attempt is denied (except the ones that probe
// an allowlist and must succeed, e.g. proxy-allowed).
//
// It is never run outside a sandbox test.
package main
