package skill

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// langByExt maps extensions to languages for text files.
var langByExt = map[string]string{
	".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
	".sh": "shell", ".bash": "shell", ".zsh": "shell", ".ksh": "shell", ".command": "shell",
	".py": "python", ".pyw": "python", ".pyi": "python",
	".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
	".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "typescript",
	".go":   "go",
	".json": "json", ".json5": "json", ".jsonc": "json",
	".yaml": "yaml", ".yml": "yaml",
	".toml": "toml",
	".html": "html", ".htm": "html",
}

// langByName maps well-known file names to languages.
var langByName = map[string]string{
	"Pipfile": "toml", "Dockerfile": "shell", "Makefile": "text",
	"go.mod": "text", "go.sum": "text", ".bashrc": "shell", ".profile": "shell",
	".zshrc": "shell", ".bash_profile": "shell",
}

// Interpreters named on a shebang line, by language.
var shebangLang = map[string]string{
	"sh": "shell", "bash": "shell", "zsh": "shell", "dash": "shell", "ksh": "shell", "ash": "shell",
	"python": "python", "python2": "python", "python3": "python", "pypy": "python", "pypy3": "python",
	"node": "javascript", "nodejs": "javascript", "deno": "typescript", "bun": "javascript",
	"ts-node": "typescript", "tsx": "typescript",
}

// ShebangLang returns the language named by a "#!" line, or "".
func ShebangLang(data []byte) string {
	if !bytes.HasPrefix(data, []byte("#!")) {
		return ""
	}
	line, _, _ := bytes.Cut(data[2:], []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return ""
	}
	prog := fields[0][strings.LastIndexByte(fields[0], '/')+1:]
	if prog == "env" {
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") {
				prog = f
				break
			}
		}
	}
	if l, ok := shebangLang[prog]; ok {
		return l
	}
	for p, l := range shebangLang { // python3.11, node20 …
		if strings.HasPrefix(prog, p) && strings.Trim(prog[len(p):], "0123456789.") == "" {
			return l
		}
	}
	return ""
}

// LangForExt returns the language a name's extension implies, or "".
func LangForExt(name string) string {
	base := name[strings.LastIndexAny(name, "/!")+1:]
	if l, ok := langByName[base]; ok {
		return l
	}
	e := ext(name)
	if l, ok := langByExt[e]; ok {
		return l
	}
	if strings.HasPrefix(strings.ToLower(base), "requirements") && e == ".txt" || e == ".in" && strings.HasPrefix(strings.ToLower(base), "requirements") {
		return "requirements"
	}
	return ""
}

// classify sets Kind, Format and Lang from the name and the bytes.
func classify(f *File) {
	if f.Data == nil {
		f.Kind, f.Lang = Unknown, "binary"
		return
	}
	if kind, format := sniff(f.Data); kind != "" {
		f.Kind, f.Format, f.Lang = kind, format, "binary"
		return
	}
	if !looksText(f.Data) {
		if kind, format, ok := byExtension(f.Path); ok {
			f.Kind, f.Format, f.Lang = kind, format, "binary"
			return
		}
		f.Kind, f.Format, f.Lang = Unknown, "binary data", "binary"
		return
	}
	f.Kind = Text
	if l := ShebangLang(f.Data); l != "" {
		f.Lang = l
		return
	}
	if l := LangForExt(f.Path); l != "" {
		f.Lang = l
		return
	}
	f.Lang = "text"
}

// looksText reports whether data is text: no NUL bytes and mostly valid
// UTF-8 in the first 8 KiB. UTF-16 with a BOM counts as text.
func looksText(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return true
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	bad := 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 && len(head) > 3 {
			bad++
		}
		head = head[n:]
	}
	return bad*20 < len(data) || bad < 4
}

type magic struct {
	off    int
	prefix string
	kind   Kind
	format string
}

