package trust_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/internal/signtest"
	"skillgate.dev/skillgate/signing/trust"
)

const basePolicy = `apiVersion: skillgate.dev/v1
kind: TrustPolicy
version: 1
principals:
  - id: alice
    keys:
      - path: alice.pub
  - id: bob
    keys:
      - path: bob.pub
      - path: bob2.pub
  - id: carol
    keys:
      - path: carol.pub
`

const baseRules = `rules:
  - skills: ["*"]
    approvers: [alice, bob]
    threshold: 1
`

var clock = signtest.Now.Add(time.Hour)

type env struct {
	t      *testing.T
	parent string
	dir    string
	name   string
	polDir string
	policy string // YAML
	opts   []trust.VerifyOption
	popts  []trust.PolicyOption
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, parent: t.TempDir(), name: "pdf-extract", polDir: t.TempDir(), policy: basePolicy + baseRules}
	files := map[string]string{}
	for k, v := range signtest.DefaultFiles {
		files[k] = v
	}
	files["references/caf\u00e9.md"] = "accented\n"
	e.dir = signtest.NewSkill(t, e.parent, e.name, files)
	for _, n := range []string{"alice", "bob", "bob2", "carol"} {
		signtest.WritePublic(t, e.polDir, n, signtest.Key(t, n))
	}
	return e
}

func (e *env) approve(key string, edit func(*attest.Predicate)) {
	e.t.Helper()
	signtest.Approve(e.t, e.dir, e.name, signtest.Key(e.t, key), edit)
}

func (e *env) loadPolicy() (*trust.Policy, error) {
	file := filepath.Join(e.polDir, "trust.yaml")
	if err := os.WriteFile(file, []byte(e.policy), 0o644); err != nil {
		e.t.Fatal(err)
	}
	opts := append([]trust.PolicyOption{trust.WithStateFile(filepath.Join(e.polDir, "state.json")), trust.WithPolicyClock(func() time.Time { return clock })}, e.popts...)
	return trust.LoadPolicy(file, opts...)
}

func (e *env) verify() (*trust.Decision, error) {
	e.t.Helper()
	p, err := e.loadPolicy()
	if err != nil {
		return nil, err
	}
	opts := append([]trust.VerifyOption{trust.WithClock(func() time.Time { return clock })}, e.opts...)
	return p.Verify(context.Background(), e.dir, nil, opts...)
}

func (e *env) path(p string) string { return filepath.Join(e.dir, filepath.FromSlash(p)) }

