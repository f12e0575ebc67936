package js

import (
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"slices"
	"strings"

	"skillgate.dev/skillgate/analyzers/decode"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// api models a call of a known API by its qualified name.
func (a *az) api(fr *frame, c *callSite, q string) (*value, bool) {
	q = strings.TrimPrefix(q, "default.")
	q = strings.Replace(q, ".default.", ".", 1)
	q = strings.TrimSuffix(q, ".default")
	switch q {
	case "require", "module.require":
		return a.requireValue(fr, c.n, c.arg(0)), true

	// Process execution.
	case "child_process.exec", "child_process.execSync", "shelljs.exec", "execa.command", "execa.commandSync",
		"execa.execaCommand", "execa.execaCommandSync", "child-process-promise.exec":
		return a.execCall(fr, c, q, true, c.arg(0), nil), true
	case "child_process.spawn", "child_process.spawnSync", "child_process.execFile", "child_process.execFileSync",
		"child_process.fork", "execa", "execa.execa", "execa.execaSync", "execa.sync", "cross-spawn", "cross-spawn.sync":
		opts := c.arg(2)
		args := c.arg(1)
		if args.props != nil && args.elems == nil {
			opts = args
		}
		shell := opts.prop("shell") != nil
		return a.execCall(fr, c, q, shell, c.arg(0), args), true
	case "execa.$", "zx.$", "Bun.$", "$":
		if c.tagged || q != "$" {
			return a.execCall(fr, c, q, true, c.arg(0), nil), true
		}
	case "Bun.spawn", "Bun.spawnSync":
		arr := c.arg(0)
		if p := arr.prop("cmd"); p != nil {
			arr = p
		}
		if len(arr.elems) > 0 {
			return a.execCall(fr, c, q, false, arr.elems[0], &value{elems: arr.elems[1:], taint: arr.taint}), true
		}
		return a.execCall(fr, c, q, false, arr, nil), true
	case "Deno.Command":
		return a.execCall(fr, c, q, false, c.arg(0), c.arg(1).prop("args")), true
	case "Deno.run":
		arr := c.arg(0).prop("cmd")
		if arr != nil && len(arr.elems) > 0 {
			return a.execCall(fr, c, q, false, arr.elems[0], &value{elems: arr.elems[1:]}), true
		}
		return a.execCall(fr, c, q, false, &value{}, nil), true

	// Dynamic code.
	case "eval", "global.eval":
		return a.dynCall(fr, c, "eval", c.arg(0)), true
	case "Function":
		if len(c.args) == 0 {
			return &value{}, true
		}
		return a.dynCall(fr, c, "Function", c.args[len(c.args)-1]), true
	case "vm.runInThisContext", "vm.runInNewContext", "vm.runInContext", "vm.compileFunction", "vm.Script",
		"vm.SourceTextModule", "module._compile", "Module._compile":
		return a.dynCall(fr, c, q, c.arg(0)), true
	case "setTimeout", "setInterval", "setImmediate":
		if x := c.arg(0); x.fn == nil && (x.isStr || x.prefix != "" || len(x.taint) > 0) {
			return a.dynCall(fr, c, q+" with a string", x), true
		}
		if f := c.arg(0).fn; f != nil {
			inner := *fr
			a.invoke(&inner, f, nil, nil, c.n)
		}
		return &value{}, true

	// Network.
	case "fetch", "undici.fetch", "undici.request", "global.fetch", "node-fetch":
		return a.fetchCall(fr, c, q), true
	case "axios", "axios.request", "axios.get", "axios.delete", "axios.head", "axios.options",
		"axios.post", "axios.put", "axios.patch", "axios.postForm", "axios.putForm":
		return a.axiosCall(fr, c, q), true
	case "axios.create":
		base := c.arg(0).prop("baseURL")
		v := &value{q: "axios", role: roleAxios}
		if base != nil {
			v.host, _ = base.text()
		}
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(v.host))
		return v, true
	case "got", "got.get", "got.post", "got.put", "got.patch", "got.delete", "got.head", "ky", "ky.get", "ky.post",
		"ky.put", "ky.patch", "ky.delete", "request", "request.get", "request.post", "needle.get", "needle.post",
		"needle.put", "phin", "centra", "wretch", "undici.stream":
		return a.gotCall(fr, c, q), true
	case "needle", "needle.request":
		// needle(method, url, data, opts)
		cc := *c
		cc.args = c.args[min(1, len(c.args)):]
		cc.argN = c.argN[min(1, len(c.argN)):]
		return a.gotCall(fr, &cc, q), true
	case "superagent.get", "superagent.post", "superagent.put", "superagent.patch", "superagent.delete", "superagent",
		"superagent.head":
		u := c.arg(0)
		if q == "superagent" {
			u = c.arg(1)
		}
		h, _ := u.text()
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(knowledge.Host(h)))
		a.netSend(fr, c.n, q, u, []part{{"URL", u}})
		return &value{role: roleRequest, host: h}, true
	case "http.request", "http.get", "https.request", "https.get", "http2.connect":
		return a.httpCall(fr, c, q), true
	case "net.connect", "net.createConnection", "tls.connect", "net.Socket", "tls.TLSSocket":
		return a.socketCall(fr, c, q), true
	case "net.createServer", "tls.createServer", "http.createServer", "https.createServer":
		if f := c.lastFn(); f != nil {
			sock := &value{role: roleSocket, bind: true, host: "*"}
			if q == "http.createServer" || q == "https.createServer" {
				sock = &value{}
			}
			a.invokeDetached(fr, f, []*value{sock, &value{role: roleSocket, bind: true}}, c.n)
		}
		a.capAt(fr, c.n, finding.CapNetwork, "listen")
		return &value{role: roleServer}, true
	case "dgram.createSocket":
		a.capAt(fr, c.n, finding.CapNetwork, "udp")
		return &value{role: roleSocket, host: "*"}, true
	case "dns.lookup", "dns.resolve", "dns.resolve4", "dns.resolve6", "dns.resolveTxt", "dns.resolveAny",
		"dns.resolveCname", "dns.resolveMx", "dns.promises.lookup", "dns.promises.resolve", "dns.promises.resolve4",
		"dns.promises.resolveTxt", "dns.promises.resolve6", "dns.Resolver.resolve", "dns.promises.resolveAny":
		return a.dnsCall(fr, c, q), true
	case "ws", "WebSocket", "ws.WebSocket", "isomorphic-ws", "EventSource", "socket.io-client", "socket.io-client.io":
		u := c.arg(0)
		h, _ := u.text()
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(knowledge.Host(h)))
		a.netSend(fr, c.n, "WebSocket", u, []part{{"URL", u}})
		return &value{role: roleSocket, host: h}, true
	case "XMLHttpRequest":
		return &value{role: roleRequest}, true
	case "navigator.sendBeacon":
		u := c.arg(0)
		h, _ := u.text()
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(knowledge.Host(h)))
		a.netSend(fr, c.n, "navigator.sendBeacon", u, []part{{"URL", u}, {"body", c.arg(1)}})
		return &value{}, true
	case "nodemailer.createTransport":
		o := c.arg(0)
		h := ""
		if p := o.prop("host"); p != nil {
			h, _ = p.text()
		} else if p := o.prop("service"); p != nil {
			h, _ = p.text()
		}
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
		return &value{role: roleMailer, host: h}, true

	// Files.
	case "fs.readFileSync", "fs.readFile", "fs.promises.readFile", "fs.createReadStream", "fs.readJsonSync",
		"fs.readJson", "fs.readJSON", "fs.readJSONSync", "fs.readdirSync", "fs.readdir", "fs.promises.readdir",
		"fs.opendir", "fs.opendirSync", "Deno.readTextFile", "Deno.readFile", "Deno.readTextFileSync", "Bun.file",
		"fs.readlinkSync", "fs.promises.open", "fs.openSync", "fs.open":
		v := a.readFile(fr, c, q, c.arg(0))
		if q == "Bun.file" {
			v.isFile = true
			if p, _ := c.arg(0).text(); p != "" {
				v.path = p
			}
		}
		if f := c.lastFn(); f != nil && !strings.HasSuffix(q, "Sync") {
			a.invoke(fr, f, nil, []*value{{}, v}, c.n)
		}
		return v, true
	case "fs.writeFileSync", "fs.writeFile", "fs.promises.writeFile", "fs.appendFileSync", "fs.appendFile",
		"fs.promises.appendFile", "fs.outputFile", "fs.outputFileSync", "fs.writeJson", "fs.writeJsonSync",
		"fs.outputJson", "fs.outputJsonSync", "Deno.writeTextFile", "Deno.writeFile", "Bun.write":
		a.writeFile(fr, c, q, c.arg(0), c.arg(1), c.arg(2))
		if f := c.lastFn(); f != nil {
			a.invoke(fr, f, nil, nil, c.n)
		}
		return &value{}, true
	case "fs.createWriteStream":
		p := c.arg(0)
		a.writeFile(fr, c, q, p, &value{}, c.arg(1))
		ps, _ := p.text()
		return &value{role: roleWriteFile, path: ps}, true
	case "fs.copyFileSync", "fs.copyFile", "fs.promises.copyFile", "fs.cpSync", "fs.cp", "fs.copySync", "fs.copy",
		"fs.renameSync", "fs.rename", "fs.promises.rename", "fs.symlinkSync", "fs.symlink", "fs.linkSync":
		data := a.readFile(fr, c, q, c.arg(0))
		a.writeFile(fr, &callSite{n: c.n, argN: []*node{c.argNode(1)}}, q, c.arg(1), data, &value{})
		return &value{}, true
	case "fs.chmodSync", "fs.chmod", "fs.promises.chmod":
		a.chmod(fr, c, c.arg(0), c.arg(1))
		return &value{}, true
	case "fs.existsSync", "fs.statSync", "fs.accessSync", "fs.lstatSync", "fs.mkdirSync", "fs.mkdir", "fs.promises.mkdir":
		return &value{}, true

	// Environment, system, clipboard.
	case "Deno.env.get":
		s, _ := c.arg(0).text()
		return a.envRead(fr, c.n, s), true
	case "os.hostname", "os.userInfo", "os.networkInterfaces", "os.platform", "os.type", "os.release", "os.arch",
		"os.cpus", "os.version", "os.machine", "os.totalmem":
		what := strings.TrimPrefix(q, "os.")
		a.capAt(fr, c.n, finding.CapSystem, what)
		switch what {
		case "hostname", "userInfo", "networkInterfaces":
			return &value{taint: []*source{{kind: srcSysinfo, what: "the " + map[string]string{"hostname": "host name", "userInfo": "user name", "networkInterfaces": "network addresses"}[what], trace: finding.Trace{a.step(fr, c.n, "reads os."+what+"()")}}}}, true
		}
		return &value{}, true
	case "os.homedir":
		return strVal("~"), true
	case "os.tmpdir":
		return strVal("/tmp"), true
	case "clipboardy.read", "clipboardy.readSync", "navigator.clipboard.readText", "navigator.clipboard.read",
		"clipboardy.default.read", "clipboard.readText":
		a.capAt(fr, c.n, finding.CapClipboard, "read")
		a.report(fr, c.n, finding.Finding{RuleID: "SG5005", Message: "reads the clipboard (" + q + ")"})
		return &value{taint: []*source{{kind: srcClipboard, what: "the clipboard contents", trace: finding.Trace{a.step(fr, c.n, "reads the clipboard")}}}}, true
	case "clipboardy.write", "clipboardy.writeSync", "navigator.clipboard.writeText":
		a.capAt(fr, c.n, finding.CapClipboard, "write")
		return &value{}, true

	// Folding and decoding.
	case "Buffer.from":
		x, enc := c.arg(0), c.arg(1)
		if x.elems != nil {
			return bytesFromArray(x), true
		}
		if e, ok := enc.text(); ok && e != "" {
			if s, ok := x.text(); ok && x.isStr {
				if out, ok := decodeConst(s, e); ok {
					v := a.decodedValue(fr, c.n, out, append(slices.Clone(x.decodedFrom), strings.ToLower(e)), strings.ToLower(e))
					v.taint = addTaint(v.taint, x.taint...)
					return v, true
				}
			}
			if strings.HasPrefix(strings.ToLower(e), "base64") || strings.ToLower(e) == "hex" {
				v := derive(x)
				v.taint = addTaint(v.taint, &source{kind: srcDecoded, what: "data decoded from " + e, trace: finding.Trace{a.step(fr, c.n, "decodes "+e+" data")}})
				return v, true
			}
		}
		out := derive(x)
		out.str, out.isStr, out.built, out.decodedFrom = x.str, x.isStr, x.built, x.decodedFrom
		return out, true
	case "atob":
		x := c.arg(0)
		if x.isStr {
			if out, ok := decodeConst(x.str, "base64"); ok {
				return a.decodedValue(fr, c.n, out, append(slices.Clone(x.decodedFrom), "base64"), "atob"), true
			}
		}
		v := derive(x)
		v.taint = addTaint(v.taint, &source{kind: srcDecoded, what: "data decoded from base64", trace: finding.Trace{a.step(fr, c.n, "decodes base64 with atob")}})
		return v, true
	case "zlib.inflateSync", "zlib.gunzipSync", "zlib.unzipSync", "zlib.inflateRawSync", "zlib.brotliDecompressSync":
		x := c.arg(0)
		if x.isStr {
			if out, ok := decode.Inflate([]byte(x.str)); ok {
				return a.decodedValue(fr, c.n, string(out), append(slices.Clone(x.decodedFrom), "zlib"), "zlib"), true
			}
		}
		v := derive(x)
		v.taint = addTaint(v.taint, &source{kind: srcDecoded, what: "decompressed data", trace: finding.Trace{a.step(fr, c.n, "decompresses data")}})
		return v, true
	case "unescape", "decodeURIComponent":
		x := c.arg(0)
		if x.isStr {
			if out, ok := percentDecode(x.str); ok {
				return a.decodedValue(fr, c.n, out, []string{"percent-encoding"}, "percent-encoding"), true
			}
		}
		return derive(x), true
	case "String.fromCharCode", "String.fromCodePoint":
		var b strings.Builder
		all := true
		for _, x := range c.args {
			if !x.isNum {
				all = false
				break
			}
			b.WriteRune(rune(int(x.num)))
		}
		if all && len(c.args) > 0 {
			for _, x := range c.args {
				if x.built == "XOR" {
					return a.decodedValue(fr, c.n, b.String(), []string{"XOR"}, "XOR with a literal key"), true
				}
			}
			v := strVal(b.String())
			v.built = "String.fromCharCode"
			return v, true
		}
		return union(c.args...), true
	case "String.fromCharCode.apply", "String.fromCodePoint.apply":
		cc := *c
		cc.args = c.arg(1).elems
		return a.api(fr, &cc, "String.fromCharCode")
	case "String", "String.raw":
		x := c.arg(0)
		out := derive(x)
		out.str, out.isStr, out.built, out.decodedFrom = x.str, x.isStr, x.built, x.decodedFrom
		if x.isNum {
			out.str, out.isStr = formatNum(x.num), true
		}
		return out, true
	case "JSON.stringify":
		x := c.arg(0)
		if x.q == "process.env" {
			a.envDump(fr, c.n, "serialises process.env")
		}
		out := &value{taint: x.allTaint()}
		return out, true
	case "Object.keys", "Object.values", "Object.entries", "Object.assign", "Object.fromEntries",
		"Reflect.ownKeys", "Object.getOwnPropertyNames":
		for _, x := range c.args {
			if x.q == "process.env" {
				a.envDump(fr, c.n, q+"(process.env)")
			}
		}
		if q == "Object.assign" && len(c.args) > 0 {
			t := c.args[0]
			for _, x := range c.args[1:] {
				if t.q == "" {
					t.taint = addTaint(t.taint, x.allTaint()...)
					if t.props == nil {
						t.props = map[string]*value{}
					}
					for k, v := range x.props {
						t.props[k] = v
					}
				}
			}
			return t, true
		}
		out := &value{}
		for _, x := range c.args {
			out.taint = addTaint(out.taint, x.allTaint()...)
		}
		return out, true
	case "Reflect.get":
		k := c.arg(1)
		if k.isStr {
			return a.member(fr, c.n, c.arg(0), k.str, k.built), true
		}
	case "Reflect.apply":
		cc := &callSite{n: c.n, callee: c.arg(0), args: c.arg(2).elems}
		return a.apply(fr, cc), true
	case "path.join", "path.resolve", "path.posix.join", "path.win32.join", "path.normalize":
		return joinPath(c.args), true
	case "Buffer.byteLength", "Number", "parseInt", "parseFloat", "Math.max", "Math.min":
		return &value{}, true
	case "path.basename", "path.dirname", "path.extname":
		return derive(c.arg(0)), true
	case "URL":
		// new URL(path, base): the base's host is where the request goes.
		u, base := c.arg(0), c.arg(1)
		if us, ok := u.text(); ok && strings.Contains(us, "://") || len(c.args) < 2 {
			return u, true
		}
		bs, _ := base.text()
		us, _ := u.text()
		out := concat(strVal(strings.TrimSuffix(bs, "/")+"/"), strVal(strings.TrimPrefix(us, "/")))
		out.taint = addTaint(slices.Clone(base.taint), u.taint...)
		if !base.isStr || !u.isStr {
			out.str, out.isStr, out.prefix = "", false, strings.TrimSuffix(bs, "/")+"/"
		}
		return out, true
	case "Date", "Date.now":
		return &value{}, true
	}
	// Members of a modelled module that are functions we do not model.
	return nil, false
}

