// Package pubkey reads PEM public keys (cosign's NAME.pub) and computes
// the key ID that names approval bundles and that bundles carry as their
// public-key hint: the lowercase hex SHA-256 of the DER (PKIX) public
// key. It is split from signing/keys so that verification does not link
// cosign's private-key machinery.
package pubkey

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
)

// MaxSize bounds a key file; real ones are well under 2 KiB.
const MaxSize = 64 << 10

// Parse reads a PEM public key.
func Parse(pemBytes []byte) (crypto.PublicKey, error) {
	if len(pemBytes) > MaxSize {
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

// Marshal renders pub as PEM, as cosign writes NAME.pub.
func Marshal(pub crypto.PublicKey) ([]byte, error) {
	return cryptoutils.MarshalPublicKeyToPEM(pub)
}
