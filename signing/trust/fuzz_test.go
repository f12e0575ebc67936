package trust_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/internal/signtest"
	"skillgate.dev/skillgate/signing/trust"
)

type fixture struct {
	dir     string
	entries []digest.Entry
	bundle  []byte
	policy  *trust.Policy
}

var (
	fixOnce   sync.Once
	fix       fixture
	fixErr    error
	fixParent string
)

// TestMain removes the shared fixture, which outlives single tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if fixParent != "" {
		os.RemoveAll(fixParent)
	}
	os.Exit(code)
}

// sharedFixture is one approved skill for fuzzing and benchmarks; it
// lives for the whole test binary.
func sharedFixture(tb testing.TB, files map[string]string) fixture {
	tb.Helper()
	fixOnce.Do(func() {
		parent, err := os.MkdirTemp("", "skillgate-fuzz-")
		if err != nil {
			fixErr = err
			return
		}
		fixParent = parent
		polDir := filepath.Join(parent, "policy")
		os.MkdirAll(polDir, 0o755)
		signtest.WritePublic(tb, polDir, "alice", signtest.Key(tb, "alice"))
		dir := signtest.NewSkill(tb, parent, "fuzzed", files)
		res := signtest.Approve(tb, dir, "fuzzed", signtest.Key(tb, "alice"), nil)
		fix.dir = dir
		if fix.entries, fixErr = digest.Tree(dir); fixErr != nil {
			return
		}
		if fix.bundle, fixErr = os.ReadFile(res.Bundle); fixErr != nil {
			return
		}
		pol := "apiVersion: skillgate.dev/v1\nkind: TrustPolicy\nversion: 1\nprincipals:\n  - id: alice\n    keys:\n      - path: alice.pub\nrules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n"
		os.WriteFile(filepath.Join(polDir, "trust.yaml"), []byte(pol), 0o644)
		fix.policy, fixErr = trust.LoadPolicy(filepath.Join(polDir, "trust.yaml"), trust.WithoutRollbackCheckUnsafe())
	})
	if fixErr != nil {
		tb.Fatal(fixErr)
	}
	return fix
}

func verifyFixture(f fixture, entries []digest.Entry, bundleData []byte) error {
	b, err := bundle.Parse(bundleData)
	if err != nil {
		return err
	}
	_, err = f.policy.Verify(context.Background(), f.dir, entries,
		trust.WithClock(func() time.Time { return clock }),
		trust.WithSigned([]trust.Signed{{Name: "fuzzed", Entity: b}}))
	return err
}

// FuzzTamper signs once, then changes one byte of the bundle, of a file's
// contents, or of a file's path, and checks that verification fails.
func FuzzTamper(f *testing.F) {
	for _, s := range []struct {
		mode uint8
		pos  uint32
		x    byte
	}{{0, 10, 1}, {0, 400, 0x20}, {0, 900, 0x80}, {1, 3, 1}, {1, 77, 0x41}, {2, 0, 1}, {2, 5, 0x20}, {3, 1, 1}} {
		f.Add(s.mode, s.pos, s.x)
	}
	fx := sharedFixture(f, signtest.DefaultFiles)
	if err := verifyFixture(fx, fx.entries, fx.bundle); err != nil {
		f.Fatalf("untouched fixture does not verify: %v", err)
	}
	orig, _ := bundle.Parse(fx.bundle)
	f.Fuzz(func(t *testing.T, mode uint8, pos uint32, x byte) {
		if x == 0 {
			x = 1
		}
		entries := append([]digest.Entry(nil), fx.entries...)
		data := fx.bundle
		switch mode % 4 {
		case 0: // a byte of the bundle
			data = bytes.Clone(fx.bundle)
			data[int(pos)%len(data)] ^= x
			if b, err := bundle.Parse(data); err == nil && proto.Equal(b.Bundle, orig.Bundle) {
				return // same bundle, spelled differently (JSON whitespace, base64 padding bits)
			}
		case 1: // a byte of a file's contents
			i := int(pos) % len(entries)
			content, err := os.ReadFile(filepath.Join(fx.dir, filepath.FromSlash(entries[i].Path)))
			if err != nil {
				t.Fatal(err)
			}
			if len(content) == 0 {
				content = []byte{0}
			} else {
				content[int(pos/7)%len(content)] ^= x
			}
			entries[i] = digest.NewEntry(entries[i].Path, content, entries[i].Exec)
		case 2: // a byte of a file's path
			i := int(pos) % len(entries)
			p := []byte(entries[i].Path)
			p[int(pos/7)%len(p)] ^= x
			entries[i].Path = string(p)
		case 3: // the exec bit, or a file dropped
			i := int(pos) % len(entries)
			if x&1 == 1 {
				entries[i].Exec = !entries[i].Exec
			} else {
				entries = append(entries[:i], entries[i+1:]...)
			}
		}
		if err := verifyFixture(fx, entries, data); err == nil {
			t.Fatalf("mode %d pos %d x %#x: tampered approval verified", mode%4, pos, x)
		}
	})
}

