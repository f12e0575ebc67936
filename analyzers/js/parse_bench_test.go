package js

import (
	"os"
	"testing"
)

func BenchmarkParseOnly(b *testing.B) {
	src, err := os.ReadFile("../../testdata/corpus/malicious/js-discord-token-grabber/scripts/status.js")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		ps := &parsers{}
		if _, err := ps.parse(gJS, src); err != nil {
			b.Fatal(err)
		}
		ps.close()
	}
}

func BenchmarkParseReuse(b *testing.B) {
	src, err := os.ReadFile("../../testdata/corpus/malicious/js-discord-token-grabber/scripts/status.js")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	ps := &parsers{}
	defer ps.close()
	for i := 0; i < b.N; i++ {
		if _, err := ps.parse(gJS, src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseNoConvert(b *testing.B) {
	src, err := os.ReadFile("../../testdata/corpus/malicious/js-discord-token-grabber/scripts/status.js")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	ps := &parsers{}
	defer ps.close()
	p, _ := ps.get(gJS)
	for i := 0; i < b.N; i++ {
		t := p.Parse(src, nil)
		t.Close()
	}
}
