package python

import (
	"sort"
	"strings"
)

// configParsers construct objects whose read(path) loads a file.
var configParsers = map[string]bool{
	"configparser.ConfigParser": true, "configparser.RawConfigParser": true, "configparser.SafeConfigParser": true,
	"ConfigParser.ConfigParser": true, "ConfigParser.RawConfigParser": true, "ConfigParser.SafeConfigParser": true,
}

// readerFuncs are library functions whose first argument is a path and
// whose result is that file's contents (or a handle onto them).
var readerFuncs = map[string]bool{
	"netrc.netrc": true, "dotenv.dotenv_values": true, "dotenv.main.dotenv_values": true, "sqlite3.connect": true,
	"linecache.getline": true, "linecache.getlines": true, "fileinput.input": true, "toml.load": true,
	"pandas.read_csv": true, "pandas.read_json": true, "numpy.loadtxt": true, "plistlib.readPlist": true,
	"jks.KeyStore.load": true, "io.FileIO": true, "os.open": true,
}

// sensitive keeps the sources worth remembering on a written file.
func sensitive(t taint) taint {
	var out taint
	for _, s := range t {
		switch s.kind {
		case srcCred, srcBrowser, srcSecretEnv, srcEnvAll:
			out = append(out, s)
		}
	}
	return out
}

// store remembers that sensitive data was written to the file key.
func (ev *evaluator) store(n *node, key string, t taint) {
	ev.storeAs(n, key, t, "writes it to")
}

// storeAs is store with the verb of the trace step.
func (ev *evaluator) storeAs(n *node, key string, t taint, verb string) {
	t = sensitive(t)
	if len(t) == 0 || key == "" || key == "*" {
		return
	}
	if ev.stored == nil {
		ev.stored = map[string]taint{}
	}
	u := ev.fr.u
	ev.stored[key] = ev.stored[key].union(t.step(u.step(n, "%s %s", verb, key)))
}

// storedAt returns the taint of sensitive data written to key, or to
// files under key when key is a folder (a staging folder that is then
// archived).
func (ev *evaluator) storedAt(n *node, key string) taint {
	if len(ev.stored) == 0 || key == "" || key == "*" {
		return nil
	}
	var t taint
	if s, ok := ev.stored[key]; ok {
		t = s
	}
	dir := strings.TrimSuffix(key, "/") + "/"
	keys := make([]string, 0, len(ev.stored))
	for k := range ev.stored {
		if strings.HasPrefix(k, dir) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		t = t.union(ev.stored[k])
	}
	if len(t) == 0 {
		return nil
	}
	return t.step(ev.fr.u.step(n, "reads %s back", key))
}

// archiveExt is the file name shutil.make_archive gives each format.
var archiveExt = map[string]string{"zip": ".zip", "tar": ".tar", "gztar": ".tar.gz", "bztar": ".tar.bz2", "xztar": ".tar.xz"}

// makeArchive models shutil.make_archive(base_name, format, root_dir,
// base_dir): the archive holds the folder's files, and its path is
// returned.
func (ev *evaluator) makeArchive(n *node, a *args) *value {
	base, format := a.get(0, "base_name"), a.get(1, "format")
	root, sub := a.get(2, "root_dir"), a.get(3, "base_dir")
	src := root
	if sub != nil && root != nil {
		src = joinPath(pathOf(root), sub)
	} else if sub != nil {
		src = sub
	}
	var t taint
	if src != nil {
		t = ev.readPath(n, src, "archives").t
	}
	ext := ".zip"
	if f, ok := format.str(); ok && archiveExt[f] != "" {
		ext = archiveExt[f]
	}
	out := concat(pathOf(orUnknown(base)), strv(ext))
	out.t = out.t.union(t)
	ev.writeTarget(n, out)
	ev.storeAs(n, pathString(out), t, "archives it into")
	return out
}

func pathOf(v *value) *value {
	if v != nil && v.k == vObj && v.s == "path" && v.path != nil {
		return v.path
	}
	return v
}

// archiveOpen models zipfile.ZipFile and tarfile.open: an archive opened
// for writing remembers its target so members added to it taint it.
func (ev *evaluator) archiveOpen(q string, a *args, n *node) *value {
	target := a.get(0, "file")
	mode := a.get(1, "mode")
	if q != "zipfile.ZipFile" && q != "zipfile.PyZipFile" {
		target = a.get(0, "name")
		if target == nil || target.k == vNone {
			target = a.get(2, "fileobj")
		}
		if f := a.kw["fileobj"]; f != nil {
			target = f
		}
	}
	m, _ := mode.str()
	ar := &value{k: vObj, s: "archive", attrs: map[string]*value{"__target__": orUnknown(target)}}
	if !strings.ContainsAny(m, "wax") {
		// Opened for reading: its contents are the file's.
		if target != nil && !(target.k == vObj && target.s == "buffer") {
			ar.t = ev.readPath(n, target, "reads").t
		} else if target != nil {
			ar.t = target.t
		}
		return ar
	}
	if target != nil && !(target.k == vObj && (target.s == "buffer" || target.s == "file")) {
		ev.writeTarget(n, pathOf(target))
	}
	return ar
}

// archiveMethod models adding members to an archive.
func (ev *evaluator) archiveMethod(ar *value, m string, a *args, n *node) *value {
	var t taint
	switch m {
	case "write", "add":
		// zipfile.write(filename, arcname) / tarfile.add(name, arcname)
		t = ev.readPath(n, a.get(0, "name"), "archives").t
	case "writestr", "addfile":
		t = a.taint()
	case "extractall", "extract":
		return &value{k: vNone}
	default:
		return unk(ar.t)
	}
	if len(t) == 0 {
		return &value{k: vNone}
	}
	ar.t = ar.t.union(t)
	target := ar.attrs["__target__"]
	switch {
	case target == nil:
	case target.k == vObj && target.s == "buffer":
		target.t = target.t.union(t.step(ev.fr.u.step(n, "adds it to an in-memory archive")))
	case target.k == vObj && target.s == "file":
		ev.storeAs(n, pathString(target.path), t, "adds it to the archive written to")
	default:
		ev.storeAs(n, pathString(pathOf(target)), t, "adds it to the archive")
	}
	return &value{k: vNone}
}
