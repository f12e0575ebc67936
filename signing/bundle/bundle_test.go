package bundle_test

import (
	"testing"

	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/internal/signtest"
)

// The DSSE specification's own example.
func TestPAE(t *testing.T) {
	got := string(bundle.PAE("http://example.com/HelloWorld", []byte("hello world")))
	if want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"; got != want {
		t.Fatalf("PAE = %q, want %q", got, want)
	}
}

func TestSignParseRoundTrip(t *testing.T) {
	k := signtest.Key(t, "alice")
	b, err := bundle.Sign("application/vnd.in-toto+json", []byte(`{"x":1}`), k.Signer, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, err := bundle.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := bundle.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetMediaType() != bundle.MediaType || bundle.KeyHint(got) != k.ID || bundle.PayloadDigest(got) != bundle.PayloadDigest(b) {
		t.Fatalf("round trip lost data: %s %s", got.GetMediaType(), bundle.KeyHint(got))
	}
	for _, bad := range []string{"", "{}", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}`, "[1]"} {
		if _, err := bundle.Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) = nil error", bad)
		}
	}
}