func bytesFromArray(x *value) *value {
	var b []byte
	for _, e := range x.elems {
		if !e.isNum {
			return derive(x)
		}
		b = append(b, byte(int(e.num)))
	}
	v := strVal(string(b))
	v.built = "byte array"
	return v
}

// joinPath folds path.join.
func joinPath(args []*value) *value {
	var parts []string
	out := union(args...)
	for i, x := range args {
		s, ok := x.text()
		if !ok {
			pre := path.Join(parts...)
			if s != "" {
				pre = path.Join(pre, s)
			}
			if pre != "" && pre != "." {
				out.prefix = pre + "/"
			}
			_ = i
			return out
		}
		if strings.HasPrefix(s, "/") {
			parts = parts[:0]
		}
		parts = append(parts, s)
	}
	out.str, out.isStr = path.Join(parts...), true
	return out
}

func hostCap(h string) string {
	if h == "" {
		return "*"
	}
	if strings.Contains(h, "://") || strings.Contains(h, "/") {
		if hh := knowledge.Host(h); hh != "" {
			return hh
		}
		return "*"
	}
	return strings.ToLower(h)
}

// part is one piece of an outgoing request.
type part struct {
	where string
	v     *value
}

func (a *az) fetchCall(fr *frame, c *callSite, q string) *value {
	u, o := c.arg(0), c.arg(1)
	if u.props != nil && u.prop("url") != nil {
		o, u = u, u.prop("url")
	}
	h, _ := u.text()
	a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	parts := []part{{"URL", u}}
	parts = append(parts, optionParts(o, "body", "headers")...)
	a.netSend(fr, c.n, q, u, parts)
	return a.response(fr, c.n, q)
}

