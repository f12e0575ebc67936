package keys_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
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
	csPub, err := sv.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	want, err := cryptoutils.MarshalPublicKeyToPEM(csPub)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sgPub, want) {
		t.Fatalf("public key PEM differs from cosign's:\n%s\nwant:\n%s", sgPub, want)
	}
	if _, err := cosign.LoadPrivateKey(sgPriv, []byte("wrong"), nil); err == nil {
		t.Fatal("cosign loaded the key with a wrong password")
	}
}

// relabel re-wraps a PEM block under another type. Cosign v1 wrote the
// same encrypted bytes as "ENCRYPTED COSIGN PRIVATE KEY".
func relabel(t *testing.T, in []byte, typ string) []byte {
	t.Helper()
	p, _ := pem.Decode(in)
	if p == nil {
		t.Fatal("relabel: no PEM block")
	}
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: p.Bytes})
}

// cosignEd25519 has cosign import an Ed25519 key: the key type for which
// cosign's default load options (Ed25519ph) matter.
func cosignEd25519(t *testing.T) (priv, pub []byte) {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ed25519.key")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	kb, err := cosign.ImportKeyPair(path, func(bool) ([]byte, error) { return password, nil })
	if err != nil {
		t.Fatal(err)
	}
	return kb.PrivateBytes, kb.PublicBytes
}

// skillgate loads keys that cosign made, picks the same signer as cosign,
// and signatures cross-verify; IDs agree between the private and the
// public half.
func TestSkillgateLoadsCosignKey(t *testing.T) {
	pairs(t)
	edPriv, edPub := cosignEd25519(t)
	for _, tc := range []struct {
		name      string
		priv, pub []byte
	}{
		{"sigstore PEM type", csPriv, csPub},
		{"cosign PEM type", relabel(t, csPriv, "ENCRYPTED COSIGN PRIVATE KEY"), csPub},
		{"ed25519", edPriv, edPub},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := keys.LoadPrivate(tc.priv, password)
			if err != nil {
				t.Fatalf("LoadPrivate(cosign key): %v", err)
			}
			cs, err := cosign.LoadPrivateKey(tc.priv, password, nil)
			if err != nil {
				t.Fatalf("cosign.LoadPrivateKey: %v", err)
			}
			if got, want := fmt.Sprintf("%T", k.Signer), fmt.Sprintf("%T", cs); got != want {
				t.Errorf("signer type %s, cosign's %s", got, want)
			}
			pub, err := keys.ParsePublic(tc.pub)
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
			msg := []byte("approve")
			for _, d := range []struct {
				name   string
				signer signature.SignerVerifier
				verify signature.SignerVerifier
			}{{"skillgate signs, cosign verifies", k.Signer, cs}, {"cosign signs, skillgate verifies", cs, k.Signer}} {
				sig, err := d.signer.SignMessage(bytes.NewReader(msg))
				if err != nil {
					t.Fatalf("%s: %v", d.name, err)
				}
				if err := d.verify.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg)); err != nil {
					t.Errorf("%s: %v", d.name, err)
				}
			}
		})
	}
}

// Bad keys fail, with cosign's error text wherever cosign's logic is
// what rejects them.
func TestLoadPrivateRejects(t *testing.T) {
	pairs(t)
	p, _ := pem.Decode(sgPriv)
	shortCipher := pem.EncodeToMemory(&pem.Block{Type: p.Type, Bytes: p.Bytes[:len(p.Bytes)-16]})
	plain := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p.Bytes})
	for _, tc := range []struct {
		name     string
		in, pass []byte
		want     string
		sizeOnly bool // rejected by our size check, before cosign's logic
	}{
		{"wrong password, skillgate key", sgPriv, []byte("wrong"), "decrypt:", false},
		{"wrong password, cosign key", csPriv, []byte("wrong"), "decrypt:", false},
		{"empty password", csPriv, nil, "decrypt:", false},
		{"empty", nil, password, "invalid pem block", false},
		{"garbage", []byte("garbage"), password, "invalid pem block", false},
		{"truncated PEM", sgPriv[:len(sgPriv)/2], password, "invalid pem block", false},
		{"truncated ciphertext", shortCipher, password, "decrypt:", false},
		{"public key", csPub, password, "unsupported pem type: PUBLIC KEY", false},
		{"unsupported PEM type", plain, password, "unsupported pem type: PRIVATE KEY", false},
		{"too large", append(bytes.Repeat([]byte("#"), keys.MaxKeySize), sgPriv...), password, "file too large", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := keys.LoadPrivate(tc.in, tc.pass)
			if err == nil {
				t.Fatal("LoadPrivate = nil error")
			}
			if !strings.HasPrefix(err.Error(), "load private key: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			if tc.sizeOnly {
				return
			}
			_, cerr := cosign.LoadPrivateKey(tc.in, tc.pass, nil)
			if cerr == nil {
				t.Fatal("cosign.LoadPrivateKey = nil error")
			}
			if got, want := err.Error(), "load private key: "+cerr.Error(); got != want {
				t.Errorf("error %q, cosign's gives %q", got, want)
			}
		})
	}
}

func TestParsePublicRejects(t *testing.T) {
	for _, in := range []string{"", "garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", strings.Repeat("A", keys.MaxKeySize+1)} {
		if _, err := keys.ParsePublic([]byte(in)); err == nil {
			t.Errorf("ParsePublic(%.20q) = nil error", in)
		}
	}
}
