package python

import (
	"fmt"
	"path"
	"strings"

	"skillgate.dev/skillgate/analyzers/decode"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// aliases map equivalent qualified names to one canonical name.
var aliases = map[string]string{
	"urllib2.urlopen": "urllib.request.urlopen", "urllib.urlopen": "urllib.request.urlopen",
	"urllib2.Request": "urllib.request.Request", "urllib.urlretrieve": "urllib.request.urlretrieve",
	"commands.getoutput": "subprocess.getoutput", "commands.getstatusoutput": "subprocess.getstatusoutput",
	"cPickle.loads": "pickle.loads", "cPickle.load": "pickle.load", "dill.loads": "pickle.loads", "_pickle.loads": "pickle.loads",
	"base64.decodebytes": "base64.b64decode", "base64.decodestring": "base64.b64decode", "base64.urlsafe_b64decode": "base64.b64decode",
	"base64.standard_b64decode": "base64.b64decode", "binascii.a2b_base64": "base64.b64decode",
	"binascii.unhexlify": "bytes.fromhex", "binascii.a2b_hex": "bytes.fromhex", "bytearray.fromhex": "bytes.fromhex",
	"base64.b16decode": "bytes.fromhex", "gzip.decompress": "zlib.decompress", "importlib.__import__": "__import__",
	"platform.uname": "platform.platform", "platform.system": "platform.platform", "platform.release": "platform.platform",
	"platform.version": "platform.platform", "platform.machine": "platform.platform", "datetime.now": "datetime.datetime.now",
	"datetime.today": "datetime.datetime.now", "datetime.utcnow": "datetime.datetime.now", "datetime.datetime.today": "datetime.datetime.now",
	"datetime.datetime.utcnow": "datetime.datetime.now", "date.today": "datetime.datetime.now", "datetime.date.today": "datetime.datetime.now",
	"time.time": "datetime.datetime.now", "time.localtime": "datetime.datetime.now", "time.gmtime": "datetime.datetime.now",
	"time.strftime": "datetime.datetime.now", "os.getlogin": "getpass.getuser", "platform.node": "socket.gethostname",
	"os.uname": "socket.gethostname", "socket.getfqdn": "socket.gethostname", "io.open": "open", "codecs.open": "open",
	"pathlib.Path": "Path", "pathlib.PosixPath": "Path", "pathlib.PurePath": "Path", "pathlib.WindowsPath": "Path",
	"os.getenv": "os.environ.get", "os.environ.setdefault": "os.environ.get", "os.putenv": "",
	"yaml.unsafe_load": "yaml.load", "yaml.load_all": "yaml.load", "yaml.full_load": "yaml.load",
	"socket.getaddrinfo": "socket.gethostbyname", "socket.gethostbyname_ex": "socket.gethostbyname",
	"dns.resolver.query": "dns.resolver.resolve", "shutil.copyfile": "shutil.copy", "shutil.copy2": "shutil.copy",
	"shutil.copytree": "shutil.copy", "shutil.move": "shutil.copy", "asyncio.create_subprocess_shell": "os.system",
	"asyncio.create_subprocess_exec": "subprocess.exec_args", "os.popen2": "os.popen", "os.popen3": "os.popen",
	"socket.create_connection": "socket.create_connection", "urllib.request.urlopen": "urllib.request.urlopen",
	"importlib.util.spec_from_file_location": "", "uuid.getnode": "uuid.getnode", "Tk.clipboard_get": "clipboard_get",
	"libc.system": "os.system", "libc.popen": "os.popen", "ctypes.cdll.LoadLibrary": "ctypes.CDLL",
}

var httpVerbs = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true, "stream": true, "send": true}

var execNames = map[string]bool{
	"subprocess.run": true, "subprocess.call": true, "subprocess.check_call": true, "subprocess.check_output": true,
	"subprocess.Popen": true, "subprocess.getoutput": true, "subprocess.getstatusoutput": true, "os.system": true, "os.popen": true,
	"pty.spawn": true, "subprocess.exec_args": true,
}

func canonical(q string) string {
	q = strings.TrimPrefix(q, "builtins.")
	q = strings.TrimPrefix(q, "pathlib.")
	if a, ok := aliases[q]; ok && a != "" {
		return a
	}
	return q
}

