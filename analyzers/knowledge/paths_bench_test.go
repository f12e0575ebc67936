package knowledge

import "testing"

var benchPaths = []string{
	"scripts/run.sh", "data/output.csv", "/tmp/build/app.tar.gz", "$HOME/.cache/pip", "README.md",
	"~/.aws/credentials", "src/index.ts", "/usr/local/bin/tool", "~/.config/google-chrome/Default/Cookies",
	"node_modules/.bin/eslint", "~/.bashrc", "/var/log/app.log", "$SKILL_DIR/templates/page.html",
}

func BenchmarkClassifyPath(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, p := range benchPaths {
			ClassifyPath(p)
		}
	}
}

// TestClassifyPrefilter checks that no rule's prefilter rejects a path
// its regexp matches.
func TestClassifyPrefilter(t *testing.T) {
	paths := append([]string{}, benchPaths...)
	paths = append(paths, "~/.ssh/id_rsa", "/etc/shadow", ".env", "x/.env.local", "~/.claude/settings.json", "/var/run/docker.sock",
		"~/.electrum/wallets/default", "~/.config/systemd/user/a.service", ".git/hooks/pre-push", "skills/other/SKILL.md", "notes.txt",
		"/run/containerd/containerd.sock", "~/.netrc", "_netrc", "wallet.dat", "~/library/keychains/login.keychain-db", "my_private-key.pem",
		"~/.config/gh/hosts.yml", "/etc/ld.so.preload", "~/.mozilla/firefox/x.default/logins.json", "crontab", "/var/spool/cron/root")
	hits := 0
	for _, p := range paths {
		n := NormalizePath(p)
		for i, r := range pathRules() {
			if r.re.MatchString(n) {
				hits++
				if !pathLitsVal[i].rules(n) {
					t.Errorf("%q: rule %q matches but its prefilter %q rejects it", p, r.re, pathLitsVal[i])
				}
			}
		}
	}
	if hits < 20 {
		t.Fatalf("only %d rule matches: the test paths no longer exercise the rules", hits)
	}
	filtered := 0
	for _, l := range pathLitsVal {
		if l != nil {
			filtered++
		}
	}
	if filtered < len(pathRules())/2 {
		t.Errorf("only %d of %d rules have a prefilter", filtered, len(pathRules()))
	}
}

// BenchmarkClassifyPathNoPrefilter is the rule loop without the literal
// prefilter, for comparison with BenchmarkClassifyPath.
func BenchmarkClassifyPathNoPrefilter(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, p := range benchPaths {
			n := NormalizePath(p)
			for _, r := range pathRules() {
				if r.re.MatchString(n) {
					break
				}
			}
		}
	}
}
