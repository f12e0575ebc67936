package attest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/internal/signtest"
)

func TestNewParseRoundTrip(t *testing.T) {
	es := []digest.Entry{digest.NewEntry("b.sh", []byte("b"), true), digest.NewEntry("SKILL.md", []byte("a"), false)}
	st, err := attest.New("my-skill", es, signtest.Predicate("alice"))
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := digest.Sum(es)
	if st.TreeDigest() != sum || st.SubjectName() != "my-skill" || st.Subject[0].Name != "skill:my-skill" {
		t.Fatalf("subject %+v, digest %s", st.Subject, sum)
	}
	if st.Predicate.Files[0].Path != "SKILL.md" {
		t.Fatalf("files not sorted: %+v", st.Predicate.Files)
	}
	data, err := st.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := attest.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseRejects(t *testing.T) {
	st, _ := attest.New("s", []digest.Entry{digest.NewEntry("SKILL.md", nil, false)}, signtest.Predicate("a"))
	data, _ := st.Marshal()
	good := string(data)
	cases := map[string]string{
		"statement-type":   strings.Replace(good, attest.StatementType, "https://in-toto.io/Statement/v0.1", 1),
		"predicate-type":   strings.Replace(good, attest.PredicateType, "https://slsa.dev/provenance/v1", 1),
		"unknown-field":    strings.Replace(good, `"verdict":`, `"extra":1,"verdict":`, 1),
		"subject-prefix":   strings.Replace(good, `"skill:s"`, `"s"`, 1),
		"bad-verdict":      strings.Replace(good, `"verdict":"pass"`, `"verdict":"ok"`, 1),
		"trailing-data":    good + "{}",
		"digest-algorithm": strings.Replace(good, digest.Algorithm, "skilltree-v0", 1),
		"two-subjects":     strings.Replace(good, `"subject":[{`, `"subject":[{"name":"skill:t","digest":{"sha256":"00"}},{`, 1),
	}
	for name, in := range cases {
		if in == good {
			t.Fatalf("%s: edit did not apply", name)
		}
		if _, err := attest.Parse([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := attest.New("s", []digest.Entry{{Path: "../x", SHA256: strings.Repeat("0", 64)}}, signtest.Predicate("a")); err == nil {
		t.Error("New accepted a ../ path")
	}
}