func optionParts(o *value, body ...string) []part {
	if o == nil {
		return nil
	}
	var parts []part
	if o.props == nil {
		if len(o.taint) > 0 {
			parts = append(parts, part{"body", o})
		}
		return parts
	}
	for k, v := range o.props {
		switch k {
		case "headers", "auth", "Authorization", "authorization":
			parts = append(parts, part{"headers", v})
		case "body", "json", "form", "data", "formData", "searchParams", "params", "qs", "query", "text", "html",
			"attachments", "subject", "to", "from", "multipart", "content":
			w := "body"
			if k == "searchParams" || k == "params" || k == "qs" || k == "query" {
				w = "URL"
			}
			parts = append(parts, part{w, v})
		case "url", "uri", "baseURL", "prefixUrl", "path", "hostname", "host":
			parts = append(parts, part{"URL", v})
		}
	}
	return parts
}

// response is the value of a network response: data from the network.
func (a *az) response(fr *frame, n *node, what string) *value {
	return &value{taint: []*source{{kind: srcNetwork, what: "the response of " + what, trace: finding.Trace{a.step(fr, n, "receives data from the network ("+what+")")}}}}
}

func (a *az) axiosCall(fr *frame, c *callSite, q string) *value {
	var u, body, cfg *value
	switch {
	case (q == "axios" || q == "axios.request") && c.arg(0).props != nil:
		cfg = c.arg(0)
		u = cfg.prop("url")
		body = cfg.prop("data")
	case strings.HasSuffix(q, "post") || strings.HasSuffix(q, "put") || strings.HasSuffix(q, "patch") || strings.HasSuffix(q, "Form"):
		u, body, cfg = c.arg(0), c.arg(1), c.arg(2)
	default:
		u, cfg = c.arg(0), c.arg(1)
	}
	if u == nil {
		u = &value{}
	}
	h, _ := u.text()
	if c.callee.host != "" && !strings.Contains(h, "://") {
		h = c.callee.host + h
		u = concat(strVal(c.callee.host), u)
	}
	a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	parts := []part{{"URL", u}}
	if body != nil {
		parts = append(parts, part{"body", body})
	}
	if cfg != nil && cfg.props != nil {
		for k, v := range cfg.props {
			if k == "headers" || k == "auth" {
				parts = append(parts, part{"headers", v})
			}
			if k == "params" {
				parts = append(parts, part{"URL", v})
			}
		}
	}
	a.netSend(fr, c.n, "axios", u, parts)
	return a.response(fr, c.n, "axios")
}

