// Package js analyses the JavaScript and TypeScript (incl. JSX/TSX) of a
// skill: what the code can do (capabilities per call site), and where
// sensitive data or remote content flows (behaviours), across the files
// of one skill.
//
// Each unit is parsed once with tree-sitter (the JavaScript, TypeScript
// or TSX grammar, chosen by file extension) and copied into a small Go
// syntax tree; the C tree and parsers are freed before analysis. A unit
// with syntax errors is analysed on what parsed and reported as SG8102.
//
// Analysis is an abstract interpreter over that tree. Values carry a
// folded constant (string building, template literals, join,
// String.fromCharCode, base64/hex/zlib/rot13/XOR decoding of literals), a
// qualified API name resolved through require/import/aliases/
// destructuring/globalThis[...] lookups, a role (socket, child process,
// request) and taint sources with the steps that produced them. Calls of
// the skill's own functions are inlined with their arguments (memoised,
// depth-bounded), callbacks and promise continuations are run with the
// values they would receive, and local modules are resolved across files
// (`require('./lib')`, `import … from './lib'`). Sinks — network sends,
// process execution, eval/Function/vm, file writes — turn the taint they
// receive into findings whose trace runs from source to sink. Decoded or
// inline code that is executed is analysed as a virtual unit anchored at
// the call.
//
// In the Extract phase the analyzer derives shell units from constant
// command lines given to a shell (execSync('curl … | sh'), spawn('sh',
// ['-c', …]), zx's $`…`), so the shell analyzer judges them; the parse is
// kept for the Run phase, so each unit is parsed once. tree-sitter is
// pointed at libc's allocator (see useLibcAllocator) because the Go
// shims of go-tree-sitter make every allocation a cgo callback.
//
// Bounds: call inlining depth, a step budget per skill (exhausting it is
// reported as SG8102), loop unrolling over small constant arrays, the
// size of folded strings, and the number and depth of decoded or inline
// code units analysed.
//
// The package owns the JS/TS rules' logic only; hosts, paths, secret
// environment names and program names are judged through
// [skillgate.dev/skillgate/analyzers/knowledge]. It never runs code.
package js
