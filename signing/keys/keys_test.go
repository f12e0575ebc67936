package keys_test

import (
	"bytes"
	"crypto"
	"strings"
	"sync"
	"testing"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore/pkg/signature"

	"skillgate.dev/skillgate/signing/keys"
)

var password = []byte("correct horse battery staple")

// scrypt makes every key operation slow on purpose: generate each pair
// once per test binary.
var (
	once                         sync.Once
	sgPriv, sgPub, csPriv, csPub []byte
	genErr                       error
)

func pairs(t *testing.T) {
	t.Helper()
	once.Do(func() {
		if sgPriv, sgPub, genErr = keys.Generate(password); genErr != nil {
			return
		}
		var kb *cosign.KeysBytes
		kb, genErr = cosign.GenerateKeyPair(func(bool) ([]byte, error) { return password, nil })
		if genErr == nil {
			csPriv, csPub = kb.PrivateBytes, kb.PublicBytes
		}
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
}

func TestGeneratedKeyFormat(t *testing.T) {
	pairs(t)
	if !bytes.HasPrefix(sgPriv, []byte("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----")) {
		t.Errorf("private key header: %q", strings.SplitN(string(sgPriv), "\n", 2)[0])
	}
	if !bytes.HasPrefix(sgPub, []byte("-----BEGIN PUBLIC KEY-----")) {
		t.Errorf("public key header: %q", strings.SplitN(string(sgPub), "\n", 2)[0])
	}
}

// cosign loads a skillgate key, and the signature it makes verifies with
// the skillgate public key.
func TestCosignLoadsSkillgateKey(t *testing.T) {
	pairs(t)
	sv, err := cosign.LoadPrivateKey(sgPriv, password, nil)
	if err != nil {
		t.Fatalf("cosign.LoadPrivateKey: %v", err)
	}
	msg := []byte("approve")
	sig, err := sv.SignMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := keys.ParsePublic(sgPub)
	if err != nil {
		t.Fatal(err)
	}
	v, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg)); err != nil {
		t.Fatalf("signature by cosign-loaded key does not verify: %v", err)
	}
	if _, err := cosign.LoadPrivateKey(sgPriv, []byte("wrong"), nil); err == nil {
		t.Fatal("cosign loaded the key with a wrong password")
	}
}

// skillgate loads a key that cosign generated; IDs agree between the
// private and the public half.
func TestSkillgateLoadsCosignKey(t *testing.T) {
	pairs(t)
	k, err := keys.LoadPrivate(csPriv, password)
	if err != nil {
		t.Fatalf("LoadPrivate(cosign key): %v", err)
	}
	pub, err := keys.ParsePublic(csPub)
	if err != nil {
		t.Fatal(err)
	}
	id, err := keys.ID(pub)
	if err != nil {
		t.Fatal(err)
	}
	if id != k.ID {
		t.Fatalf("key IDs differ: private %s, public %s", k.ID, id)
	}
	if _, err := keys.LoadPrivate(csPriv, []byte("wrong")); err == nil {
		t.Fatal("loaded with a wrong password")
	}
	if _, err := keys.LoadPrivate(csPub, password); err == nil {
		t.Fatal("loaded a public key as a private key")
	}
}

func TestParsePublicRejects(t *testing.T) {
	for _, in := range []string{"", "garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", strings.Repeat("A", keys.MaxKeySize+1)} {
		if _, err := keys.ParsePublic([]byte(in)); err == nil {
			t.Errorf("ParsePublic(%.20q) = nil error", in)
		}
	}
}