// FuzzParsePolicy: no panic; a policy that parses has at least one rule
// with a threshold of 1 or more.
func FuzzParsePolicy(f *testing.F) {
	f.Add([]byte(basePolicy + baseRules))
	f.Add([]byte("apiVersion: skillgate.dev/v1\nkind: TrustPolicy\nversion: 2\nprincipals: []\nrules: []\n"))
	f.Add([]byte(basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 0\n"))
	dir := f.TempDir()
	for _, n := range []string{"alice", "bob", "bob2", "carol"} {
		signtest.WritePublic(f, dir, n, signtest.Key(f, n))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := trust.ParsePolicy(data, dir, trust.WithoutRollbackCheckUnsafe())
		if err != nil {
			if _, ok := trust.AsError(err); !ok {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if len(p.Rules) == 0 {
			t.Fatal("policy without rules accepted")
		}
		for _, r := range p.Rules {
			if r.Threshold < 1 {
				t.Fatalf("threshold %d accepted", r.Threshold)
			}
		}
	})
}

// FuzzParseStatement: no panic; an accepted statement round-trips.
func FuzzParseStatement(f *testing.F) {
	st, _ := attest.New("x", []digest.Entry{digest.NewEntry("SKILL.md", []byte("x"), false)}, signtest.Predicate("a"))
	data, _ := st.Marshal()
	f.Add(data)
	f.Add([]byte(`{"_type":"https://in-toto.io/Statement/v1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := attest.Parse(data)
		if err != nil {
			return
		}
		out, err := st.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := attest.Parse(out); err != nil {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// FuzzParseBundle: no panic on any input.
func FuzzParseBundle(f *testing.F) {
	fx := sharedFixture(f, signtest.DefaultFiles)
	f.Add(fx.bundle)
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.Parse(data)
		if err != nil {
			return
		}
		_ = bundle.KeyHint(b)
		_ = bundle.PayloadDigest(b)
	})
}

func benchFiles() map[string]string {
	files := map[string]string{"SKILL.md": "---\nname: NAME\ndescription: bench\n---\n"}
	chunk := strings.Repeat("0123456789abcdef", 10000/16+1)[:10000]
	for i := range 99 {
		files[fmt.Sprintf("scripts/part%02d/file%03d.py", i%10, i)] = chunk[:10000-i] + fmt.Sprint(i)
	}
	return files
}

// BenchmarkVerify: a 100-file, ~1 MB skill, key loaded. "Entries" is the
// gate's case (it hashed the staged copy itself); "Tree" also reads and
// hashes the files.
func BenchmarkVerify(b *testing.B) {
	fx := sharedFixture(b, benchFiles())
	var total int64
	for _, e := range fx.entries {
		total += e.Size
	}
	b.Logf("%d files, %d bytes", len(fx.entries), total)
	b.Run("Entries", func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := fx.policy.Verify(context.Background(), fx.dir, fx.entries, trust.WithClock(func() time.Time { return clock })); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Tree", func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := fx.policy.Verify(context.Background(), fx.dir, nil, trust.WithClock(func() time.Time { return clock })); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuPerOp reports the process CPU time per op (user+system), which
// stays meaningful on a machine shared with other jobs, where ns/op
// (wall time) does not.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
