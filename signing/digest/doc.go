// Package digest computes the skilltree-v1 digest that approvals sign:
// SHA-256 over "skilltree-v1\n" followed by one sorted line per file,
// "<f|x> <size> <sha256> <path>\n", where x marks a file with any execute
// bit. Paths are relative, slash-separated and in NFC; .skillsig/ at the
// root is left out. Links, devices, FIFOs, setuid/setgid files, non-NFC
// and case-colliding names make a tree undigestable: they are rejected,
// never skipped.
package digest