func (e *env) write(p, content string) {
	e.t.Helper()
	os.MkdirAll(filepath.Dir(e.path(p)), 0o755)
	if err := os.WriteFile(e.path(p), []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) read(p string) string {
	e.t.Helper()
	b, err := os.ReadFile(e.path(p))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

func (e *env) bundleFile(key string) string {
	return e.path(".skillsig/approvals/" + signtest.Key(e.t, key).ID + ".sigstore.json")
}

// editBundle rewrites alice's bundle JSON.
func (e *env) editBundle(key string, edit func(m map[string]any)) {
	e.t.Helper()
	data, err := os.ReadFile(e.bundleFile(key))
	if err != nil {
		e.t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		e.t.Fatal(err)
	}
	edit(m)
	out, _ := json.Marshal(m)
	if err := os.WriteFile(e.bundleFile(key), out, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func envelope(m map[string]any) map[string]any { return m["dsseEnvelope"].(map[string]any) }

// editPayload changes the signed payload without re-signing.
func editPayload(m map[string]any, edit func(string) string) {
	env := envelope(m)
	raw, _ := base64.StdEncoding.DecodeString(env["payload"].(string))
	env["payload"] = base64.StdEncoding.EncodeToString([]byte(edit(string(raw))))
}

// forge signs an arbitrary statement with a real key: what a holder of
// a trusted key could produce, to check that Verify does not trust the
// payload's contents just because the signature is good.
func (e *env) forge(key, payloadType string, st any) {
	e.t.Helper()
	payload, err := json.Marshal(st)
	if err != nil {
		e.t.Fatal(err)
	}
	k := signtest.Key(e.t, key)
	b, err := bundle.Sign(payloadType, payload, k.Signer, k.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	data, _ := bundle.Marshal(b)
	os.MkdirAll(filepath.Dir(e.bundleFile(key)), 0o755)
	os.WriteFile(e.path(".skillsig/scan-report.json"), []byte(signtest.Report), 0o644)
	if err := os.WriteFile(e.bundleFile(key), data, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// statement is alice-style approval of the current tree, for forging.
func (e *env) statement() *attest.Statement {
	es, err := digest.Tree(e.dir)
	if err != nil {
		e.t.Fatal(err)
	}
	p := signtest.Predicate("forger")
	p.ScanReport.Digest = reportDigest()
	st, err := attest.New(e.name, es, p)
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

func reportDigest() string {
	var st attest.Statement
	_ = st
	h := digest.NewEntry("x", []byte(signtest.Report), false)
	return "sha256:" + h.SHA256
}

func TestTamper(t *testing.T) {
	type tc struct {
		name  string
		setup func(e *env)
		code  trust.Code
		files []string
	}
	approved := func(f func(e *env)) func(e *env) {
		return func(e *env) {
			e.approve("alice", nil)
			if f != nil {
				f(e)
			}
		}
	}
	cases := []tc{
		{name: "untouched", setup: approved(nil)},
		{name: "no-approval", setup: func(e *env) {}, code: trust.ENoApproval},
		{name: "byte-changed", setup: approved(func(e *env) {
			s := e.read("scripts/helper.py")
			e.write("scripts/helper.py", strings.Replace(s, "h", "H", 1))
		}), code: trust.ETreeMismatch, files: []string{"modified: scripts/helper.py"}},
		{name: "byte-appended", setup: approved(func(e *env) {
			e.write("SKILL.md", e.read("SKILL.md")+" ")
		}), code: trust.ETreeMismatch, files: []string{"modified: SKILL.md"}},
		{name: "file-added-top", setup: approved(func(e *env) { e.write("extra.py", "x=1\n") }),
			code: trust.ETreeMismatch, files: []string{"added: extra.py"}},
		{name: "file-added-nested", setup: approved(func(e *env) { e.write("scripts/lib/deep.py", "x=1\n") }),
			code: trust.ETreeMismatch, files: []string{"added: scripts/lib/deep.py"}},
		{name: "file-added-hidden", setup: approved(func(e *env) { e.write(".env", "TOKEN=x\n") }),
			code: trust.ETreeMismatch, files: []string{"added: .env"}},
		{name: "file-added-in-skillsig-subfolder", setup: approved(func(e *env) { e.write("scripts/.skillsig/x", "x\n") }),
			code: trust.ETreeMismatch, files: []string{"added: scripts/.skillsig/x"}},
		{name: "file-removed", setup: approved(func(e *env) { os.Remove(e.path("references/notes.md")) }),
			code: trust.ETreeMismatch, files: []string{"removed: references/notes.md"}},
		{name: "file-renamed", setup: approved(func(e *env) { os.Rename(e.path("scripts/helper.py"), e.path("scripts/zz.py")) }),
			code: trust.ETreeMismatch, files: []string{"removed: scripts/helper.py", "added: scripts/zz.py"}},
		{name: "file-renamed-same-sort-position", setup: approved(func(e *env) { os.Rename(e.path("scripts/helper.py"), e.path("scripts/helper.pz")) }),
			code: trust.ETreeMismatch, files: []string{"removed: scripts/helper.py", "added: scripts/helper.pz"}},
		{name: "contents-swapped", setup: func(e *env) {
			e.write("a.txt", "AAAA")
			e.write("b.txt", "BBBB")
			e.approve("alice", nil)
			e.write("a.txt", "BBBB")
			e.write("b.txt", "AAAA")
		}, code: trust.ETreeMismatch, files: []string{"modified: a.txt", "modified: b.txt"}},
		{name: "exec-bit-flipped", setup: approved(func(e *env) { os.Chmod(e.path("scripts/helper.py"), 0o755) }),
			code: trust.ETreeMismatch, files: []string{"mode-changed: scripts/helper.py"}},
		{name: "exec-bit-removed", setup: approved(func(e *env) { os.Chmod(e.path("scripts/run.sh"), 0o644) }),
			code: trust.ETreeMismatch, files: []string{"mode-changed: scripts/run.sh"}},
		{name: "setuid-added", setup: approved(func(e *env) { os.Chmod(e.path("scripts/run.sh"), 0o755|os.ModeSetuid) }),
			code: trust.ETreeSpecial},
		{name: "crlf", setup: approved(func(e *env) {
			e.write("SKILL.md", strings.ReplaceAll(e.read("SKILL.md"), "\n", "\r\n"))
		}), code: trust.ETreeMismatch, files: []string{"modified: SKILL.md"}},
		{name: "nfc-to-nfd-rename", setup: approved(func(e *env) {
			os.Rename(e.path("references/caf\u00e9.md"), e.path("references/cafe\u0301.md"))
		}), code: trust.ETreePath},
		{name: "case-colliding-pair", setup: approved(func(e *env) {
			e.write("README.md", "a")
			e.write("readme.md", "b")
		}), code: trust.ETreePath},
		{name: "symlink-added", setup: approved(func(e *env) { os.Symlink("/etc/passwd", e.path("passwd")) }),
			code: trust.ETreeSymlink},
		{name: "file-swapped-for-symlink-same-content", setup: approved(func(e *env) {
			data := e.read("scripts/helper.py")
			outside := filepath.Join(e.parent, "helper.py")
			os.WriteFile(outside, []byte(data), 0o644)
			os.Remove(e.path("scripts/helper.py"))
			os.Symlink(outside, e.path("scripts/helper.py"))
		}), code: trust.ETreeSymlink},
		{name: "hard-link", setup: approved(func(e *env) {
			os.Link(e.path("scripts/helper.py"), filepath.Join(e.parent, "outside.py"))
		}), code: trust.ETreeSpecial},
		{name: "fifo", setup: approved(func(e *env) {
			if err := syscall.Mkfifo(e.path("pipe"), 0o644); err != nil {
				e.t.Skip("mkfifo:", err)
			}
		}), code: trust.ETreeSpecial},
		{name: "dotdot-path-in-forged-predicate", setup: func(e *env) {
			st := e.statement()
			st.Predicate.Files = append(st.Predicate.Files, attest.File{Path: "../escape.sh", Size: 1, SHA256: strings.Repeat("0", 64)})
			e.forge("alice", attest.PayloadType, st)
		}, code: trust.ETreePath},
		{name: "forged-file-list-not-matching-subject", setup: func(e *env) {
			st := e.statement()
			st.Predicate.Files = st.Predicate.Files[1:]
			e.forge("alice", attest.PayloadType, st)
		}, code: trust.ESigInvalid},
		{name: "approval-replayed-onto-another-skill", setup: func(e *env) {
			e.approve("alice", nil)
			other := signtest.NewSkill(e.t, e.parent, "other-skill", map[string]string{"SKILL.md": "---\nname: other-skill\n---\n"})
			os.CopyFS(filepath.Join(other, ".skillsig"), os.DirFS(e.path(".skillsig")))
			e.dir, e.name = other, "other-skill"
		}, code: trust.ESubjectMismatch},
		{name: "same-content-under-another-name", setup: func(e *env) {
			e.approve("alice", nil)
			other := filepath.Join(e.parent, "pdf-extract2")
			if err := os.CopyFS(other, os.DirFS(e.dir)); err != nil {
				e.t.Fatal(err)
			}
			os.Chmod(filepath.Join(other, "scripts/run.sh"), 0o755)
			e.dir = other
		}, code: trust.ESubjectMismatch},
		{name: "name-option-overrides-folder", setup: func(e *env) {
			e.approve("alice", nil)
			other := filepath.Join(e.parent, "staged-1234")
			os.CopyFS(other, os.DirFS(e.dir))
			os.Chmod(filepath.Join(other, "scripts/run.sh"), 0o755)
			e.dir = other
			e.opts = append(e.opts, trust.WithSkillName("pdf-extract"))
		}},
		{name: "payload-type-swapped", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) { envelope(m)["payloadType"] = "application/json" })
		}), code: trust.ESigInvalid},
		{name: "predicate-type-swapped", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				editPayload(m, func(s string) string {
					return strings.Replace(s, attest.PredicateType, "https://slsa.dev/provenance/v1", 1)
				})
			})
		}), code: trust.ESigInvalid},
		{name: "predicate-type-signed-other", setup: func(e *env) {
			st := e.statement()
			st.PredicateType = "https://slsa.dev/provenance/v1"
			e.forge("alice", attest.PayloadType, st)
		}, code: trust.ESigInvalid},
		{name: "payload-type-signed-other", setup: func(e *env) {
			e.forge("alice", "application/vnd.cncf.notary.payload", e.statement())
		}, code: trust.ESigInvalid},
		{name: "bundle-edited-after-signing", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				editPayload(m, func(s string) string { return strings.Replace(s, `"verdict":"pass"`, `"verdict":"review"`, 1) })
			})
		}), code: trust.ESigInvalid},
		{name: "capabilities-widened-after-signing", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				editPayload(m, func(s string) string { return strings.Replace(s, `api.example.com:443`, `*`, 1) })
			})
		}), code: trust.ESigInvalid},
		{name: "signature-bytes-edited", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				sigs := envelope(m)["signatures"].([]any)
				sig := sigs[0].(map[string]any)
				raw, _ := base64.StdEncoding.DecodeString(sig["sig"].(string))
				raw[len(raw)-1] ^= 1
				sig["sig"] = base64.StdEncoding.EncodeToString(raw)
			})
		}), code: trust.ESigInvalid},
		{name: "two-signatures-in-one-envelope", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				env := envelope(m)
				sigs := env["signatures"].([]any)
				env["signatures"] = append(sigs, sigs[0])
			})
		}), code: trust.ESigInvalid},
		{name: "hint-pointed-at-other-trusted-key", setup: approved(func(e *env) {
			e.editBundle("alice", func(m map[string]any) {
				m["verificationMaterial"].(map[string]any)["publicKey"] = map[string]any{"hint": signtest.Key(e.t, "bob").ID}
			})
		}), code: trust.ESigInvalid},
		{name: "garbage-bundle", setup: func(e *env) {
			e.write(".skillsig/approvals/x.sigstore.json", "{not json")
		}, code: trust.ESigInvalid},
		{name: "approval-expired", setup: func(e *env) {
			e.approve("alice", func(p *attest.Predicate) { t := signtest.Now.Add(30 * time.Minute); p.ExpiresAt = &t })
		}, code: trust.EApprovalExpired},
		{name: "approval-dated-in-future", setup: func(e *env) {
			e.approve("alice", func(p *attest.Predicate) { p.ApprovedAt = clock.Add(2 * time.Hour) })
		}, code: trust.EApprovalExpired},
		{name: "approval-older-than-max-age", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    maxAge: 30m\n"
			e.approve("alice", nil)
		}, code: trust.EApprovalExpired},
		{name: "key-outside-validity", setup: func(e *env) {
			e.policy = strings.Replace(basePolicy, "      - path: alice.pub\n", "      - path: alice.pub\n        notAfter: 2026-10-01T00:00:00Z\n", 1) + baseRules
			e.approve("alice", nil)
		}, code: trust.EKeyUnknown},
		{name: "key-not-yet-valid", setup: func(e *env) {
			e.policy = strings.Replace(basePolicy, "      - path: alice.pub\n", "      - path: alice.pub\n        notBefore: 2026-11-01T12:30:00Z\n", 1) + baseRules
			e.approve("alice", nil)
		}, code: trust.EKeyUnknown},
		{name: "revoked-key", setup: func(e *env) {
			e.policy += "revocations:\n  keys:\n    - keyID: " + signtest.Key(e.t, "alice").ID + "\n      reason: laptop stolen\n      time: 2026-11-01T00:00:00Z\n"
			e.approve("alice", nil)
		}, code: trust.EKeyRevoked},
		{name: "revoked-key-by-path", setup: func(e *env) {
			e.policy += "revocations:\n  keys:\n    - path: alice.pub\n      reason: laptop stolen\n"
			e.approve("alice", nil)
		}, code: trust.EKeyRevoked},
		{name: "revoked-digest", setup: func(e *env) {
			res := signtest.Approve(e.t, e.dir, e.name, signtest.Key(e.t, "alice"), nil)
			e.policy += "revocations:\n  digests:\n    - digest: " + res.TreeDigest + "\n      reason: backdoor found\n"
		}, code: trust.EDigestRevoked},
		{name: "revoked-bundle", setup: func(e *env) {
			res := signtest.Approve(e.t, e.dir, e.name, signtest.Key(e.t, "alice"), nil)
			e.policy += "revocations:\n  bundles:\n    - digest: " + res.BundleDigest + "\n      reason: approved by mistake\n"
		}, code: trust.EDigestRevoked},
		{name: "key-not-in-policy", setup: func(e *env) { e.approve("dave", nil) }, code: trust.EKeyUnknown},
		{name: "principal-not-an-approver", setup: func(e *env) { e.approve("carol", nil) }, code: trust.EKeyUnknown},
		{name: "rules-downgraded", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    minRulesVersion: 2026.12.0\n"
			e.approve("alice", nil)
		}, code: trust.ERulesDowngrade},
		{name: "scanner-downgraded", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    minScannerVersion: 0.2.0\n"
			e.approve("alice", nil)
		}, code: trust.ERulesDowngrade},
		{name: "verdict-not-allowed", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    allowedVerdicts: [pass]\n"
			e.approve("alice", func(p *attest.Predicate) { p.Verdict = "review" })
		}, code: trust.EVerdict},
		{name: "block-not-allowed-by-default", setup: func(e *env) {
			e.approve("alice", func(p *attest.Predicate) { p.Verdict = "block"; p.AllowedVerdict = "block" })
		}, code: trust.EVerdict},
		{name: "block-without-recorded-override", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    allowedVerdicts: [pass, review, block]\n"
			e.approve("alice", func(p *attest.Predicate) { p.Verdict = "block" })
		}, code: trust.EVerdict},
		{name: "block-with-override-and-policy", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    allowedVerdicts: [pass, review, block]\n"
			e.approve("alice", func(p *attest.Predicate) { p.Verdict = "block"; p.AllowedVerdict = "block" })
		}},
		{name: "scan-report-edited", setup: approved(func(e *env) {
			e.write(".skillsig/scan-report.json", `{"schemaVersion":"1","skills":[ ]}`)
		}), code: trust.ETreeMismatch, files: []string{"modified: .skillsig/scan-report.json"}},
		{name: "scan-report-removed", setup: approved(func(e *env) { os.Remove(e.path(".skillsig/scan-report.json")) }),
			code: trust.ETreeMismatch, files: []string{"removed: .skillsig/scan-report.json"}},
		{name: "no-rule-for-skill", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"other-*\"]\n    approvers: [alice]\n    threshold: 1\n"
			e.approve("alice", nil)
		}, code: trust.ENoApproval},
		{name: "two-keys-of-one-principal-count-once", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice, bob]\n    threshold: 2\n"
			e.approve("bob", nil)
			e.approve("bob2", nil)
		}, code: trust.EThreshold},
		{name: "two-principals-meet-threshold", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice, bob]\n    threshold: 2\n"
			e.approve("alice", nil)
			e.approve("bob2", nil)
		}},
		{name: "bad-second-bundle-ignored-when-threshold-met", setup: func(e *env) {
			e.approve("alice", nil)
			e.write(".skillsig/approvals/junk.sigstore.json", "{}")
		}},
		{name: "policy-expired", setup: func(e *env) {
			e.policy = strings.Replace(e.policy, "version: 1\n", "version: 1\nexpires: 2026-11-01T12:30:00Z\n", 1)
			e.approve("alice", nil)
		}, code: trust.EPolicyExpired},
		{name: "threshold-zero", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 0\n"
			e.approve("alice", nil)
		}, code: trust.EPolicyInvalid},
		{name: "threshold-missing", setup: func(e *env) {
			e.policy = basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n"
			e.approve("alice", nil)
		}, code: trust.EPolicyInvalid},
		{name: "policy-rolled-back", setup: func(e *env) {
			e.approve("alice", nil)
			e.policy = strings.Replace(e.policy, "version: 1\n", "version: 3\n", 1)
			if _, err := e.loadPolicy(); err != nil {
				e.t.Fatal(err)
			}
			e.policy = strings.Replace(e.policy, "version: 3\n", "version: 2\n", 1)
		}, code: trust.EPolicyRollback},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			c.setup(e)
			d, err := e.verify()
			if c.code == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if len(d.Approvers) == 0 {
					t.Fatal("no approvers in decision")
				}
				return
			}
			te, ok := trust.AsError(err)
			if !ok {
				t.Fatalf("Verify error = %v, want *trust.Error %s", err, c.code)
			}
			if te.Code != c.code {
				t.Fatalf("code = %s, want %s (%v)", te.Code, c.code, te)
			}
			if te.Message == "" {
				t.Error("empty message")
			}
			if c.files != nil {
				var got []string
				for _, f := range te.Files {
					got = append(got, f.String())
				}
				if diff := cmp.Diff(sortedCopy(c.files), got); diff != "" {
					t.Errorf("files (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if strings.SplitN(out[j], ": ", 2)[1] < strings.SplitN(out[i], ": ", 2)[1] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestDecisionCarriesCapabilities(t *testing.T) {
	e := newEnv(t)
	e.policy = basePolicy + "rules:\n  - skills: [\"pdf-*\"]\n    approvers: [alice, bob]\n    threshold: 2\n"
	e.approve("alice", nil)
	e.approve("bob", func(p *attest.Predicate) {
		p.Capabilities["network"] = []string{"api.example.com:443", "extra.example.com:443"}
	})
	d, err := e.verify()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"alice", "bob"}, d.Approvers); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]string{"api.example.com:443"}, d.NetworkHosts()); diff != "" {
		t.Errorf("network is the intersection (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"API_TOKEN"}, d.Env()); diff != "" {
		t.Error(diff)
	}
	if d.Rule != "pdf-*" || d.Verdict != "pass" || !strings.HasPrefix(d.Digest, "sha256:") {
		t.Errorf("decision = %+v", d)
	}
}

