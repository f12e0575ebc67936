package knowledge

import (
	"strings"

	"skillgate.dev/skillgate/internal/lazyre"
)

// secretEnvRE matches environment variable names that hold secrets.
var secretEnvRE = lazyre.New(`(?i)(token|secret|passw(or)?d|passwd|pwd|api_?key|access_?key|private_?key|credential|auth|session|cookie|_key$|^key$|webhook)`)

// SecretEnv reports whether an environment variable name looks like it
// holds a secret (API keys, tokens, passwords).
func SecretEnv(name string) bool {
	switch strings.ToUpper(name) {
	case "PATH", "HOME", "USER", "SHELL", "LANG", "TERM", "PWD", "TMPDIR", "TZ", "HOSTNAME", "LOGNAME", "EDITOR", "CI":
		return false
	}
	return secretEnvRE.R().MatchString(name)
}

// NetworkClients are programs whose job is to send or fetch over the
// network.
var NetworkClients = map[string]bool{
	"curl": true, "wget": true, "nc": true, "ncat": true, "netcat": true, "socat": true,
	"telnet": true, "ssh": true, "scp": true, "sftp": true, "rsync": true, "ftp": true,
	"http": true, "https": true, "xh": true, "aria2c": true, "dig": true, "nslookup": true,
	"host": true, "drill": true, "openssl": true, "tftp": true, "smbclient": true, "gh": false,
	"invoke-webrequest": true, "iwr": true, "invoke-restmethod": true, "irm": true, "lwp-download": true,
	"fetch": true, "axel": true, "powershell": false,
}

// Interpreters run code given on stdin or as an argument.
var Interpreters = map[string]bool{
	"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "ash": true, "fish": true, "csh": true, "tcsh": true,
	"python": true, "python2": true, "python3": true, "pypy": true, "pypy3": true, "perl": true, "ruby": true,
	"node": true, "nodejs": true, "deno": true, "bun": true, "php": true, "lua": true, "pwsh": true,
	"powershell": true, "osascript": true, "tclsh": true, "awk": false, "source": true, ".": true, "eval": true,
}

// Miners are cryptocurrency mining programs.
var minerRE = lazyre.New(`(?i)^(xmrig|xmr-stak|xmr-stak-rx|cpuminer|cpuminer-multi|minerd|ccminer|cgminer|bfgminer|ethminer|nbminer|t-rex|phoenixminer|lolminer|nanominer|gminer|teamredminer|srbminer|srbminer-multi|xmrig-nvidia|xmrig-amd|kdevtmpfsi|kinsing)(\.exe)?$`)

// Miner reports whether a program name is a known miner.
func Miner(prog string) bool {
	i := strings.LastIndexAny(prog, `/\`)
	return minerRE.R().MatchString(prog[i+1:])
}

// Program returns the base name of a command path, lower-cased
// ("/usr/bin/Python3" -> "python3").
func Program(cmd string) string {
	i := strings.LastIndexAny(cmd, `/\`)
	return strings.ToLower(cmd[i+1:])
}

// Interpreter reports whether a program runs code it is given, allowing
// versioned names such as python3.11 or node20.
func Interpreter(prog string) bool {
	p := Program(prog)
	if Interpreters[p] {
		return true
	}
	t := strings.TrimRight(p, "0123456789.")
	return t != p && Interpreters[t]
}

// PipeToInterpreter finds "netclient … | interpreter" in a shell line.
func PipeToInterpreter(script string) (from, to string) {
	for _, stmt := range strings.FieldsFunc(script, func(r rune) bool { return r == ';' || r == '\n' || r == '&' }) {
		segs := strings.Split(stmt, "|")
		client := ""
		for i, seg := range segs {
			w := strings.Fields(strings.TrimLeft(seg, "( "))
			if len(w) == 0 {
				continue
			}
			prog := Program(strings.Trim(w[0], "()"))
			if i > 0 && client != "" && Interpreter(prog) {
				return client, prog
			}
			if NetworkClients[prog] {
				client = prog
			}
		}
	}
	return "", ""
}

// CredentialCommand reports a command line that prints a stored secret —
// a keychain entry, a CLI's access token, a password manager item — and
// says what it prints. argv[0] is the program's base name.
func CredentialCommand(argv []string) (string, bool) {
	if len(argv) < 2 {
		return "", false
	}
	has := func(xs ...string) bool {
		for _, x := range xs {
			for _, a := range argv[1:] {
				if a == x {
					return true
				}
			}
		}
		return false
	}
	switch argv[0] {
	case "security":
		if has("find-generic-password", "find-internet-password") && has("-w", "-g", "-gw", "-wa") || has("dump-keychain") && has("-d") {
			return "a macOS keychain password (security)", true
		}
	case "secret-tool":
		if has("lookup") {
			return "a secret from the desktop keyring (secret-tool lookup)", true
		}
	case "gh":
		if has("auth") && has("token") {
			return "the GitHub CLI's token (gh auth token)", true
		}
	case "gcloud":
		if has("print-access-token", "print-identity-token") {
			return "a Google Cloud access token (gcloud auth print-access-token)", true
		}
	case "az":
		if has("get-access-token") {
			return "an Azure access token (az account get-access-token)", true
		}
	case "aws":
		if has("get-login-password", "get-session-token") || has("configure") && has("get") && has("aws_secret_access_key", "aws_session_token") {
			return "AWS credentials (aws CLI)", true
		}
	case "op":
		if has("read") || has("item") && has("get") {
			return "a 1Password secret (op)", true
		}
	case "pass", "gopass":
		if has("show") {
			return "a password-store secret (pass)", true
		}
	case "kubectl":
		if has("config") && has("view") && has("--raw") {
			return "the Kubernetes config with its credentials (kubectl config view --raw)", true
		}
	case "git":
		if has("credential") && has("fill") {
			return "a stored git credential (git credential fill)", true
		}
	case "vault":
		if has("print") && has("token") {
			return "the Vault token (vault print token)", true
		}
	}
	return "", false
}