// magics are checked in order; the first match wins.
var magics = []magic{
	{0, "\x7fELF", Executable, "an ELF executable"},
	{0, "\xfe\xed\xfa\xce", Executable, "a Mach-O executable"},
	{0, "\xfe\xed\xfa\xcf", Executable, "a Mach-O executable"},
	{0, "\xce\xfa\xed\xfe", Executable, "a Mach-O executable"},
	{0, "\xcf\xfa\xed\xfe", Executable, "a Mach-O executable"},
	{0, "\x00asm", Executable, "a WebAssembly module"},
	{0, "dex\n", Bytecode, "Android bytecode"},
	{0, "PK\x03\x04", Archive, "zip"},
	{0, "PK\x05\x06", Archive, "zip"},
	{0, "\x1f\x8b", Archive, "gzip"},
	{257, "ustar", Archive, "tar"},
	{0, "BZh", Archive, "bzip2"},
	{0, "\xfd7zXZ\x00", Archive, "xz"},
	{0, "7z\xbc\xaf\x27\x1c", Archive, "7z"},
	{0, "Rar!\x1a\x07", Archive, "rar"},
	{0, "\x28\xb5\x2f\xfd", Archive, "zstd"},
	{0, "%PDF-", Document, "a PDF document"},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Document, "an OLE (legacy Office) document"},
	{0, "{\\rtf", Document, "an RTF document"},
	{0, "\x89PNG\r\n\x1a\n", Data, "a PNG image"},
	{0, "\xff\xd8\xff", Data, "a JPEG image"},
	{0, "GIF87a", Data, "a GIF image"},
	{0, "GIF89a", Data, "a GIF image"},
	{8, "WEBP", Data, "a WebP image"},
	{0, "\x00\x00\x01\x00", Data, "an ICO image"},
	{0, "BM", Data, "a BMP image"},
	{0, "II*\x00", Data, "a TIFF image"},
	{0, "MM\x00*", Data, "a TIFF image"},
	{0, "\x00\x01\x00\x00\x00", Data, "a TrueType font"},
	{0, "OTTO", Data, "an OpenType font"},
	{0, "wOFF", Data, "a WOFF font"},
	{0, "wOF2", Data, "a WOFF2 font"},
	{0, "ID3", Data, "an MP3 audio file"},
	{0, "OggS", Data, "an Ogg media file"},
	{0, "fLaC", Data, "a FLAC audio file"},
	{8, "WAVE", Data, "a WAV audio file"},
	{4, "ftyp", Data, "an MP4/QuickTime media file"},
	{0, "\x1aE\xdf\xa3", Data, "a Matroska/WebM media file"},
	{0, "SQLite format 3\x00", Data, "an SQLite database"},
	{0, "\x93NUMPY", Data, "a NumPy array"},
}

// Sniff identifies a binary format by its magic bytes, as Load does for
// files; analyzers use it on decoded payloads. Text returns "".
func Sniff(data []byte) (Kind, string) { return sniff(data) }

// sniff identifies binary formats by their magic bytes. Text formats
// return "".
func sniff(data []byte) (Kind, string) {
	for _, m := range magics {
		if len(data) >= m.off+len(m.prefix) && string(data[m.off:m.off+len(m.prefix)]) == m.prefix {
			if m.format == "zip" {
				return zipKind(data)
			}
			return m.kind, m.format
		}
	}
	// Java class files and fat Mach-O share 0xCAFEBABE; a class file has a
	// major version of 45 or more where a fat binary has a small arch count.
	if len(data) >= 8 && string(data[:4]) == "\xca\xfe\xba\xbe" {
		if int(data[6])<<8|int(data[7]) >= 45 {
			return Bytecode, "Java bytecode (.class)"
		}
		return Executable, "a Mach-O universal executable"
	}
	if len(data) >= 2 && data[0] == 'M' && data[1] == 'Z' && isPE(data) {
		return Executable, "a Windows PE executable"
	}
	if isPyc(data) {
		return Bytecode, "Python bytecode (.pyc)"
	}
	return "", ""
}

func isPE(data []byte) bool {
	if len(data) < 0x40 {
		return false
	}
	off := int(data[0x3c]) | int(data[0x3d])<<8 | int(data[0x3e])<<16 | int(data[0x3f])<<24
	return off > 0 && off+4 <= len(data) && string(data[off:off+4]) == "PE\x00\x00"
}

// isPyc recognises CPython bytecode: a two-byte version magic followed by
// "\r\n", then (3.7+) a flags word and a code object marker after 16 bytes.
func isPyc(data []byte) bool {
	if len(data) < 17 || data[2] != '\r' || data[3] != '\n' {
		return false
	}
	v := int(data[0]) | int(data[1])<<8
	if v < 2000 || v > 4000 {
		return false
	}
	switch data[16] &^ 0x80 {
	case 'c': // TYPE_CODE after a 16-byte header (3.7+)
		return true
	}
	return len(data) > 12 && data[12]&^0x80 == 'c' || data[8]&^0x80 == 'c'
}

// zipKind tells Office Open XML and OpenDocument files from plain zips.
func zipKind(data []byte) (Kind, string) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case bytes.Contains(head, []byte("[Content_Types].xml")) || bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("xl/")) || bytes.Contains(head, []byte("ppt/")):
		return Document, "an Office Open XML document"
	case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")):
		return Document, "an OpenDocument file"
	}
	return Archive, "zip"
}

// byExtension names binary formats that have no reliable magic.
func byExtension(p string) (Kind, string, bool) {
	switch ext(p) {
	case ".pyc", ".pyo":
		return Bytecode, "Python bytecode (.pyc)", true
	case ".so", ".dylib", ".dll", ".exe", ".node":
		return Executable, "a native library or executable", true
	case ".ico", ".cur", ".icns":
		return Data, "an icon", true
	case ".ttf", ".otf", ".eot":
		return Data, "a font", true
	case ".mo":
		return Data, "a gettext catalog", true
	}
	return "", "", false
}