func (a *az) gotCall(fr *frame, c *callSite, q string) *value {
	u, o := c.arg(0), c.arg(1)
	if u.props != nil {
		o = u
		if p := u.prop("url"); p != nil {
			u = p
		} else if p := u.prop("uri"); p != nil {
			u = p
		}
	}
	h, _ := u.text()
	a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	parts := []part{{"URL", u}}
	if strings.HasPrefix(q, "needle.") && (strings.HasSuffix(q, "post") || strings.HasSuffix(q, "put")) {
		parts = append(parts, part{"body", o})
	} else {
		parts = append(parts, optionParts(o)...)
	}
	a.netSend(fr, c.n, q, u, parts)
	resp := a.response(fr, c.n, q)
	if f := c.lastFn(); f != nil {
		a.invokeDetached(fr, f, []*value{{}, resp, resp}, c.n)
	}
	return resp
}

func (a *az) httpCall(fr *frame, c *callSite, q string) *value {
	u := c.arg(0)
	var h string
	parts := []part{}
	if u.props != nil {
		for _, k := range []string{"hostname", "host"} {
			if p := u.prop(k); p != nil {
				h, _ = p.text()
				break
			}
		}
		parts = append(parts, optionParts(u)...)
		u = strVal(h)
	} else {
		h, _ = u.text()
		h = knowledge.Host(h)
		parts = append(parts, part{"URL", c.arg(0)})
		if o := c.arg(1); o.props != nil {
			parts = append(parts, optionParts(o)...)
		}
	}
	a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	urlV := c.arg(0)
	if urlV.props != nil {
		urlV = strVal(h)
	}
	a.netSend(fr, c.n, q, urlV, parts)
	req := &value{role: roleRequest, host: h}
	if f := c.lastFn(); f != nil {
		resp := a.response(fr, c.n, q)
		a.invokeDetached(fr, f, []*value{resp}, c.n)
	}
	return req
}