// model evaluates a call to a library function or method.
func (ev *evaluator) model(fv *value, a *args, n *node) *value {
	q := canonical(fv.s)
	recv := fv.recv
	u := ev.fr.u
	last := q[strings.LastIndexByte(q, '.')+1:]

	// Methods on objects we model.
	if recv != nil {
		if v, ok := ev.method(recv, q, last, a, n); ok {
			return v
		}
	}

	switch {
	case q == "__import__" || q == "importlib.import_module":
		name := a.get(0, "name")
		if s, ok := name.str(); ok {
			ev.nameUse(n, name, s)
			if q == "__import__" && a.get(3, "fromlist") == nil {
				s = strings.SplitN(s, ".", 2)[0]
			}
			return sym(s)
		}
		ev.dynamic(n, q, name)
		return unknown
	case q == "getattr":
		obj, nm := a.get(0, ""), a.get(1, "")
		if s, ok := nm.str(); ok {
			ev.nameUse(n, nm, s)
			return ev.getAttr(obj, s, n)
		}
		return unk(a.taint())
	case q == "globals" || q == "locals" || q == "vars" && len(a.pos) == 0:
		return &value{k: vObj, s: "globals"}
	case q == "vars":
		return a.get(0, "")
	case q == "chr":
		if c := a.get(0, ""); c != nil && c.k == vInt && c.n >= 0 && c.n < 0x110000 {
			return &value{k: vStr, s: string(rune(c.n)), exact: true, folded: true, technique: "a chr() sequence"}
		}
		return &value{k: vStr, s: hole, t: a.taint()}
	case q == "ord":
		if s, ok := a.get(0, "").str(); ok && len([]rune(s)) == 1 {
			return intv(int64([]rune(s)[0]))
		}
	case q == "str" || q == "repr" || q == "str.strip" || q == "str.lower" || q == "str.upper" || q == "str.lstrip" || q == "str.rstrip":
		return ev.strFunc(q, recv, a, n)
	case q == "bytes" || q == "bytearray":
		return ev.bytesOf(a.get(0, ""), n)
	case q == "len" || q == "int" || q == "hex":
		if s, ok := a.get(0, "").str(); ok && q == "len" {
			return intv(int64(len(s)))
		}
		if v := a.get(0, ""); v != nil && v.k == vList && q == "len" {
			return intv(int64(len(v.items)))
		}
		if v := a.get(0, ""); v != nil && v.k == vInt && q == "int" {
			return v
		}
		return unk(a.taint())
	case q == "range":
		lo, hi := int64(0), int64(-1)
		if len(a.pos) == 1 && a.pos[0].k == vInt {
			hi = a.pos[0].n
		} else if len(a.pos) == 2 && a.pos[0].k == vInt && a.pos[1].k == vInt {
			lo, hi = a.pos[0].n, a.pos[1].n
		}
		if hi >= lo && hi-lo <= maxIter {
			l := &value{k: vList}
			for i := lo; i < hi; i++ {
				l.items = append(l.items, intv(i))
			}
			return l
		}
		return &value{k: vList, items: []*value{unknown}}
	case q == "enumerate" || q == "zip":
		return ev.zipEnum(q, a)
	case q == "list" || q == "tuple" || q == "set" || q == "sorted" || q == "reversed" || q == "iter":
		v := ev.materialize(a.get(0, ""), n)
		if v == nil {
			return &value{k: vList}
		}
		if v.k == vStr && v.exact {
			return &value{k: vList, items: strItems(v)}
		}
		if q == "reversed" && v.k == vList {
			r := &value{k: vList, t: v.t}
			for i := len(v.items) - 1; i >= 0; i-- {
				r.items = append(r.items, v.items[i])
			}
			return r
		}
		return v
	case q == "map":
		if f, it := a.get(0, ""), a.get(1, ""); f != nil && it != nil && f.k == vSym && canonical(f.s) == "chr" && it.k == vList {
			out := &value{k: vList}
			for _, item := range it.items {
				out.items = append(out.items, ev.model(sym("chr"), &args{pos: []*value{item}}, n))
			}
			return out
		}
		return &value{k: vList, items: []*value{unk(a.taint())}}
	case q == "dict":
		if v := a.get(0, ""); v != nil && v.k == vSym && v.s == "os.environ" {
			return ev.materialize(v, n)
		}
		if v := a.get(0, ""); v != nil && v.k == vDict {
			nv := *v
			return &nv
		}
		d := &value{k: vDict}
		for _, k := range sortedKeys(a.kw) {
			d.keys = append(d.keys, strv(k))
			d.items = append(d.items, a.kw[k])
		}
		return d
	case q == "bytes.fromhex" || q == "str.fromhex":
		return ev.decodeCall(n, "hex", a.get(0, ""))
	case q == "base64.b64decode" || q == "base64.b32decode" || q == "base64.b85decode" || q == "base64.a85decode":
		return ev.decodeCall(n, "base64", a.get(0, "s"))
	case q == "zlib.decompress" || q == "bz2.decompress" || q == "lzma.decompress":
		return ev.decodeCall(n, "zlib", a.get(0, ""))
	case q == "codecs.decode" || q == "codecs.encode":
		enc, _ := a.get(1, "encoding").str()
		return ev.decodeCall(n, codecName(enc), a.get(0, "obj"))
	case q == "base64.b64encode" || q == "base64.urlsafe_b64encode" || q == "json.dumps" || q == "urllib.parse.urlencode" || q == "urllib.parse.quote" || q == "binascii.hexlify":
		ev.escapeDumps(a, false)
		v := ev.materialize(a.get(0, ""), n)
		if v != nil && v.dump != nil {
			v.dump.escaped = true
		}
		return &value{k: vStr, s: hole, t: a.taint().union(v.deepTaint())}
	case q == "eval" || q == "exec" || q == "compile" || q == "execfile":
		ev.dynamic(n, q, a.get(0, "source"))
		return unknown
	case q == "marshal.loads" || q == "pickle.loads" || q == "pickle.load" || q == "types.FunctionType" || q == "jsonpickle.decode":
		ev.dynamic(n, q, a.get(0, ""))
		return unknown
	case q == "yaml.load":
		l := a.get(1, "Loader")
		if l != nil && l.k == vSym && strings.Contains(l.s, "Safe") || l != nil && l.k == vSym && strings.HasSuffix(l.s, "BaseLoader") {
			return unk(a.taint())
		}
		ev.dynamic(n, "yaml.load without SafeLoader", a.get(0, ""))
		return unk(a.taint())
	case q == "os.environ.get":
		k := a.get(0, "key")
		if s, ok := k.str(); ok {
			return merge(ev.envRead(n, s, k), a.get(1, "default"))
		}
		ev.envCap(n, "*")
		return unknown
	case strings.HasPrefix(q, "os.environ."):
		switch last {
		case "copy", "items", "keys", "values", "__iter__":
			return ev.materialize(sym("os.environ"), n)
		}
		return unknown
	case q == "socket.gethostname":
		return ev.sysinfo(n, "host name", "hostname")
	case q == "getpass.getuser":
		return ev.sysinfo(n, "user name", "username")
	case q == "uuid.getnode":
		return ev.sysinfo(n, "MAC address", "mac")
	case q == "pwd.getpwuid" || q == "os.getuid" && false:
		return ev.sysinfo(n, "user name", "username")
	case q == "platform.platform":
		ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapSystem, "platform")
		return &value{k: vStr, s: hole}
	case q == "datetime.datetime.now":
		return &value{k: vObj, s: "datetime", trig: "the date is checked"}
	case q == "Path" || q == "Path.home" || q == "os.path.expanduser" || q == "os.path.abspath" || q == "os.path.realpath" ||
		q == "os.path.normpath" || q == "os.path.expandvars" || q == "os.path.join" || q == "Path.cwd":
		return ev.pathCall(q, a, n)
	case q == "os.path.dirname" || q == "os.path.basename":
		return &value{k: vStr, s: hole, t: a.taint()}
	case q == "open":
		return ev.open(n, a.get(0, "file"), a.get(1, "mode"))
	case q == "os.listdir" || q == "glob.glob" || q == "os.scandir" || q == "glob.iglob":
		p := a.get(0, "")
		t := pathString(p)
		if q == "glob.glob" || q == "glob.iglob" {
			return &value{k: vList, items: []*value{{k: vStr, s: strings.ReplaceAll(p.tmpl(), "*", hole)}}}
		}
		return &value{k: vList, items: []*value{{k: vStr, s: hole}}, t: taint(nil), path: strv(t)}
	case q == "os.walk":
		p := a.get(0, "")
		root := concat(p, &value{k: vStr, s: hole})
		return &value{k: vList, items: []*value{{k: vList, items: []*value{root, {k: vList, items: []*value{{k: vStr, s: hole}}}, {k: vList, items: []*value{{k: vStr, s: hole}}}}}}}
	case q == "shutil.copy" || q == "shutil.make_archive":
		if q == "shutil.make_archive" {
			return ev.makeArchive(n, a)
		}
		v := ev.readPath(n, a.get(0, "src"), "copies")
		ev.writePath(n, a.get(1, "dst"), v)
		return a.get(1, "dst")
	case q == "zipfile.ZipFile" || q == "tarfile.open" || q == "tarfile.TarFile" || q == "zipfile.PyZipFile":
		return ev.archiveOpen(q, a, n)
	case q == "io.BytesIO" || q == "io.StringIO" || q == "tempfile.SpooledTemporaryFile":
		b := &value{k: vObj, s: "buffer", attrs: map[string]*value{}}
		if v := a.get(0, ""); v != nil {
			b.t = v.deepTaint()
		}
		return b
	case configParsers[q]:
		return &value{k: vObj, s: "reader", attrs: map[string]*value{}}
	case readerFuncs[q]:
		// Library readers that take a path: their result is the file's
		// contents.
		v := ev.readPath(n, a.get(0, ""), "reads")
		return unk(v.t.union(a.taint()))
	case q == "os.chmod" || q == "os.chown":
		ev.chmod(n, a.get(0, "path"), a.get(1, "mode"))
		return &value{k: vNone}
	case q == "os.dup2":
		if s := a.get(0, ""); s != nil && s.sock != nil {
			st := u.step(n, "duplicates the socket onto standard input/output (os.dup2)")
			ev.dup2 = &st
			ev.dup2Listen = s.sock.listening
		}
		return &value{k: vNone}
	case execNames[q] || strings.HasPrefix(q, "os.exec") || strings.HasPrefix(q, "os.spawn") || strings.HasPrefix(q, "os.posix_spawn"):
		return ev.exec(q, a, n)
	case q == "socket.socket":
		return &value{k: vObj, s: "socket", sock: &sockState{}}
	case q == "socket.create_connection":
		s := &value{k: vObj, s: "socket", sock: &sockState{}}
		ev.connect(s, a.get(0, "address"), n)
		return s
	case q == "socket.gethostbyname" || q == "dns.resolver.resolve" || q == "dns.resolver.Resolver.resolve":
		ev.dns(n, a.get(0, ""))
		return &value{k: vStr, s: hole, t: taint{{kind: srcSysInfo, what: "IP address", trace: finding.Trace{u.step(n, "resolves an address")}}}}
	case q == "pyperclip.paste" || last == "clipboard_get" || q == "clipboard.paste" || q == "win32clipboard.GetClipboardData":
		ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapClipboard, "read")
		ev.report(u, n, "SG5005", finding.Finding{Message: "reads the clipboard"})
		return &value{k: vStr, s: hole, t: taint{{kind: srcBrowser, what: "clipboard", trace: finding.Trace{u.step(n, "reads the clipboard")}}}}
	case q == "pyperclip.copy" || last == "clipboard_append":
		ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapClipboard, "write")
		return &value{k: vNone}
	case q == "urllib.request.urlretrieve":
		url := a.get(0, "url")
		resp := ev.netSend(n, "a download", url, nil)
		dst := a.get(1, "filename")
		if dst != nil {
			ev.writePath(n, dst, resp)
		}
		return &value{k: vList, items: []*value{dst, unknown}}
	case q == "email.message.EmailMessage" || q == "email.message.Message" || strings.HasPrefix(q, "email.mime.") && strings.Count(q, ".") == 3:
		// A mail message: tainted by what its constructor or setters get.
		return &value{k: vObj, s: "mailmsg", t: a.taint()}
	case q == "ctypes.CDLL" || q == "ctypes.cdll.LoadLibrary" || q == "ctypes.PyDLL" || q == "ctypes.pydll.LoadLibrary":
		// A C library: its system and popen are libc's (ctypes.CDLL(None)
		// is the process's own libc).
		return &value{k: vObj, s: "libc"}
	case q == "urllib.request.Request":
		r := &value{k: vObj, s: "urllib.Request", attrs: map[string]*value{}}
		r.attrs["url"] = orUnknown(a.get(0, "url"))
		r.attrs["data"] = orUnknown(a.get(1, "data"))
		r.attrs["headers"] = orUnknown(a.get(2, "headers"))
		return r
	case q == "urllib.request.urlopen":
		target := a.get(0, "url")
		parts := []part{{"body", a.get(1, "data")}}
		if target != nil && target.k == vObj && target.s == "urllib.Request" {
			parts = append(parts, part{"body", target.attrs["data"]}, part{"headers", target.attrs["headers"]})
			target = target.attrs["url"]
		}
		return ev.netSend(n, "an HTTP request", target, parts)
	case isHTTPModule(q) && httpVerbs[last]:
		return ev.httpCall(n, last, a)
	case isHTTPModule(q) && (last == "Session" || last == "Client" || last == "AsyncClient" || last == "ClientSession" || last == "PoolManager"):
		return &value{k: vObj, s: "session"}
	case q == "http.client.HTTPSConnection" || q == "http.client.HTTPConnection" || q == "ftplib.FTP" || q == "ftplib.FTP_TLS" ||
		q == "smtplib.SMTP" || q == "smtplib.SMTP_SSL" || q == "telnetlib.Telnet" || q == "poplib.POP3" || q == "imaplib.IMAP4_SSL":
		h := a.get(0, "host")
		c := &value{k: vObj, s: "conn", attrs: map[string]*value{"__host__": orUnknown(h)}}
		ev.netCap(n, h)
		return c
	case q == "websocket.create_connection" || q == "websockets.connect" || q == "websocket.WebSocketApp" || q == "websockets.client.connect":
		h := a.get(0, "url")
		ev.netCap(n, h)
		ev.sinkEvent(n, "a WebSocket connection")
		return &value{k: vObj, s: "conn", attrs: map[string]*value{"__host__": orUnknown(h)}}
	case q == "paramiko.SSHClient":
		return &value{k: vObj, s: "conn", attrs: map[string]*value{}}
	case q == "print" || q == "logging.info" || q == "logging.debug" || q == "sys.stdout.write":
		ev.escapeDumps(a, false)
		return &value{k: vNone}
	}
	// Unmodelled: taint flows through; environment copies escape.
	ev.escapeDumps(a, false)
	t := a.taint()
	if recv != nil {
		t = t.union(recv.deepTaint())
	}
	v := unk(t)
	if fv.trig != "" {
		v = &value{k: vUnknown, t: t, trig: fv.trig}
	}
	return v
}

