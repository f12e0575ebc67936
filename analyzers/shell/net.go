package shell

import (
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// Options of download tools that take a value.
var (
	curlValueOpts = map[string]bool{"-o": true, "--output": true, "-d": true, "--data": true, "--data-binary": true, "--data-raw": true, "--data-urlencode": true, "--data-ascii": true, "--json": true, "-H": true, "--header": true, "-F": true, "--form": true, "--form-string": true, "-T": true, "--upload-file": true, "-u": true, "--user": true, "-X": true, "--request": true, "-A": true, "--user-agent": true, "-e": true, "--referer": true, "-x": true, "--proxy": true, "-w": true, "--write-out": true, "-b": true, "--cookie": true, "-c": true, "--cookie-jar": true, "-K": true, "--config": true, "--connect-timeout": true, "-m": true, "--max-time": true, "--retry": true, "-r": true, "--range": true, "-C": true, "-E": true, "--cert": true, "--key": true, "--cacert": true, "-z": true, "--url": true, "--resolve": true, "--retry-delay": true, "--retry-max-time": true, "-Y": true, "-y": true, "--oauth2-bearer": true, "--output-dir": true, "--create-dirs": false}
	curlSendOpts  = map[string]bool{"-d": true, "--data": true, "--data-binary": true, "--data-raw": true, "--data-urlencode": true, "--data-ascii": true, "--json": true, "-H": true, "--header": true, "-F": true, "--form": true, "--form-string": true, "-T": true, "--upload-file": true, "-u": true, "--user": true, "-b": true, "--cookie": true, "--oauth2-bearer": true, "-e": true, "--referer": true, "-A": true, "--user-agent": true}
	wgetValueOpts = map[string]bool{"-O": true, "--output-document": true, "-o": true, "--output-file": true, "-P": true, "--directory-prefix": true, "--header": true, "--post-data": true, "--post-file": true, "--body-data": true, "--body-file": true, "-U": true, "--user-agent": true, "-i": true, "--input-file": true, "-t": true, "--tries": true, "-T": true, "--timeout": true, "--user": true, "--password": true, "--method": true}
	wgetSendOpts  = map[string]bool{"--header": true, "--post-data": true, "--post-file": true, "--body-data": true, "--body-file": true, "--user": true, "--password": true, "-U": true, "--user-agent": true}
	// fileOpts name a file whose contents are sent.
	fileOpts = map[string]bool{"--post-file": true, "--body-file": true, "-T": true, "--upload-file": true}
	// authOpts carry credentials the way an API expects them.
	authOpts = map[string]bool{"-H": true, "--header": true, "-u": true, "--user": true, "--oauth2-bearer": true, "--password": true, "-b": true, "--cookie": true}
	urlRE    = lazyre.New(`^[a-zA-Z][a-zA-Z0-9+.-]*://`)
)

// splitOpt returns an option and its attached value ("--data=x", "-dx").
func splitOpt(s string, valued map[string]bool) (opt, val string, attached bool) {
	if strings.HasPrefix(s, "--") {
		if i := strings.IndexByte(s, '='); i > 0 {
			return s[:i], s[i+1:], true
		}
		return s, "", false
	}
	if len(s) > 2 && s[0] == '-' && valued[s[:2]] {
		return s[:2], s[2:], true
	}
	return s, "", false
}

// fetch handles curl, wget and similar download tools.
func (w *walker) fetch(name string, cmd arg, rest []arg, ctx cmdCtx) flow {
	valued, sendOpts := curlValueOpts, curlSendOpts
	if name == "wget" {
		valued, sendOpts = wgetValueOpts, wgetSendOpts
	}
	var urls []arg
	var sends []arg
	outFile, remoteName, toStdout := "", false, name != "wget"
	var outArg *arg
	readsStdin := false
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		s := a.v.s
		if strings.HasPrefix(s, "-") && len(s) > 1 {
			opt, val, att := splitOpt(s, valued)
			var va arg
			if att {
				va = arg{w: a.w, v: value{s: val, known: a.v.known, t: a.v.t, steps: a.v.steps}}
			} else if valued[opt] && i+1 < len(rest) {
				i++
				va = rest[i]
			} else if !strings.HasPrefix(s, "--") && name == "wget" && strings.HasSuffix(s, "O") && i+1 < len(rest) && isLetters(s[1:]) {
				opt = "-O"
				i++
				va = rest[i]
			} else if !strings.HasPrefix(s, "--") && name != "wget" && strings.HasSuffix(s, "o") && i+1 < len(rest) && isLetters(s[1:]) {
				opt = "-o"
				i++
				va = rest[i]
			} else {
				if name != "wget" && (opt == "-O" || opt == "--remote-name" || (!strings.HasPrefix(s, "--") && strings.Contains(s, "O") && isLetters(s[1:]))) {
					remoteName, toStdout = true, false
				}
				if name == "wget" && strings.HasPrefix(s, "-") && strings.HasSuffix(s, "O-") {
					toStdout = true
				}
				continue
			}
			switch {
			case name != "wget" && (opt == "-o" || opt == "--output"):
				outFile, toStdout = va.v.s, va.v.s == "-"
				c := va
				outArg = &c
			case name == "wget" && (opt == "-O" || opt == "--output-document"):
				outFile, toStdout = va.v.s, va.v.s == "-"
				c := va
				outArg = &c
			case opt == "--url":
				urls = append(urls, va)
			case sendOpts[opt]:
				if authOpts[opt] {
					va.auth = true
				}
				if fileOpts[opt] {
					va.file = true
				}
				sends = append(sends, va)
				if va.v.s == "@-" || va.v.s == "-" && (opt == "-T" || opt == "--upload-file") || strings.HasSuffix(va.v.s, "=@-") || strings.HasSuffix(va.v.s, "=<-") {
					readsStdin = true
				}
			}
			continue
		}
		urls = append(urls, a)
	}
	var dest knowledge.HostKind
	destHost := ""
	plain := false
	for _, u := range urls {
		h := "*"
		if urlRE.R().MatchString(u.v.s) || u.v.known {
			if hh := knowledge.Host(u.v.s); hh != "" && !strings.ContainsAny(hh, "$(…") {
				h = hh
			}
		}
		if strings.HasPrefix(strings.ToLower(u.v.s), "http://") {
			plain = true
		}
		k, _ := knowledge.ClassifyHost(u.v.s)
		if k != knowledge.Ordinary {
			dest = k
		}
		if destHost == "" {
			destHost = h
		}
		w.capability(u.w, finding.CapNetwork, h)
		sends = append(sends, u)
	}
	if destHost == "" {
		destHost = "*"
	}
	sink := name + " to " + display(destHost)
	w.netUses = append(w.netUses, netUse{name, w.step(cmd.w, "sends data with %s", sink)})
	// What is sent.
	for _, s := range sends {
		f := s.v.flow()
		if p, ok := uploadPath(s.v.s); ok && p != "-" || s.file && s.v.s != "-" {
			if s.file {
				p = s.v.s
			}
			f.merge(w.readPath(s.w, value{s: p, known: s.v.known}, name))
		}
		if w.planted && !s.auth && f.t&tSecretEnv != 0 && dest == knowledge.Ordinary {
			// Code the skill planted to run later (a git hook) has no
			// API of its own to authenticate to: a secret it puts in
			// a request body or URL leaves the machine.
			w.exfiltrate(s.w, f, sink)
			continue
		}
		w.sendCheck(s.w, f, dest, sink)
	}
	if readsStdin {
		w.sendCheck(cmd.w, ctx.in, dest, sink)
	}
	urlText := ""
	if len(urls) > 0 {
		urlText = display(urls[0].v.s)
	}
	st := w.step(cmd.w, "downloads %s", urlText)
	out := flow{t: tNet, steps: []finding.Step{st}}
	if plain {
		out.t |= tPlain
	}
	switch {
	case outFile != "" && outFile != "-":
		w.downloads[fileKey(outFile)] = download{step: w.step(outArg.w, "downloads %s to %s", urlText, display(outFile)), plain: plain}
		return flow{}
	case remoteName || name == "wget" && !toStdout:
		for _, u := range urls {
			b := path.Base(strings.SplitN(strings.SplitN(u.v.s, "?", 2)[0], "#", 2)[0])
			if b != "" && b != "." && b != "/" {
				w.downloads[fileKey(b)] = download{step: w.step(u.w, "downloads %s to %s", display(u.v.s), b), plain: plain}
			}
		}
		return flow{}
	}
	return out
}

