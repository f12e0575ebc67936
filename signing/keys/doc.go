// Package keys reads and writes signing keys in cosign's formats: the
// encrypted private key ("ENCRYPTED SIGSTORE PRIVATE KEY", scrypt +
// secretbox, as `cosign generate-key-pair` writes it) and the PEM public
// key. It also defines the key ID that names approval bundles and that
// bundles carry as their public-key hint: the lowercase hex SHA-256 of
// the DER (PKIX) public key.
//
// Public keys alone are read by signing/pubkey, which verification uses
// without linking cosign; [ParsePublic] and [ID] here are the same.
//
// It does not prompt: the CLI gets the password (SKILLGATE_PASSWORD,
// COSIGN_PASSWORD, then the terminal) and passes it in.
package keys