// dataExts are extensions that claim a file is data or prose.
var dataExts = map[string]string{
	".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image",
	".svg": "an image", ".ico": "an image", ".bmp": "an image",
	".txt": "text", ".md": "text", ".csv": "data", ".json": "data", ".yaml": "data", ".yml": "data",
	".pdf": "a document", ".doc": "a document", ".docx": "a document", ".xlsx": "a document",
	".ttf": "a font", ".woff": "a font", ".woff2": "a font", ".otf": "a font",
	".mp3": "audio", ".wav": "audio", ".mp4": "video", ".dat": "data", ".bin": "data",
	".xml": "data", ".html": "a web page", ".css": "a stylesheet", ".zip": "an archive",
}

// disguise reports whether an executable or bytecode file carries a name
// that claims data or text.
func disguise(f *File) (string, bool) {
	what, ok := dataExts[f.Ext()]
	return what, ok
}

// activeContent looks for code inside documents: PDF JavaScript and
// launch actions, Office macros.
func activeContent(f *File) string {
	d := f.Data
	switch {
	case bytes.HasPrefix(d, []byte("%PDF-")):
		for _, k := range []string{"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/OpenAction"} {
			if bytes.Contains(d, []byte(k)) {
				if k == "/OpenAction" && !bytes.Contains(d, []byte("/JS")) {
					continue
				}
				return "PDF active content (" + k + ")"
			}
		}
	case bytes.HasPrefix(d, []byte("\xd0\xcf\x11\xe0")):
		if bytes.Contains(d, []byte("V\x00B\x00A")) || bytes.Contains(d, []byte("_VBA_PROJECT")) || bytes.Contains(d, []byte("Attribute VB_")) {
			return "Office macros (VBA)"
		}
	case bytes.HasPrefix(d, []byte("PK")):
		if bytes.Contains(d, []byte("vbaProject.bin")) {
			return "Office macros (vbaProject.bin)"
		}
		if bytes.Contains(d, []byte("oleObject")) {
			return "an embedded OLE object"
		}
	case bytes.HasPrefix(d, []byte("{\\rtf")):
		if bytes.Contains(d, []byte("\\objdata")) || bytes.Contains(d, []byte("\\object")) {
			return "an embedded RTF object"
		}
	}
	return ""
}

// otherCode maps extensions of programming languages skillgate does not
// analyse to their names; such files are reported, never passed as text.
var otherCode = map[string]string{
	".rb": "Ruby", ".pl": "Perl", ".pm": "Perl", ".php": "PHP", ".ps1": "PowerShell", ".psm1": "PowerShell",
	".lua": "Lua", ".r": "R", ".java": "Java", ".kt": "Kotlin", ".kts": "Kotlin", ".scala": "Scala",
	".groovy": "Groovy", ".rs": "Rust", ".c": "C", ".cc": "C++", ".cpp": "C++", ".cxx": "C++", ".h": "C",
	".hpp": "C++", ".cs": "C#", ".swift": "Swift", ".m": "Objective-C", ".vbs": "VBScript", ".vba": "VBA",
	".bat": "a Windows batch file", ".cmd": "a Windows batch file", ".applescript": "AppleScript",
	".scpt": "AppleScript", ".tcl": "Tcl", ".awk": "awk", ".fish": "fish", ".nu": "Nushell",
	".ex": "Elixir", ".exs": "Elixir", ".erl": "Erlang", ".hs": "Haskell", ".jl": "Julia", ".dart": "Dart",
	".zig": "Zig", ".nim": "Nim", ".cr": "Crystal", ".clj": "Clojure", ".coffee": "CoffeeScript",
	".vue": "Vue", ".svelte": "Svelte", ".wasm": "WebAssembly",
}

// otherInterpreters are shebang programs of languages skillgate does not
// analyse.
var otherInterpreters = map[string]string{
	"ruby": "Ruby", "perl": "Perl", "php": "PHP", "pwsh": "PowerShell", "powershell": "PowerShell",
	"lua": "Lua", "Rscript": "R", "osascript": "AppleScript", "tclsh": "Tcl", "wish": "Tcl",
	"awk": "awk", "gawk": "awk", "fish": "fish", "elixir": "Elixir", "julia": "Julia", "java": "Java",
	"kotlin": "Kotlin", "scala": "Scala", "groovy": "Groovy", "dart": "Dart", "expect": "Expect",
}

// UnanalysedLanguage names the programming language of a text file that
// skillgate has no analyzer for ("Ruby", "Perl" …), by shebang or
// extension, or returns "".
func UnanalysedLanguage(f *File) string {
	if !f.IsText() || f.Lang != "text" {
		return ""
	}
	if bytes.HasPrefix(f.Data, []byte("#!")) {
		line, _, _ := bytes.Cut(f.Data[2:], []byte("\n"))
		fields := strings.Fields(string(line))
		if len(fields) > 0 {
			prog := fields[0][strings.LastIndexByte(fields[0], '/')+1:]
			if prog == "env" && len(fields) > 1 {
				prog = fields[1]
			}
			if name, ok := otherInterpreters[strings.TrimRight(prog, "0123456789.")]; ok {
				return name
			}
		}
	}
	return otherCode[f.Ext()]
}
