package knowledge

import "testing"

func TestClassifyHost(t *testing.T) {
	tests := []struct {
		in   string
		kind HostKind
		host string
	}{
		{"https://discord.com/api/webhooks/1/x", Webhook, "discord.com"},
		{"https://discord.com/channels/1/2", Ordinary, "discord.com"},
		{"https://api.telegram.org/bot123:abc/sendMessage", Webhook, "api.telegram.org"},
		{"https://hooks.slack.com/services/T/B/x", Webhook, "hooks.slack.com"},
		{"https://webhook.site/abc", RequestBin, "webhook.site"},
		{"https://eo1.m.pipedream.net", RequestBin, "eo1.m.pipedream.net"},
		{"pastebin.com/raw/x", Paste, "pastebin.com"},
		{"https://abc.ngrok-free.app/x", Tunnel, "abc.ngrok-free.app"},
		{"https://transfer.sh/x", FileDrop, "transfer.sh"},
		{"http://203.0.113.5:8080/x", RawIP, "203.0.113.5"},
		{"203.0.113.5:4444", RawIP, "203.0.113.5"},
		{"http://127.0.0.1:8080", Internal, "127.0.0.1"},
		{"10.0.0.1", Internal, "10.0.0.1"},
		{"http://localhost:3000", Internal, "localhost"},
		{"http://169.254.169.254/latest/meta-data", Metadata, "169.254.169.254"},
		{"metadata.google.internal", Metadata, "metadata.google.internal"},
		{"https://API.GitHub.com/user", Ordinary, "api.github.com"},
		{"notwebhook.site.example.com", Ordinary, "notwebhook.site.example.com"},
		{"", Ordinary, ""},
		{"http://[::1]:80/", Internal, "::1"},
	}
	for _, tc := range tests {
		kind, host := ClassifyHost(tc.in)
		if kind != tc.kind || host != tc.host {
			t.Errorf("ClassifyHost(%q) = %q, %q; want %q, %q", tc.in, kind, host, tc.kind, tc.host)
		}
	}
	if !IsStratum("stratum+tcp://pool:3333") || IsStratum("https://stratum.example") {
		t.Error("IsStratum misjudges")
	}
}

func TestClassifyPath(t *testing.T) {
	tests := []struct {
		in   string
		kind TargetKind
		ok   bool
	}{
		{"~/.ssh/id_rsa", Credential, true},
		{"$HOME/.aws/credentials", Credential, true},
		{"/home/alice/.aws/credentials", Credential, true},
		{`%USERPROFILE%\.ssh\id_ed25519`, Credential, true},
		{"~/.clawdbot/.env", Credential, true},
		{".env", Credential, true},
		{"config/.env.example", "", false},
		{"~/.config/google-chrome/Default/Login Data", BrowserWallet, true},
		{"~/.bashrc", Persistence, true},
		{"/etc/cron.d/job", Persistence, true},
		{"~/.ssh/authorized_keys", Credential, true},
		{"~/.claude/settings.json", AgentConfig, true},
		{"/workspace/agent/.claude/skills/other/SKILL.md", OtherSkill, true},
		{"/var/run/docker.sock", DockerSocket, true},
		{"/etc/shadow", SystemSecret, true},
		{"scripts/build.sh", "", false},
		{".", "", false},
	}
	for _, tc := range tests {
		got, ok := ClassifyPath(tc.in)
		if ok != tc.ok || got.Kind != tc.kind {
			t.Errorf("ClassifyPath(%q) = %+v, %v; want %q, %v", tc.in, got, ok, tc.kind, tc.ok)
		}
	}
}

func TestNames(t *testing.T) {
	for name, want := range map[string]bool{"GITHUB_TOKEN": true, "AWS_SECRET_ACCESS_KEY": true, "OPENAI_API_KEY": true, "DB_PASSWORD": true, "PATH": false, "HOME": false, "LANG": false, "COLUMNS": false} {
		if SecretEnv(name) != want {
			t.Errorf("SecretEnv(%q) = %v", name, !want)
		}
	}
	for prog, want := range map[string]bool{"bash": true, "/usr/bin/python3.11": true, "node20": true, "curl": false, "awk": false} {
		if Interpreter(prog) != want {
			t.Errorf("Interpreter(%q) = %v", prog, !want)
		}
	}
	for prog, want := range map[string]bool{"xmrig": true, "/tmp/XMRig.exe": true, "cpuminer-multi": true, "git": false} {
		if Miner(prog) != want {
			t.Errorf("Miner(%q) = %v", prog, !want)
		}
	}
	if Program(`C:\Tools\Python3.EXE`) != "python3.exe" {
		t.Error("Program misparses a Windows path")
	}
}

// TestSSHPublicMaterial: the SSH client config is a persistence target
// (ProxyCommand), not a credential; known_hosts and public keys are not
// sensitive; private keys are.
func TestSSHPublicMaterial(t *testing.T) {
	for p, want := range map[string]TargetKind{
		"~/.ssh/config":          Persistence,
		"$HOME/.ssh/config":      Persistence,
		"~/.ssh/known_hosts":     "",
		"~/.ssh/id_ed25519.pub":  "",
		"~/.ssh/id_ed25519":      Credential,
		"/root/.ssh/id_rsa":      Credential,
		"~/.ssh":                 Credential,
		"~/.ssh/authorized_keys": Credential,
	} {
		got, _ := ClassifyPath(p)
		if got.Kind != want {
			t.Errorf("ClassifyPath(%q) = %q, want %q", p, got.Kind, want)
		}
	}
}
