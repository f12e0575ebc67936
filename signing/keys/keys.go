package keys

// This package redoes the few cosign v2 functions it needs rather than
// import cosign, whose dependencies cost ~5 ms of package init on every
// start of the binary. keys_test.go checks the two stay interchangeable.

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/options"

	"skillgate.dev/skillgate/signing/pubkey"
)

// PEM types of an encrypted private key, as cosign names them. Cosign
// writes the SIGSTORE one and still reads keys of the older COSIGN one.
const (
	sigstorePrivateKeyPEMType = "ENCRYPTED SIGSTORE PRIVATE KEY"
	cosignPrivateKeyPEMType   = "ENCRYPTED COSIGN PRIVATE KEY"
)

// MaxKeySize bounds a key file; real ones are well under 2 KiB.
const MaxKeySize = pubkey.MaxSize

// Generate makes an ECDSA P-256 key pair in cosign's format: the private
// key encrypted with password, the public key as PEM.
func Generate(password []byte) (privPEM, pubPEM []byte, err error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key pair: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key pair: %w", err)
	}
	enc, err := encrypted.Encrypt(der, password)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key pair: %w", err)
	}
	pubPEM, err = pubkey.Marshal(priv.Public())
	if err != nil {
		return nil, nil, fmt.Errorf("generate key pair: %w", err)
	}
	privPEM = pem.EncodeToMemory(&pem.Block{Type: sigstorePrivateKeyPEMType, Bytes: enc})
	return privPEM, pubPEM, nil
}

// PrivateKey is a decrypted signing key.
type PrivateKey struct {
	Signer signature.SignerVerifier
	Public crypto.PublicKey
	ID     string
}

// LoadPrivate decrypts a cosign-format private key.
func LoadPrivate(pemBytes, password []byte) (*PrivateKey, error) {
	if len(pemBytes) > MaxKeySize {
		return nil, errors.New("load private key: file too large")
	}
	sv, err := loadSignerVerifier(pemBytes, password)
	if err != nil {
		return nil, fmt.Errorf("load private key: %w", err)
	}
	pub, err := sv.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("load private key: %w", err)
	}
	id, err := ID(pub)
	if err != nil {
		return nil, err
	}
	return &PrivateKey{Signer: sv, Public: pub, ID: id}, nil
}

// loadSignerVerifier is cosign v2's LoadPrivateKey with its default load
// options, error messages included.
func loadSignerVerifier(pemBytes, password []byte) (signature.SignerVerifier, error) {
	p, _ := pem.Decode(pemBytes)
	if p == nil {
		return nil, errors.New("invalid pem block")
	}
	if p.Type != cosignPrivateKeyPEMType && p.Type != sigstorePrivateKeyPEMType {
		return nil, fmt.Errorf("unsupported pem type: %s", p.Type)
	}
	der, err := encrypted.Decrypt(p.Bytes, password)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	pk, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("parsing private key: %w", err)
	}
	// Ed25519ph, as cosign's GetDefaultLoadOptions: the only Ed25519
	// variant that hashedrekord entries accept.
	return signature.LoadDefaultSignerVerifier(pk, options.WithED25519ph())
}

// ParsePublic reads a PEM public key (cosign's NAME.pub).
func ParsePublic(pemBytes []byte) (crypto.PublicKey, error) { return pubkey.Parse(pemBytes) }

// ID is the key ID: lowercase hex SHA-256 of the DER (PKIX) public key.
func ID(pub crypto.PublicKey) (string, error) { return pubkey.ID(pub) }

// MarshalPublic renders pub as PEM, as cosign writes NAME.pub.
func MarshalPublic(pub crypto.PublicKey) ([]byte, error) { return pubkey.Marshal(pub) }