func orUnknown(v *value) *value {
	if v == nil {
		return unknown
	}
	return v
}

func isHTTPModule(q string) bool {
	for _, p := range []string{"requests", "httpx", "aiohttp", "urllib3", "session", "requests.Session", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession", "urllib3.PoolManager"} {
		if q == p || strings.HasPrefix(q, p+".") && strings.Count(q[len(p):], ".") == 1 {
			return true
		}
	}
	return strings.HasPrefix(q, "requests.api.") || strings.HasPrefix(q, "requests.sessions.")
}

func codecName(enc string) string {
	switch strings.ToLower(strings.ReplaceAll(enc, "-", "_")) {
	case "rot13", "rot_13":
		return "rot13"
	case "hex", "hex_codec":
		return "hex"
	case "base64", "base64_codec", "base_64":
		return "base64"
	case "zlib", "zlib_codec", "zip":
		return "zlib"
	}
	return ""
}

// method models calls on objects and strings.
func (ev *evaluator) method(recv *value, q, m string, a *args, n *node) (*value, bool) {
	u := ev.fr.u
	switch {
	case recv.k == vStr || strings.HasPrefix(q, "str."):
		return ev.strMethod(recv, m, a, n)
	case recv.k == vSym && recv.s == "os.environ":
		return nil, false
	case recv.k == vObj && recv.s == "path":
		switch m {
		case "read_text", "read_bytes", "open":
			if m == "open" {
				return ev.open(n, recv, a.get(0, "mode")), true
			}
			return ev.readPath(n, recv, "reads"), true
		case "write_text", "write_bytes":
			ev.writePath(n, recv, a.get(0, "data"))
			return &value{k: vNone}, true
		case "chmod":
			ev.chmod(n, recv, a.get(0, "mode"))
			return &value{k: vNone}, true
		case "expanduser", "resolve", "absolute":
			return recv, true
		case "joinpath":
			return pathObj(joinPath(recv.path, a.pos...)), true
		case "home":
			return pathObj(strv("~")), true
		case "exists", "is_file", "is_dir", "mkdir", "stat", "touch", "unlink":
			return unknown, true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "file":
		switch m {
		case "write", "writelines":
			ev.trackDownload(n, recv.path, a.get(0, ""))
			return &value{k: vNone}, true
		case "read":
			if recv.attrs != nil && recv.attrs["__content__"] != nil {
				return recv.attrs["__content__"], true
			}
			return unk(recv.t), true
		case "readlines", "readline", "__iter__":
			return unk(recv.t), true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "archive":
		return ev.archiveMethod(recv, m, a, n), true
	case recv.k == vObj && recv.s == "buffer":
		switch m {
		case "write", "writelines":
			recv.t = recv.t.union(a.taint())
			return &value{k: vNone}, true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "reader":
		switch m {
		case "read":
			// ConfigParser.read takes a path (or a list of paths).
			p := a.get(0, "filenames")
			if p != nil && p.k == vList && len(p.items) > 0 {
				for _, it := range p.items {
					recv.t = recv.t.union(ev.readPath(n, it, "reads").t)
				}
			} else {
				recv.t = recv.t.union(ev.readPath(n, p, "reads").t)
			}
			return unk(recv.t), true
		case "read_file", "readfp", "read_string", "read_dict":
			recv.t = recv.t.union(a.taint())
			return &value{k: vNone}, true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "datetime":
		return &value{k: vObj, s: "datetime", trig: recv.trig}, true
	case recv.k == vObj && recv.s == "socket":
		return ev.sockMethod(recv, m, a, n), true
	case recv.k == vObj && recv.s == "session":
		if httpVerbs[m] || m == "urlopen" {
			return ev.httpCall(n, m, a), true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "mailmsg":
		// What goes into a mail message goes wherever the message is sent.
		switch m {
		case "set_content", "add_attachment", "attach", "set_payload", "add_alternative", "add_related":
			recv.t = recv.t.union(a.taint())
			return &value{k: vNone}, true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "conn":
		h := recv.attrs["__host__"]
		switch m {
		case "request", "putrequest", "send", "sendmail", "send_message", "storbinary", "storlines", "exec_command", "sendall", "putheader":
			if m == "exec_command" {
				ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapExec, "ssh")
			}
			_ = ev.netSend(n, "a "+m+" call", h, []part{{"body", &value{k: vList, items: a.all()}}})
			return &value{k: vObj, s: "response", t: netTaint(u, n, h)}, true
		case "connect", "login":
			if recv.attrs["__host__"] == nil || recv.attrs["__host__"] == unknown {
				recv.attrs["__host__"] = orUnknown(a.get(0, "hostname"))
				ev.netCap(n, recv.attrs["__host__"])
			}
			return &value{k: vNone}, true
		case "recv", "getresponse", "read", "retrbinary":
			return &value{k: vObj, s: "response", t: netTaint(u, n, h)}, true
		}
		return unk(recv.t), true
	case recv.k == vObj && recv.s == "urllib.Request":
		if m == "add_header" && len(a.pos) == 2 {
			recv.attrs["headers"] = &value{k: vList, items: []*value{recv.attrs["headers"], a.pos[1]}}
			return &value{k: vNone}, true
		}
	}
	if m == "fileno" && recv.sock != nil {
		return &value{k: vUnknown, sock: recv.sock}, true
	}
	return nil, false
}

func (ev *evaluator) sockMethod(s *value, m string, a *args, n *node) *value {
	u := ev.fr.u
	switch m {
	case "connect", "connect_ex":
		ev.connect(s, a.get(0, ""), n)
		return &value{k: vNone}
	case "bind":
		s.sock.listening = true
		s.sock.line, s.sock.col = n.line, n.col
		ev.netCap(n, addrHost(a.get(0, "")))
		return &value{k: vNone}
	case "listen":
		s.sock.listening = true
		return &value{k: vNone}
	case "accept":
		c := &value{k: vObj, s: "socket", sock: &sockState{connected: true, listening: true, line: n.line, col: n.col}}
		return &value{k: vList, items: []*value{c, unknown}}
	case "send", "sendall", "sendto", "write":
		host := strv(s.sock.host)
		if s.sock.host == "" {
			host = unknown
		}
		if m == "sendto" {
			host = addrHost(a.get(1, ""))
		}
		ev.netSend(n, "a socket send", host, []part{{"body", a.get(0, "")}})
		return unknown
	case "recv", "recvfrom", "makefile", "read":
		h := strv(s.sock.host)
		return &value{k: vStr, s: hole, t: netTaint(u, n, h)}
	case "fileno":
		return &value{k: vUnknown, sock: s.sock}
	}
	return unknown
}

func addrHost(v *value) *value {
	if v != nil && v.k == vList && len(v.items) >= 1 {
		return v.items[0]
	}
	return orUnknown(v)
}

func (ev *evaluator) connect(s, addr *value, n *node) {
	if p, ok := addr.str(); ok && strings.HasPrefix(p, "/") {
		// An AF_UNIX socket path.
		ev.pass.CapabilityAt(ev.fr.u.u, n.line, n.col, finding.CapFilesRead, p)
		if t, ok := knowledge.ClassifyPath(p); ok && t.Kind == knowledge.DockerSocket {
			ev.report(ev.fr.u, n, "SG2012", finding.Finding{Message: "uses the container runtime socket " + p})
		}
		return
	}
	h := addrHost(addr)
	if hs, ok := h.str(); ok {
		s.sock.host = hs
	}
	s.sock.connected = true
	s.sock.line, s.sock.col = n.line, n.col
	ev.netCap(n, h)
	ev.sinkEvent(n, "a socket connection")
	if t := h.deepTaint(); len(t) > 0 {
		ev.dns(n, h)
	}
}

func (ev *evaluator) sysinfo(n *node, what, capv string) *value {
	u := ev.fr.u
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapSystem, capv)
	return &value{k: vStr, s: hole, trig: "the " + what + " is checked", t: taint{{kind: srcSysInfo, what: what, trace: finding.Trace{u.step(n, "reads the %s", what)}}}}
}

func netTaint(u *unitCtx, n *node, host *value) taint {
	h := "the network"
	if host != nil {
		if s := prefix(host.tmpl()); s != "" {
			h = finding.ShortSnippet(s, 80)
		}
	}
	return taint{{kind: srcNetwork, what: h, trace: finding.Trace{u.step(n, "receives data from %s", h)}}}
}

// ---- strings ----

func (ev *evaluator) strFunc(q string, recv *value, a *args, n *node) *value {
	v := a.get(0, "")
	if recv != nil {
		v = recv
	}
	if v == nil {
		return strv("")
	}
	v = ev.materialize(v, n)
	if v.dump != nil {
		v.dump.escaped = true
	}
	switch {
	case v.k == vStr:
		s := v.s
		switch q {
		case "str.lower":
			s = strings.ToLower(s)
		case "str.upper":
			s = strings.ToUpper(s)
		case "str.strip":
			s = strings.TrimSpace(s)
		case "str.lstrip":
			s = strings.TrimLeft(s, " \t\n")
		case "str.rstrip":
			s = strings.TrimRight(s, " \t\n")
		}
		nv := *v
		nv.s = s
		return &nv
	case v.k == vInt:
		return &value{k: vStr, s: itoa(v.n), exact: true}
	case v.k == vObj && v.s == "path":
		return withTaint(v.path, v.t)
	}
	return &value{k: vStr, s: hole, t: v.deepTaint(), trig: v.trig}
}

func (ev *evaluator) strMethod(recv *value, m string, a *args, n *node) (*value, bool) {
	s, exact := recv.str()
	switch m {
	case "join":
		it := ev.materialize(a.get(0, ""), n)
		if it != nil && it.dump != nil {
			it.dump.escaped = true
		}
		if it != nil && it.k == vList {
			var parts []*value
			tech := ""
			for i, item := range it.items {
				if i > 0 && s != "" {
					parts = append(parts, recv)
				}
				parts = append(parts, item)
				if item.technique != "" {
					tech = item.technique
				}
			}
			v := concat(parts...)
			if len(parts) == 0 {
				v = strv("")
			}
			v.t = v.t.union(it.t)
			v.technique = tech
			v.folded = len(parts) > 1
			if tech == "XOR" {
				v = ev.xorDecoded(v, n)
			}
			return v, true
		}
		return &value{k: vStr, s: hole, t: it.deepTaint()}, true
	case "format":
		return ev.format(recv, a, n), true
	case "replace":
		o, ok1 := a.get(0, "").str()
		nw, ok2 := a.get(1, "").str()
		if exact && ok1 && ok2 && o != "" {
			r := strings.ReplaceAll(s, o, nw)
			if len(r) <= maxStr {
				return &value{k: vStr, s: r, exact: true, folded: true, t: recv.t, decoded: recv.decoded, isBytes: recv.isBytes}, true
			}
		}
		return &value{k: vStr, s: hole, t: recv.t.union(a.taint())}, true
	case "encode", "decode":
		enc, _ := a.get(0, "encoding").str()
		if c := codecName(enc); c != "" {
			return ev.decodeCall(n, c, recv), true
		}
		nv := *recv
		nv.isBytes = m == "encode"
		return &nv, true
	case "lower", "upper", "strip", "lstrip", "rstrip":
		return ev.strFunc("str."+m, recv, a, n), true
	case "split", "splitlines":
		return &value{k: vList, items: []*value{{k: vStr, s: hole, t: recv.t}}, t: recv.t}, true
	case "startswith", "endswith", "isdigit", "find", "count", "index", "__contains__":
		return &value{k: vUnknown, trig: recv.trig}, true
	}
	return &value{k: vStr, s: hole, t: recv.t.union(a.taint()), trig: recv.trig}, true
}

func (ev *evaluator) format(f *value, a *args, n *node) *value {
	s := f.s
	var b strings.Builder
	exact := f.exact
	t := f.t.union(a.taint())
	auto := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '{' && i+1 < len(s) && s[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		if c == '}' && i+1 < len(s) && s[i+1] == '}' {
			b.WriteByte('}')
			i++
			continue
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		field := s[i+1 : i+j]
		if k := strings.IndexAny(field, "!:"); k >= 0 {
			field = field[:k]
		}
		var v *value
		switch {
		case field == "":
			v = a.get(auto, "")
			auto++
		case field[0] >= '0' && field[0] <= '9':
			idx := 0
			for _, d := range field {
				if d < '0' || d > '9' {
					break
				}
				idx = idx*10 + int(d-'0')
			}
			v = a.get(idx, "")
		default:
			v = a.kw[field]
		}
		if v != nil && (v.k == vStr || v.k == vInt) {
			b.WriteString(v.tmpl())
			if v.k == vStr && !v.exact {
				exact = false
			}
		} else {
			b.WriteString(hole)
			exact = false
		}
		i += j
	}
	return &value{k: vStr, s: b.String(), exact: exact, t: t, folded: true}
}

func (ev *evaluator) bytesOf(v *value, n *node) *value {
	if v == nil {
		return &value{k: vStr, s: "", exact: true, isBytes: true}
	}
	if v.k == vList {
		var b []byte
		tech := ""
		for _, it := range v.items {
			if it.k != vInt || it.n < 0 || it.n > 255 {
				return &value{k: vStr, s: hole, isBytes: true, t: v.deepTaint()}
			}
			if it.technique != "" {
				tech = it.technique
			}
			b = append(b, byte(it.n))
		}
		out := &value{k: vStr, s: string(b), exact: true, isBytes: true, folded: true, technique: "a byte list", t: v.t}
		if tech == "XOR" {
			out = ev.xorDecoded(out, n)
		}
		return out
	}
	nv := *v
	nv.isBytes = true
	return &nv
}

// xorDecoded marks a constant produced by an XOR comprehension as
// decoded data.
func (ev *evaluator) xorDecoded(v *value, n *node) *value {
	u := ev.fr.u
	nv := *v
	nv.decoded = "XOR"
	nv.technique = "XOR"
	nv.t = nv.t.union(taint{{kind: srcDecoded, what: "XOR", trace: finding.Trace{u.step(n, "decodes %d bytes with an XOR key: %s", len(v.s), preview(v.s))}}})
	return &nv
}

func preview(s string) string {
	if !decode.Printable([]byte(s)) {
		return "(binary)"
	}
	return fmt.Sprintf("%q", finding.ShortSnippet(s, 60))
}

// decodeCall decodes a literal payload; non-literal input yields
// decoded-tainted unknown data.
func (ev *evaluator) decodeCall(n *node, enc string, in *value) *value {
	u := ev.fr.u
	if in == nil {
		return unknown
	}
	if enc == "" {
		nv := *in
		return &nv
	}
	s, ok := in.str()
	var out []byte
	good := false
	if ok {
		switch enc {
		case "base64":
			out, good = decode.Base64(s)
		case "hex":
			out, good = decode.Hex(s)
		case "zlib":
			out, good = decode.Inflate([]byte(s))
		case "rot13":
			out, good = []byte(decode.Rot13(s)), true
		}
	}
	layers := enc
	if in.decoded != "" {
		layers = in.decoded + "+" + enc
	}
	if !good {
		return &value{k: vStr, s: hole, isBytes: true, t: in.t.union(taint{{kind: srcDecoded, what: enc, trace: finding.Trace{u.step(n, "decodes %s data", enc)}}})}
	}
	return &value{k: vStr, s: string(out), exact: true, isBytes: enc != "rot13", decoded: layers, technique: enc,
		t: in.t.union(taint{{kind: srcDecoded, what: enc, trace: finding.Trace{u.step(n, "decodes %d bytes of %s: %s", len(out), enc, preview(string(out)))}}})}
}

func (ev *evaluator) zipEnum(q string, a *args) *value {
	if q == "enumerate" {
		it := a.get(0, "")
		if it == nil {
			return unknown
		}
		if s, ok := it.str(); ok && len(s) <= maxIter {
			it = &value{k: vList, items: strItems(it)}
		}
		if it.k == vList && len(it.items) <= maxIter {
			out := &value{k: vList, t: it.t}
			for i, x := range it.items {
				out.items = append(out.items, &value{k: vList, items: []*value{intv(int64(i)), x}})
			}
			return out
		}
		return &value{k: vList, items: []*value{{k: vList, items: []*value{unknown, ev.element(it)}}}, t: it.t}
	}
	var lists [][]*value
	for _, p := range a.pos {
		if s, ok := p.str(); ok && len(s) <= maxIter {
			p = &value{k: vList, items: strItems(p)}
		}
		if p.k != vList {
			return &value{k: vList, items: []*value{unk(a.taint())}}
		}
		lists = append(lists, p.items)
	}
	out := &value{k: vList}
	if len(lists) == 0 {
		return out
	}
	for i := 0; ; i++ {
		tup := &value{k: vList}
		for _, l := range lists {
			if i >= len(l) {
				return out
			}
			tup.items = append(tup.items, l[i])
		}
		out.items = append(out.items, tup)
	}
}

// ---- paths and files ----

func (ev *evaluator) pathCall(q string, a *args, n *node) *value {
	switch q {
	case "Path.home":
		return pathObj(strv("~"))
	case "Path.cwd":
		return pathObj(&value{k: vStr, s: hole})
	case "Path":
		if len(a.pos) == 0 {
			return pathObj(strv("."))
		}
		p := a.pos[0]
		if p.k == vObj && p.s == "path" {
			p = p.path
		}
		return pathObj(joinPath(p, a.pos[1:]...))
	case "os.path.join":
		if len(a.pos) == 0 {
			return unknown
		}
		p := a.pos[0]
		if p.k == vObj && p.s == "path" {
			p = p.path
		}
		v := joinPath(p, a.pos[1:]...)
		return v
	case "os.path.expandvars":
		p := a.get(0, "")
		if s, ok := p.str(); ok {
			for _, h := range []string{"${HOME}", "$HOME"} {
				s = strings.ReplaceAll(s, h, "~")
			}
			return strv(s)
		}
		return orUnknown(p)
	}
	p := a.get(0, "")
	if p != nil && p.k == vObj && p.s == "path" {
		return p.path
	}
	return orUnknown(p)
}

func (ev *evaluator) open(n *node, p, mode *value) *value {
	m := "r"
	if s, ok := mode.str(); ok {
		m = s
	}
	if p != nil && p.k == vObj && p.s == "path" {
		p = p.path
	}
	if p == nil {
		p = unknown
	}
	f := &value{k: vObj, s: "file", path: p, mode: m}
	if strings.ContainsAny(m, "wax") {
		// The write happens at write(); the open already targets it.
		ev.writeTarget(n, p)
		return f
	}
	r := ev.readPath(n, p, "reads")
	f.t = r.t
	if _, ok := r.str(); ok {
		f.attrs = map[string]*value{"__content__": r}
	}
	return f
}

// classify returns the target of a path template, weighing relative
// names (a skill's own ".env") lower than home or absolute paths.
func classify(p *value) (knowledge.Target, bool, bool) {
	s := pathString(p)
	if s == "" || s == "*" {
		return knowledge.Target{}, false, false
	}
	t, ok := knowledge.ClassifyPath(s)
	strong := strings.HasPrefix(s, "~") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "*/") || strings.HasPrefix(s, "$")
	return t, ok, strong
}

// readPath records a file read and returns its contents' taint.
func (ev *evaluator) readPath(n *node, p *value, verb string) *value {
	u := ev.fr.u
	if p == nil {
		return unknown
	}
	if p.k == vObj && p.s == "path" {
		p = p.path
	}
	s := pathString(p)
	if s != "" && s != "*" {
		ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapFilesRead, s)
	} else {
		ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapFilesRead, "*")
	}
	back := ev.storedAt(n, s)
	t, ok, strong := classify(p)
	if !ok {
		// A file bundled with the skill has known contents: code hidden
		// in a data file and handed to exec is analysed too.
		if c := ev.bundled(p); c != nil {
			return &value{k: vStr, s: string(c), exact: true, t: p.t}
		}
		return unk(p.t.union(back))
	}
	kind := srcCred
	rule := "SG5001"
	msg := "reads the credential store " + t.What
	switch t.Kind {
	case knowledge.BrowserWallet:
		kind, rule, msg = srcBrowser, "SG5002", "reads "+t.What
	case knowledge.Credential, knowledge.SystemSecret:
	case knowledge.DockerSocket:
		ev.report(u, n, "SG2012", finding.Finding{Message: "uses the container runtime socket " + s})
		return unk(p.t)
	default:
		return unk(p.t.union(back))
	}
	// Public halves and host lists under ~/.ssh hold no secret; reading
	// them is not reported, though sending them anywhere still is.
	if b := path.Base(s); strings.Contains(s, ".ssh/") && (b == "config" || b == "known_hosts" || strings.HasSuffix(b, ".pub")) {
		strong = false
	}
	if strong {
		ev.report(u, n, rule, finding.Finding{Message: msg, Trace: finding.Trace{u.step(n, "%s %s", verb, s)}})
	}
	return unk(p.t.union(back).union(taint{{kind: kind, what: s, trace: finding.Trace{u.step(n, "%s %s (%s)", verb, s, t.What)}}}))
}

func (ev *evaluator) writeTarget(n *node, p *value) {
	u := ev.fr.u
	s := pathString(p)
	if s == "" {
		s = "*"
	}
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapFilesWritten, s)
	t, ok, _ := classify(p)
	if !ok {
		return
	}
	// ~/.ssh is a credential store for reads; authorized_keys inside it
	// is a persistence target for writes.
	if b := path.Base(s); b == "authorized_keys" || b == "authorized_keys2" {
		t = knowledge.Target{Kind: knowledge.Persistence, What: "SSH authorized_keys"}
	}
	switch t.Kind {
	case knowledge.Persistence:
		ev.report(u, n, "SG4001", finding.Finding{Message: "writes to " + t.What + " (" + s + ")", Trace: finding.Trace{u.step(n, "opens %s for writing", s)}})
	case knowledge.AgentConfig, knowledge.OtherSkill:
		ev.report(u, n, "SG4002", finding.Finding{Message: "writes to " + t.What + " (" + s + ")", Trace: finding.Trace{u.step(n, "opens %s for writing", s)}})
	}
}

// writePath records a write of data to a path.
func (ev *evaluator) writePath(n *node, p, data *value) {
	if p == nil {
		return
	}
	if p.k == vObj && p.s == "path" {
		p = p.path
	}
	ev.writeTarget(n, p)
	ev.trackDownload(n, p, data)
}

// trackDownload remembers paths that received network content.
func (ev *evaluator) trackDownload(n *node, p, data *value) {
	u := ev.fr.u
	if p == nil || data == nil {
		return
	}
	if p.k == vObj && p.s == "path" {
		p = p.path
	}
	ev.store(n, pathString(p), data.deepTaint())
	if src := data.deepTaint().has(srcNetwork); src != nil {
		key := pathString(p)
		tr := append(append(finding.Trace(nil), src.trace...), u.step(n, "writes the downloaded content to %s", key))
		ev.downloaded[key] = tr
	}
}

func (ev *evaluator) chmod(n *node, p, mode *value) {
	u := ev.fr.u
	key := pathString(p)
	tr, ok := ev.downloaded[key]
	if !ok {
		return
	}
	if mode != nil && mode.k == vInt && mode.n&0o111 == 0 {
		return
	}
	ev.report(u, n, "SG2002", finding.Finding{
		Message: "a downloaded file is made executable: " + key,
		Trace:   append(append(finding.Trace(nil), tr...), u.step(n, "makes %s executable", key)),
	})
}

// maxBundled bounds the bundled files whose contents are folded.
const maxBundled = 1 << 20

// bundled returns the contents of a text file of the skill named by a
// constant relative path (relative to the skill root or the unit's
// folder), or nil.
func (ev *evaluator) bundled(p *value) []byte {
	s, ok := p.str()
	if !ok || s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") || ev.pass.Skill == nil {
		return nil
	}
	dir := path.Dir(ev.fr.u.u.Path)
	for _, c := range []string{path.Clean(path.Join(dir, s)), path.Clean(s)} {
		if strings.HasPrefix(c, "../") {
			continue
		}
		if f := ev.pass.Skill.File(c); f != nil && f.IsText() && len(f.Data) <= maxBundled {
			return f.Data
		}
	}
	return nil
}