// uploadPath returns the file an upload argument names (@file, name=@file, name=<file).
func uploadPath(s string) (string, bool) {
	if p, ok := strings.CutPrefix(s, "@"); ok {
		return p, true
	}
	if i := strings.Index(s, "=@"); i > 0 && !strings.ContainsAny(s[:i], " /") {
		return s[i+2:], true
	}
	if i := strings.Index(s, "=<"); i > 0 && !strings.ContainsAny(s[:i], " /") {
		return s[i+2:], true
	}
	return "", false
}

// sendCheck reports sensitive data in something sent over the network.
func (w *walker) sendCheck(n syntax.Node, f flow, dest knowledge.HostKind, sink string) {
	switch {
	case f.t&sensitive != 0:
	case f.t&tSecretEnv != 0 && dest != knowledge.Ordinary && dest != knowledge.Internal:
	default:
		return
	}
	w.exfiltrate(n, f, sink)
}

func (w *walker) exfiltrate(n syntax.Node, f flow, sink string) {
	w.exfil = true
	w.envUsed(f, "sent with "+sink)
	tr := append(append(finding.Trace{}, f.steps...), w.step(n, "sent with %s", sink))
	w.report(n, "SG3001", 0, tr, "%s reaches %s", f.t.describe(), sink)
}

