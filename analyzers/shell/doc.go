// Package shell is skillgate's shell analyzer, built on the syntax trees
// of mvdan.cc/sh/v3 (bash dialect, POSIX as a fallback, zsh for .zsh
// files).
//
// # Analyzer shell
//
// The Extract phase finds the bundled files a script runs (`sh notes.txt`,
// `python3 tool.pyc`, `./scripts/run.sh`, `source lib.sh`, with
// `$SKILL_DIR`, `${CLAUDE_SKILL_DIR}` and `$(dirname "$0")` prefixes
// resolved) and marks them executed, and turns constant strings given to
// `bash -c`, `sh -c`, `eval`, `python -c` and `node -e` into derived units.
//
// Text a script writes into a file that runs later on its own (a git
// hook, ~/.bashrc: here-documents, echo, printf, tee) becomes a derived
// unit of the language its shebang names, with the origin "written to
// FILE by SCRIPT:LINE"; a secret such planted code sends in a request
// body is exfiltration whatever the host. Arguments given to
// `python3 - ARGS <<EOF` and `python -c CODE ARGS` travel with the
// derived unit (sys.argv).
//
// The Run phase walks each script in order with a small abstract state:
// variables (assignments, `export`, `$(…)`, concatenation) carry a
// constant value where one is known and taints otherwise — network
// content, decoded data, credential contents, secret environment
// variables, the whole environment, system identity — plus the steps that
// produced them, so that every finding carries its trace. `read`
// assigns its input to the variables it names, and a for loop over at
// most eight words runs once per word. Pipelines,
// redirections, command and process substitution and here-strings move
// taints between commands. From this it reports pipe-to-interpreter,
// decode-then-execute, download + chmod + run, reverse and bind shells,
// exfiltration and DNS exfiltration, persistence and agent-configuration
// writes, privilege elevation, setuid bits, quarantine removal, miners,
// fork bombs, dynamic evaluation, credential reads and environment dumps;
// and it records the skill's capabilities (hosts, programs, environment
// variables, sensitive files read and written).
//
// A script that does not parse is analysed up to each syntax error and
// resumed after it, and the error is reported as SG8102. Hosts and URLs
// as such (webhooks, raw IPs, stratum pools) are judged by the text layer,
// not here.
package shell