func (a *az) socketCall(fr *frame, c *callSite, q string) *value {
	h := ""
	if o := c.arg(0); o.props != nil {
		if p := o.prop("host"); p != nil {
			h, _ = p.text()
		}
		if p := o.prop("port"); p != nil && h != "" {
			ps, _ := p.text()
			h += ":" + ps
		}
	} else if len(c.args) >= 2 {
		hs, _ := c.arg(1).text()
		ps, _ := c.arg(0).text()
		if hs != "" {
			h = hs + ":" + ps
		}
	}
	sock := &value{role: roleSocket, host: h}
	if q == "net.Socket" || q == "tls.TLSSocket" {
		return sock
	}
	a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	a.netSend(fr, c.n, q, strVal(h), []part{{"URL", c.arg(1)}})
	if f := c.lastFn(); f != nil {
		a.invokeDetached(fr, f, nil, c.n)
	}
	return sock
}

func (a *az) dnsCall(fr *frame, c *callSite, q string) *value {
	name := c.arg(0)
	h, ok := name.text()
	if ok {
		a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
	} else {
		a.capAt(fr, c.n, finding.CapNetwork, "*")
	}
	a.netSend(fr, c.n, q, name, []part{{"DNS name", name}})
	resp := a.response(fr, c.n, q)
	if f := c.lastFn(); f != nil {
		a.invokeDetached(fr, f, []*value{{}, resp}, c.n)
	}
	return resp
}