// socket handles nc, ncat, socat, telnet and openssl s_client.
func (w *walker) socket(name string, cmd arg, rest []arg, ctx cmdCtx) {
	strs := make([]string, len(rest))
	for i, a := range rest {
		strs[i] = a.v.s
	}
	joined := strings.ToLower(strings.Join(strs, " "))
	listen := hasOpt(strs, "-l", "--listen", "-L") || strings.Contains(joined, "-listen:") || strings.Contains(joined, "listen")
	execs := hasOpt(strs, "-e", "-c", "--exec", "--sh-exec", "--lua-exec")
	switch name {
	case "socat":
		execs = strings.Contains(joined, "exec:") || strings.Contains(joined, "system:")
	case "openssl":
		execs, listen = false, contains(strs, "s_server")
	}
	host := ""
	for _, a := range positional(rest) {
		s := a.v.s
		if name == "socat" {
			l := strings.ToLower(s)
			for _, p := range []string{"tcp:", "tcp4:", "tcp6:", "openssl:", "udp:"} {
				if strings.HasPrefix(l, p) {
					host = strings.Split(s[len(p):], ",")[0]
				}
			}
			continue
		}
		if host == "" && !isNumber(s) {
			host = s
		} else if host != "" && isNumber(s) {
			host += ":" + s
			break
		}
	}
	if name == "openssl" {
		if i := indexOf(strs, "-connect"); i >= 0 && i+1 < len(strs) {
			host = strs[i+1]
		}
	}
	if host != "" {
		w.capability(cmd.w, finding.CapNetwork, host)
	}
	if execs {
		if listen {
			w.report(cmd.w, "SG2005", 0, nil, "bind shell: %s listens and hands connections to a program", name)
		} else {
			w.report(cmd.w, "SG2004", 0, nil, "reverse shell: %s connects to %s and hands it a program", name, display(orStar(host)))
		}
		return
	}
	sink := name + " to " + display(orStar(host))
	w.netUses = append(w.netUses, netUse{name, w.step(cmd.w, "sends data with %s", sink)})
	w.sendCheck(cmd.w, ctx.in, knowledge.RawIP, sink)
}