// The caller's entries are what is verified: a gate that hashed a staged
// copy passes those, and a difference between them and the approval is
// caught even when the folder on disk is unchanged.
func TestVerifyUsesCallerEntries(t *testing.T) {
	e := newEnv(t)
	e.approve("alice", nil)
	p, err := e.loadPolicy()
	if err != nil {
		t.Fatal(err)
	}
	es, err := digest.Tree(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := p.Verify(ctx, e.dir, es, trust.WithClock(func() time.Time { return clock })); err != nil {
		t.Fatal(err)
	}
	es[0] = digest.NewEntry(es[0].Path, []byte("changed in staging"), es[0].Exec)
	_, err = p.Verify(ctx, e.dir, es, trust.WithClock(func() time.Time { return clock }))
	if te, ok := trust.AsError(err); !ok || te.Code != trust.ETreeMismatch {
		t.Fatalf("err = %v, want E_TREE_MISMATCH", err)
	}
	bad := append([]digest.Entry{{Path: "../x", SHA256: strings.Repeat("a", 64)}}, es...)
	_, err = p.Verify(ctx, e.dir, bad)
	if te, ok := trust.AsError(err); !ok || te.Code != trust.ETreePath {
		t.Fatalf("err = %v, want E_TREE_PATH", err)
	}
}

func TestSmallestPolicy(t *testing.T) {
	e := newEnv(t)
	e.policy = `apiVersion: skillgate.dev/v1
kind: TrustPolicy
version: 1
principals:
  - id: alice
    keys:
      - path: alice.pub        # relative to this file; or publicKey: "<PEM>"
rules:
  - skills: ["*"]              # glob on the skill name
    approvers: [alice]
    threshold: 1
`
	e.approve("alice", nil)
	if _, err := e.verify(); err != nil {
		t.Fatal(err)
	}
}

func TestInlinePublicKey(t *testing.T) {
	e := newEnv(t)
	pem := signtest.PublicPEM(t, signtest.Key(t, "alice"))
	e.policy = "apiVersion: skillgate.dev/v1\nkind: TrustPolicy\nversion: 1\nprincipals:\n  - id: alice\n    keys:\n      - publicKey: |\n" +
		indent(pem, "          ") + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n"
	e.approve("alice", nil)
	if _, err := e.verify(); err != nil {
		t.Fatal(err)
	}
}

func indent(s, pre string) string {
	var b bytes.Buffer
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			b.WriteString(pre + l)
		}
	}
	return b.String()
}