// method models calls on values: string folding, roles (sockets, child
// processes, requests), promise chains and callbacks.
func (a *az) method(fr *frame, c *callSite) (*value, bool) {
	r := c.recv
	m := c.method
	if v, ok := a.foldMethod(fr, c); ok {
		return v, true
	}
	switch r.role {
	case roleSocket:
		switch m {
		case "write", "send", "end", "emit":
			if len(c.args) > 0 {
				a.netSend(fr, c.n, "a socket", strVal(r.host), []part{{"body", c.arg(len(c.args) - 1)}, {"body", c.arg(0)}})
			}
			return &value{}, true
		case "connect":
			h := ""
			if o := c.arg(0); o.props != nil {
				if p := o.prop("host"); p != nil {
					h, _ = p.text()
				}
			} else if hs, _ := c.arg(1).text(); hs != "" {
				ps, _ := c.arg(0).text()
				h = hs + ":" + ps
			}
			r.host = h
			a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
			if f := c.lastFn(); f != nil {
				a.invokeDetached(fr, f, nil, c.n)
			}
			return r, true
		case "on", "once", "addListener", "addEventListener", "onmessage":
			ev, _ := c.arg(0).text()
			if f := c.lastFn(); f != nil {
				data := &value{}
				if ev == "data" || ev == "message" || ev == "line" {
					data = a.response(fr, c.n, "a socket")
					for _, s := range data.taint {
						s.rawSocket = !r.bind || true
					}
				}
				a.invokeDetached(fr, f, []*value{data, data}, c.n)
			}
			return r, true
		case "pipe":
			a.pipe(fr, c, r, c.arg(0))
			return c.arg(0), true
		}
	case roleChild:
		switch m {
		case "write", "end":
			for _, x := range c.args {
				if s := x.has(srcNetwork); s != nil && s.rawSocket {
					a.report(fr, c.n, finding.Finding{RuleID: "SG2004", Message: "reverse shell: data read from a socket is written to the stdin of " + childName(r),
						Trace: append(slices.Clone(s.trace), a.step(fr, c.n, "writes it to the shell's stdin"))})
				} else if s != nil {
					a.report(fr, c.n, finding.Finding{RuleID: "SG2007", Message: "content received from the network reaches the stdin of " + childName(r),
						Trace: append(slices.Clone(s.trace), a.step(fr, c.n, "writes it to a process"))})
				}
			}
			return &value{}, true
		case "pipe":
			a.pipe(fr, c, r, c.arg(0))
			return c.arg(0), true
		case "on", "once":
			if f := c.lastFn(); f != nil {
				out := derive(r)
				out.role = roleNone
				a.invokeDetached(fr, f, []*value{out, out}, c.n)
			}
			return r, true
		}
	case roleRequest:
		switch m {
		case "write", "end", "send":
			if len(c.args) > 0 {
				a.netSend(fr, c.n, "an HTTP request", strVal(r.host), []part{{"body", c.arg(0)}})
			}
			return r, true
		case "set", "setHeader", "setRequestHeader":
			a.netSend(fr, c.n, "an HTTP request", strVal(r.host), []part{{"headers", c.arg(len(c.args) - 1)}})
			return r, true
		case "query", "field", "attach":
			a.netSend(fr, c.n, "an HTTP request", strVal(r.host), []part{{"body", c.arg(len(c.args) - 1)}})
			return r, true
		case "open":
			u := c.arg(1)
			h, _ := u.text()
			r.host = knowledge.Host(h)
			a.capAt(fr, c.n, finding.CapNetwork, hostCap(h))
			a.netSend(fr, c.n, "XMLHttpRequest", u, []part{{"URL", u}})
			return r, true
		case "on", "once", "then", "end2":
			if f := c.lastFn(); f != nil {
				resp := a.response(fr, c.n, "an HTTP request")
				a.invokeDetached(fr, f, []*value{resp, resp}, c.n)
			}
			return r, true
		}
	case roleMailer:
		if m == "sendMail" {
			o := c.arg(0)
			a.netSend(fr, c.n, "nodemailer", strVal(r.host), optionParts(o))
			return &value{}, true
		}
	case roleWriteFile:
		if m == "write" || m == "end" {
			a.writeFile(fr, c, "stream write", strVal(r.path), c.arg(0), &value{})
			return &value{}, true
		}
	}
	if r.isFile {
		switch m {
		case "text", "json", "arrayBuffer", "bytes", "stream":
			return r, true
		}
	}
	switch m {
	case "pipe":
		a.pipe(fr, c, r, c.arg(0))
		return c.arg(0), true
	case "then", "catch", "finally":
		if f := c.arg(0).fn; f != nil && m == "then" {
			in := derive(r)
			in.role, in.str, in.isStr = r.role, r.str, r.isStr
			if r.module {
				in.q, in.module = r.q, true
			}
			in.decodedFrom, in.built = r.decodedFrom, r.built
			return a.invokeDetachedKeep(fr, f, []*value{in}, c.n), true
		}
		if f := c.arg(0).fn; f != nil {
			a.invokeDetachedKeep(fr, f, []*value{{}}, c.n)
		}
		if c.arg(0).q != "" && m == "then" {
			// .then(eval), .then(require('vm').runInThisContext)
			cc := &callSite{n: c.n, callee: c.arg(0), args: []*value{r}, argN: []*node{c.n}}
			return a.apply(fr, cc), true
		}
		return r, true
	case "forEach", "map", "filter", "reduce", "some", "every", "find", "flatMap", "on", "once", "each":
		if f := c.lastFn(); f != nil {
			out := &value{}
			for i, el := range loopElems(r, false) {
				o := a.invokeDetachedKeep(fr, f, []*value{el, {num: float64(i), isNum: true}, r}, c.n)
				out.taint = addTaint(out.taint, o.taint...)
			}
			if m == "map" || m == "reduce" || m == "flatMap" {
				res := union(out, r)
				return res, true
			}
			return r, true
		}
	}
	// .then(eval) style or callbacks on unknown receivers are handled by
	// unknownCall.
	return nil, false
}

