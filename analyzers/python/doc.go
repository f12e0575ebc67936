// Package python is skillgate's analyzer for Python code: skill scripts,
// Python blocks in SKILL.md, `python -c` strings and payloads decoded from
// literals.
//
// Each unit is parsed once with tree-sitter and converted into a small Go
// syntax tree (the C tree is closed straight away). An abstract
// interpreter then walks the code of every module of the skill in order:
// it resolves imports and aliases (including `__import__`, `importlib`,
// `getattr` and `globals()`/`vars()` lookups), folds constant strings
// (concatenation, join, format, f-strings, `chr` sequences, reversals,
// `bytes([...])`), decodes literal payloads (base64, hex, zlib, rot13,
// XOR in a comprehension) through [skillgate.dev/skillgate/analyzers/decode]
// and analyses code handed to exec/eval as Python too.
//
// Values carry taint — credential file contents, secret environment
// variables, the whole environment, system information, network
// responses, decoded data — with the trace of steps that produced them.
// Calls into the skill's own functions are followed (context-sensitively,
// bounded), including functions imported from the skill's other modules,
// so a secret read in one file and posted in another is one finding with
// the whole trace. Sinks (network sends, process execution, dynamic code,
// file writes) record capabilities and report behaviours under the shared
// rule IDs (SG3001 exfiltration, SG2007 remote code execution, SG2003
// decode-and-execute, …). Severity follows evidence: a call to a literal
// ordinary host is only a capability, and a secret environment variable
// sent to that host's API is authentication, not exfiltration.
//
// Files carry taint too: sensitive data the skill writes, copies or
// archives (zipfile, tarfile, shutil.make_archive, a staging folder,
// an in-memory BytesIO) is remembered on the written path, so reading
// the archive back and posting it is one flow. Library readers that take
// a path (configparser, netrc, dotenv, sqlite3) are reads of that file.
// A loop over at most eight constant strings runs once per string, so a
// path joined from a loop variable is judged whole.
//
// # Limits
//
// The interpretation is bounded so hostile input cannot stall a scan:
// calls are followed six deep (recursion is cut), comprehensions are
// evaluated concretely only over constants of at most 65,536 elements,
// folded strings stop at 256 KiB, decoded code is followed three levels
// deep, and one skill gets three million evaluation steps (a 20 s wall
// clock is the last resort). A unit that hits a bound, or that has
// syntax errors, is reported as SG8102 and analysed on what was
// evaluated. Control flow is joined, not path-sensitive: both branches of
// an `if` run and their bindings are merged. Shell lines run through
// os.system are checked for "download | interpreter" only; they are not
// handed to the shell analyzer.
package python
