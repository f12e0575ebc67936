package keys

import (
	"crypto"
	"errors"
	"fmt"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore/pkg/signature"

	"skillgate.dev/skillgate/signing/pubkey"
)

// MaxKeySize bounds a key file; real ones are well under 2 KiB.
const MaxKeySize = pubkey.MaxSize

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
func ParsePublic(pemBytes []byte) (crypto.PublicKey, error) { return pubkey.Parse(pemBytes) }

// ID is the key ID: lowercase hex SHA-256 of the DER (PKIX) public key.
func ID(pub crypto.PublicKey) (string, error) { return pubkey.ID(pub) }

// MarshalPublic renders pub as PEM, as cosign writes NAME.pub.
func MarshalPublic(pub crypto.PublicKey) ([]byte, error) { return pubkey.Marshal(pub) }