func TestPolicyInvalid(t *testing.T) {
	cases := map[string]string{
		"unknown-field":        basePolicy + baseRules + "extra: 1\n",
		"wrong-kind":           strings.Replace(basePolicy, "TrustPolicy", "Policy", 1) + baseRules,
		"version-zero":         strings.Replace(basePolicy, "version: 1", "version: 0", 1) + baseRules,
		"unknown-approver":     basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [mallory]\n    threshold: 1\n",
		"threshold-too-high":   basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 2\n",
		"bad-glob":             basePolicy + "rules:\n  - skills: [\"[\"]\n    approvers: [alice]\n    threshold: 1\n",
		"missing-key-file":     strings.Replace(basePolicy, "alice.pub", "nope.pub", 1) + baseRules,
		"duplicate-key":        strings.Replace(basePolicy, "bob2.pub", "alice.pub", 1) + baseRules,
		"keyless-no-root":      basePolicy + "  - id: ci\n    keys:\n      - keyless: {issuer: https://issuer.example, subject: ci@example.com}\n" + baseRules,
		"revocation-no-reason": basePolicy + baseRules + "revocations:\n  digests:\n    - digest: sha256:" + strings.Repeat("a", 64) + "\n",
		"two-documents":        basePolicy + baseRules + "---\n" + basePolicy,
		"bad-max-age":          basePolicy + "rules:\n  - skills: [\"*\"]\n    approvers: [alice]\n    threshold: 1\n    maxAge: soon\n",
	}
	for name, pol := range cases {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			e.policy = pol
			_, err := e.loadPolicy()
			if te, ok := trust.AsError(err); !ok || te.Code != trust.EPolicyInvalid {
				t.Fatalf("err = %v, want E_POLICY_INVALID", err)
			}
		})
	}
}

func TestRollbackState(t *testing.T) {
	e := newEnv(t)
	for _, v := range []string{"1", "2", "2", "5"} {
		e.policy = strings.Replace(basePolicy, "version: 1", "version: "+v, 1) + baseRules
		if _, err := e.loadPolicy(); err != nil {
			t.Fatalf("version %s: %v", v, err)
		}
	}
	e.policy = strings.Replace(basePolicy, "version: 1", "version: 4", 1) + baseRules
	if _, err := e.loadPolicy(); err == nil {
		t.Fatal("version 4 after 5 accepted")
	}
	e.popts = []trust.PolicyOption{trust.WithoutRollbackCheckUnsafe()}
	if _, err := trust.LoadPolicy(filepath.Join(e.polDir, "trust.yaml"), trust.WithoutRollbackCheckUnsafe()); err != nil {
		t.Fatalf("unsafe option: %v", err)
	}
	_, err := trust.LoadPolicy(filepath.Join(e.polDir, "trust.yaml"), trust.WithoutRollbackCheckUnsafe(), trust.WithStateFile("x"))
	if err == nil {
		t.Fatal("contradictory options accepted")
	}
}
