package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	protodsse "github.com/sigstore/protobuf-specs/gen/pb-go/dsse"
	sgbundle "github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore/pkg/signature"
)

// MediaType is the bundle version skillgate writes.
const MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"

// MaxSize bounds a bundle file; the statement limit plus base64 overhead.
const MaxSize = 48 << 20

// Suffix is the file name suffix of approval bundles.
const Suffix = ".sigstore.json"

// PAE is the DSSE v1 pre-authentication encoding that is signed.
func PAE(payloadType string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DSSEv1 ")
	b.WriteString(strconv.Itoa(len(payloadType)))
	b.WriteByte(' ')
	b.WriteString(payloadType)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(payload)))
	b.WriteByte(' ')
	b.Write(payload)
	return b.Bytes()
}

// Sign signs payload as a DSSE envelope with signer and wraps it in a
// key-mode bundle whose public-key hint is keyID.
func Sign(payloadType string, payload []byte, signer signature.Signer, keyID string) (*sgbundle.Bundle, error) {
	sig, err := signer.SignMessage(bytes.NewReader(PAE(payloadType, payload)))
	if err != nil {
		return nil, fmt.Errorf("sign envelope: %w", err)
	}
	pb := &protobundle.Bundle{
		MediaType: MediaType,
		VerificationMaterial: &protobundle.VerificationMaterial{
			Content: &protobundle.VerificationMaterial_PublicKey{
				PublicKey: &protocommon.PublicKeyIdentifier{Hint: keyID},
			},
		},
		Content: &protobundle.Bundle_DsseEnvelope{DsseEnvelope: &protodsse.Envelope{
			Payload:     payload,
			PayloadType: payloadType,
			Signatures:  []*protodsse.Signature{{Sig: sig}},
		}},
	}
	b, err := sgbundle.NewBundle(pb)
	if err != nil {
		return nil, fmt.Errorf("build bundle: %w", err)
	}
	return b, nil
}

// Parse decodes and structurally validates a bundle (sigstore-go's
// checks); it verifies nothing cryptographic.
func Parse(data []byte) (*sgbundle.Bundle, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("bundle: %d bytes is over the %d limit", len(data), MaxSize)
	}
	var b sgbundle.Bundle
	if err := b.UnmarshalJSON(data); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if _, ok := b.Content.(*protobundle.Bundle_DsseEnvelope); !ok {
		return nil, errors.New("bundle: content is not a DSSE envelope")
	}
	return &b, nil
}

// Envelope returns the bundle's DSSE envelope.
func Envelope(b *sgbundle.Bundle) *protodsse.Envelope {
	if c, ok := b.Content.(*protobundle.Bundle_DsseEnvelope); ok {
		return c.DsseEnvelope
	}
	return nil
}

// KeyHint is the public-key hint of a key-mode bundle, "" otherwise.
func KeyHint(b *sgbundle.Bundle) string {
	if pk := b.VerificationMaterial.GetPublicKey(); pk != nil {
		return pk.GetHint()
	}
	return ""
}

// PayloadDigest is "sha256:<hex>" of the envelope's payload: what a
// policy's bundle revocation names. It stays the same however the bundle
// JSON is re-encoded, and no one can change it without breaking the
// signature.
func PayloadDigest(b *sgbundle.Bundle) string {
	env := Envelope(b)
	if env == nil {
		return ""
	}
	sum := sha256.Sum256(env.Payload)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Marshal renders the bundle as JSON.
func Marshal(b *sgbundle.Bundle) ([]byte, error) {
	data, err := b.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("marshal bundle: %w", err)
	}
	return data, nil
}