// invokeDetachedKeep runs a callback that is part of the current flow
// (a promise continuation): it keeps the module-load flag.
func (a *az) invokeDetachedKeep(fr *frame, f *function, args []*value, site *node) *value {
	return a.invoke(fr, f, nil, args, site)
}

func childName(v *value) string {
	if v.host != "" {
		return v.host
	}
	return "a child process"
}

// pipe is src.pipe(dst).
func (a *az) pipe(fr *frame, c *callSite, src, dst *value) {
	switch {
	case src.role == roleChild && dst.role == roleSocket, src.role == roleSocket && dst.role == roleChild:
		sock := src
		if dst.role == roleSocket {
			sock = dst
		}
		rule, kind := "SG2004", "reverse shell"
		if sock.bind {
			rule, kind = "SG2005", "bind shell"
		}
		if sock.shellDone {
			return
		}
		sock.shellDone = true
		a.report(fr, c.n, finding.Finding{RuleID: rule, Message: kind + ": a network socket is piped to the stdio of " + childName(map[bool]*value{true: src, false: dst}[src.role == roleChild])})
	case dst.role == roleWriteFile:
		if s := src.has(srcNetwork); s != nil {
			a.written[dst.path] = addTaint(a.written[dst.path], s)
		}
		if s := src.has(srcDecoded); s != nil {
			a.written[dst.path] = addTaint(a.written[dst.path], s)
		}
	case dst.role == roleSocket || dst.role == roleRequest:
		a.netSend(fr, c.n, "a stream", strVal(dst.host), []part{{"body", src}})
	case dst.role == roleChild:
		if s := src.has(srcNetwork); s != nil {
			a.report(fr, c.n, finding.Finding{RuleID: "SG2007", Message: "content received from the network is piped into " + childName(dst),
				Trace: append(slices.Clone(s.trace), a.step(fr, c.n, "pipes it into a process"))})
		}
	}
}

var octalExec = lazyre.New(`^0?o?[0-7]*[1357][0-7]*$`)