func orStar(s string) string {
	if s == "" {
		return "*"
	}
	return s
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// copyRemote handles scp/rsync/sftp: local credential files copied to a
// remote destination are exfiltration.
func (w *walker) copyRemote(name string, cmd arg, rest []arg, ctx cmdCtx) {
	files := positional(rest)
	var f flow
	remote := ""
	for _, a := range files {
		if strings.Contains(a.v.s, ":") && !strings.HasPrefix(a.v.s, "/") {
			remote = a.v.s
			continue
		}
		f.merge(w.readPath(a.w, a.v, name))
	}
	if remote == "" {
		return
	}
	host := remote[:strings.IndexByte(remote, ':')]
	if i := strings.IndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	w.capability(cmd.w, finding.CapNetwork, host)
	sink := name + " to " + display(host)
	w.netUses = append(w.netUses, netUse{name, w.step(cmd.w, "sends data with %s", sink)})
	if f.t&sensitive != 0 {
		w.exfiltrate(cmd.w, f, sink)
	}
}

var dynLabel = lazyre.New(`(\$\(…\)|\$[A-Za-z_][A-Za-z0-9_]*|\})\.[A-Za-z0-9-]+\.`)

// dns reports data placed into the labels of a looked-up name.
func (w *walker) dns(name string, cmd arg, rest []arg, ctx cmdCtx) {
	for _, a := range positional(rest) {
		if strings.HasPrefix(a.v.s, "+") {
			continue
		}
		if a.v.known || strings.HasPrefix(a.v.s, "@") {
			if !a.v.known {
				continue
			}
			w.capability(a.w, finding.CapNetwork, a.v.s)
			continue
		}
		if !dynLabel.R().MatchString(a.v.s) {
			continue
		}
		if a.v.t&(sensitive|tSecretEnv|tDecoded) == 0 && !strings.Contains(a.v.s, "$(…)") {
			continue
		}
		tr := append(append(finding.Trace{}, a.v.steps...), w.step(a.w, "looked up with %s", name))
		w.exfil = true
		w.report(a.w, "SG3004", 0, tr, "data is encoded into a DNS lookup: %s %s", name, finding.ShortSnippet(a.v.s, 60))
	}
}

// chmod handles setuid bits and executable bits on downloaded files.
func (w *walker) chmod(cmd arg, rest []arg) {
	pos := positional(rest)
	var mode string
	var files []arg
	for i, a := range rest {
		if i == 0 || mode == "" && !strings.HasPrefix(a.v.s, "-") || mode == "" && strings.HasPrefix(a.v.s, "-") && len(a.v.s) > 1 && strings.ContainsAny(a.v.s[1:2], "rwxst") {
			if mode == "" && (setuidMode.R().MatchString(a.v.s) || execMode.R().MatchString(a.v.s) || strings.ContainsAny(a.v.s, "+=-") && !strings.HasPrefix(a.v.s, "--")) {
				mode = a.v.s
				continue
			}
		}
	}
	for _, a := range pos {
		if a.v.s != mode {
			files = append(files, a)
		}
	}
	if mode == "" {
		return
	}
	if setuidMode.R().MatchString(mode) {
		w.report(cmd.w, "SG2011", 0, nil, "sets the setuid/setgid bit (chmod %s)", mode)
	}
	if !execMode.R().MatchString(mode) {
		return
	}
	for _, f := range files {
		key := fileKey(f.v.s)
		if d, ok := w.downloads[key]; ok {
			st := w.step(f.w, "chmod %s %s", mode, display(f.v.s))
			d.chmod = &st
			d.chmodName = display(f.v.s)
			w.downloads[key] = d
			continue
		}
		// A file the script wrote itself and then makes executable: its
		// content was produced at run time, not reviewed with the skill.
		if wr, ok := w.written[key]; ok && !w.extract {
			tr := finding.Trace{wr, w.step(f.w, "chmod %s %s", mode, display(f.v.s))}
			w.capability(f.w, finding.CapFilesWritten, display(f.v.s))
			w.report(f.w, "SG4003", 0, tr, "writes an executable file %s", display(f.v.s))
		}
	}
}

// readPath classifies a path a command reads.
func (w *walker) readPath(n syntax.Node, v value, how string) flow {
	if w.extract || n == nil || v.s == "" || v.s == "-" || strings.HasPrefix(v.s, "/dev/") {
		return flow{}
	}
	t, ok := w.classify(display(v.s))
	if !ok {
		return flow{}
	}
	var tt taint
	rule := ""
	switch t.Kind {
	case knowledge.Credential, knowledge.SystemSecret:
		tt, rule = tCred, "SG5001"
	case knowledge.BrowserWallet:
		tt, rule = tBrowser, "SG5002"
	default:
		return flow{}
	}
	p := display(v.s)
	st := w.step(n, "reads %s (%s)", p, t.What)
	norm := knowledge.NormalizePath(p)
	// A .env or credentials file next to the script is the skill's own
	// configuration: it still taints what it flows into, but reading it
	// is not a finding on its own.
	home := strings.HasPrefix(norm, "~") || strings.HasPrefix(norm, "/")
	if home {
		w.capability(n, finding.CapFilesRead, p)
		w.credReads = append(w.credReads, st)
		if rule == "SG5001" {
			w.report(n, rule, 0, nil, "reads the credential store %s (%s)", p, t.What)
		} else {
			w.report(n, rule, 0, nil, "reads %s (%s)", p, t.What)
		}
	}
	return flow{t: tt, steps: []finding.Step{st}}
}

// copyCommands move or copy files that already exist.
var copyCommands = map[string]bool{"cp": true, "mv": true, "install": true, "rsync": true, "ln": true, "scp": true}

// writePath classifies a path a command writes.
func (w *walker) writePath(n syntax.Node, v value, how string, content flow) {
	if w.extract || n == nil || v.s == "" {
		return
	}
	p := display(v.s)
	// Only content the script produces counts (redirection, tee, dd,
	// sed -i): a copy of an existing or built file is not new code.
	if key := fileKey(v.s); key != "" && !strings.HasPrefix(v.s, "/dev/") && !copyCommands[how] {
		if _, seen := w.written[key]; !seen {
			w.written[key] = w.step(n, "%s writes %s", how, p)
		}
	}
	norm := knowledge.NormalizePath(p)
	var t knowledge.Target
	ok := false
	if path.Base(norm) == "authorized_keys" || path.Base(norm) == "authorized_keys2" {
		t, ok = knowledge.Target{Kind: knowledge.Persistence, What: "SSH authorized_keys"}, true
	} else {
		t, ok = w.classify(p)
	}
	if !ok {
		return
	}
	rule := ""
	switch t.Kind {
	case knowledge.Persistence:
		rule = "SG4001"
	case knowledge.AgentConfig, knowledge.OtherSkill:
		rule = "SG4002"
		// The skill's own files (SKILL.md, memory.md beside the script)
		// are not the agent's configuration.
		if !strings.HasPrefix(norm, "~") && !strings.HasPrefix(norm, "/") && !strings.Contains(norm, ".claude") && !strings.Contains(norm, ".openclaw") && !strings.Contains(norm, "skills/") {
			return
		}
	default:
		return
	}
	w.capability(n, finding.CapFilesWritten, p)
	tr := append(append(finding.Trace{}, content.steps...), w.step(n, "%s writes %s", how, p))
	w.report(n, rule, 0, tr, "writes to %s: %s", t.What, p)
}

type classified struct {
	t  knowledge.Target
	ok bool
}

// classify is knowledge.ClassifyPath for words that look like paths,
// memoised per script (scripts repeat their paths).
func (w *walker) classify(p string) (knowledge.Target, bool) {
	if !strings.ContainsAny(p, "/~") && !strings.HasPrefix(p, ".") && !strings.Contains(p, "$HOME") && !strings.Contains(p, "credentials") {
		return knowledge.Target{}, false
	}
	// Paths inside the skill (under $SKILL_DIR or the script's folder)
	// are the skill's own files; jq filters and globs are not paths.
	if strings.HasPrefix(p, "$SKILL_DIR") || strings.HasPrefix(p, `$(dirname "$0")`) || strings.ContainsAny(p, "|[]{}") {
		return knowledge.Target{}, false
	}
	if len(p) > 4096 {
		p = p[:4096]
	}
	if c, ok := w.classCache[p]; ok {
		return c.t, c.ok
	}
	t, ok := knowledge.ClassifyPath(p)
	if w.classCache == nil {
		w.classCache = map[string]classified{}
	}
	w.classCache[p] = classified{t, ok}
	return t, ok
}
