package keys

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// MaxKeySize bounds a key file; real ones are well under 2 KiB.
const MaxKeySize = 64 << 10

// Generate makes an ECDSA P-256 key pair in cosign's format: the private
// key encrypted with password, the public key as PEM.
func Generate(password []byte) (privPEM, pubPEM []byte, err error) {
	kb, err := cosign.GenerateKeyPair(func(bool) ([]byte, error) { return password, nil })
	if err != nil {
		return nil, nil, fmt.Errorf("generate key pair: %w", err)
	}
	return kb.PrivateBytes, kb.PublicBytes, nil
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
	sv, err := cosign.LoadPrivateKey(pemBytes, password, nil)
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

// ParsePublic reads a PEM public key (cosign's NAME.pub).
func ParsePublic(pemBytes []byte) (crypto.PublicKey, error) {
	if len(pemBytes) > MaxKeySize {
		return nil, errors.New("parse public key: file too large")
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("parse public key: %w", err)
	}
	return pub, nil
}

// ID is the key ID: lowercase hex SHA-256 of the DER (PKIX) public key.
func ID(pub crypto.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("key id: %w", err)
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:]), nil
}

// MarshalPublic renders pub as PEM, as cosign writes NAME.pub.
func MarshalPublic(pub crypto.PublicKey) ([]byte, error) {
	return cryptoutils.MarshalPublicKeyToPEM(pub)
}
