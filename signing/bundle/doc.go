// Package bundle wraps a signed approval statement as a DSSE envelope in
// a Sigstore bundle v0.3 (application/vnd.dev.sigstore.bundle.v0.3+json),
// the format `cosign verify-blob-attestation --bundle` and sigstore-go
// read. In key mode the verification material is a public-key hint: the
// key ID of signing/keys. Keyless bundles (Fulcio certificate, Rekor
// entry) are parsed the same way and verified by signing/trust against
// an operator-given trusted root.
//
// It signs; it does not decide trust (signing/trust does).
package bundle