// foldMethod folds string and array methods on constants.
func (a *az) foldMethod(fr *frame, c *callSite) (*value, bool) {
	r := c.recv
	m := c.method
	if r.elems != nil {
		switch m {
		case "join":
			sep := ","
			if len(c.args) > 0 {
				sep, _ = c.arg(0).text()
			}
			var parts []string
			for _, e := range r.elems {
				s, ok := e.text()
				if !ok {
					out := union(r.elems...)
					out.taint = addTaint(out.taint, r.taint...)
					return out, true
				}
				parts = append(parts, s)
			}
			for _, e := range r.elems {
				if e.built == "XOR" {
					return a.decodedValue(fr, c.n, strings.Join(parts, sep), []string{"XOR"}, "XOR with a literal key"), true
				}
			}
			v := strVal(clip(strings.Join(parts, sep)))
			v.taint = r.allTaint()
			if len(parts) > 1 {
				v.built = "join"
			}
			return v, true
		case "reverse":
			e := slices.Clone(r.elems)
			slices.Reverse(e)
			return &value{elems: e, taint: r.taint}, true
		case "concat":
			e := slices.Clone(r.elems)
			for _, x := range c.args {
				if x.elems != nil {
					e = append(e, x.elems...)
				} else {
					e = append(e, x)
				}
			}
			return &value{elems: e, taint: r.taint}, true
		case "map":
			// [..].map(c => String.fromCharCode(c)) / (c => c ^ k)
			if f := c.arg(0).fn; f != nil && allNums(r.elems) {
				return a.mapNums(fr, c, f, r.elems)
			}
		}
		return nil, false
	}
	if !r.isStr {
		if m == "toString" {
			enc, _ := c.arg(0).text()
			out := derive(r)
			out.str, out.isStr = r.str, r.isStr
			if enc == "base64" || enc == "hex" {
				out.taint = slices.DeleteFunc(slices.Clone(out.taint), func(s *source) bool { return s.kind == srcDecoded })
			}
			return out, true
		}
		return nil, false
	}
	s := r.str
	keep := func(out string, how string) (*value, bool) {
		v := strVal(clip(out))
		v.taint, v.decodedFrom = r.taint, r.decodedFrom
		v.built = r.built
		if how != "" && out != s {
			v.built = how
		}
		return v, true
	}
	switch m {
	case "toString", "valueOf", "trim", "trimStart", "trimEnd", "normalize":
		enc, _ := c.arg(0).text()
		switch enc {
		case "base64":
			return a.encodedConst(r, "base64"), true
		case "hex":
			return a.encodedConst(r, "hex"), true
		}
		if m == "trim" {
			return keep(strings.TrimSpace(s), "")
		}
		return keep(s, "")
	case "toLowerCase":
		return keep(strings.ToLower(s), "case change")
	case "toUpperCase":
		return keep(strings.ToUpper(s), "case change")
	case "split":
		sep, ok := c.arg(0).text()
		if !ok && c.arg(0).q != "regex" {
			return nil, false
		}
		var out []*value
		for _, p := range strings.Split(s, sep) {
			e := strVal(p)
			out = append(out, e)
			if len(out) > 100000 {
				break
			}
		}
		return &value{elems: out, taint: r.taint}, true
	case "replace", "replaceAll":
		pat, with := c.arg(0), c.arg(1)
		if with.fn != nil {
			body := with.fn.n.text(with.fn.mod.src)
			if strings.Contains(body, "13") {
				out := decode.Rot13(s)
				if codeLike(out) {
					return a.decodedValue(fr, c.n, out, []string{"rot13"}, "rot13"), true
				}
			}
			return nil, false
		}
		ws, ok := with.text()
		if !ok {
			return nil, false
		}
		if pat.q == "regex" {
			re, global := jsRegexp(pat.str)
			if re == nil {
				return nil, false
			}
			if global || m == "replaceAll" {
				return keep(re.ReplaceAllLiteralString(s, ws), "replace")
			}
			loc := re.FindStringIndex(s)
			if loc == nil {
				return keep(s, "")
			}
			return keep(s[:loc[0]]+ws+s[loc[1]:], "replace")
		}
		ps, ok := pat.text()
		if !ok {
			return nil, false
		}
		if m == "replaceAll" {
			return keep(strings.ReplaceAll(s, ps, ws), "replace")
		}
		return keep(strings.Replace(s, ps, ws, 1), "replace")
	case "slice", "substring", "substr":
		start, end := 0, len(s)
		if x := c.arg(0); x.isNum {
			start = int(x.num)
		}
		if x := c.arg(1); x.isNum {
			end = int(x.num)
			if m == "substr" {
				end = start + end
			}
		}
		if start < 0 {
			start += len(s)
		}
		if end < 0 {
			end += len(s)
		}
		start, end = max(0, min(start, len(s))), max(0, min(end, len(s)))
		if start > end {
			start, end = end, start
		}
		return keep(s[start:end], "slicing")
	case "concat":
		v := r
		for _, x := range c.args {
			v = concat(v, x)
		}
		return v, true
	case "charAt", "at":
		if x := c.arg(0); x.isNum && int(x.num) >= 0 && int(x.num) < len(s) {
			return keep(s[int(x.num):int(x.num)+1], "slicing")
		}
	case "repeat":
		if x := c.arg(0); x.isNum && x.num >= 0 && int(x.num)*len(s) <= maxConst {
			return keep(strings.Repeat(s, int(x.num)), "")
		}
	case "charCodeAt", "codePointAt":
		if x := c.arg(0); x.isNum && int(x.num) >= 0 && int(x.num) < len(s) {
			return &value{num: float64(s[int(x.num)]), isNum: true}, true
		}
		if len(c.args) == 0 && len(s) > 0 {
			return &value{num: float64(s[0]), isNum: true}, true
		}
	}
	return nil, false
}

func (a *az) encodedConst(r *value, enc string) *value {
	v := derive(r)
	v.taint = slices.DeleteFunc(slices.Clone(v.taint), func(s *source) bool { return s.kind == srcDecoded })
	return v
}

func allNums(es []*value) bool {
	for _, e := range es {
		if !e.isNum {
			return false
		}
	}
	return len(es) > 0
}

// mapNums evaluates [n...].map(f) by running f on each number; used to
// fold char-code arrays and XOR-with-key decoders.
func (a *az) mapNums(fr *frame, c *callSite, f *function, es []*value) (*value, bool) {
	if len(es) > 4096 {
		return nil, false
	}
	var out []*value
	for i, e := range es {
		inner := *fr
		r := a.invoke(&inner, f, nil, []*value{e, {num: float64(i), isNum: true}}, c.n)
		if !r.isNum && !r.isStr {
			return nil, false
		}
		out = append(out, r)
	}
	body := f.n.text(f.mod.src)
	v := &value{elems: out}
	if strings.Contains(body, "^") {
		// Mark so the join that follows is an XOR decoding.
		for _, o := range out {
			o.built = "XOR"
		}
	}
	return v, true
}
