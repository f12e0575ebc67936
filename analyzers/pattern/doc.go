// Package pattern runs the rule catalog's data-driven rules: every
// catalog entry with a `match:` block is a regular expression that the
// pattern analyzer matches over the units in the rule's languages.
//
// # Analyzer pattern
//
// For each unit (a file, a code block in SKILL.md, a decoded payload) in
// one of a rule's `languages` ("any" = every text unit), the rule's
// `pattern` (RE2) is matched line by line — or over the whole unit when
// `multiline: true` — and every match is reported at its line and column.
// `unless` drops a match when the exception matches the same line (for a
// multiline rule: the matched text). The rule's `message` is the finding's
// message; `{name}` in it is replaced by the named capture group
// `(?P<name>…)`, any other `{placeholder}` by the matched text. At most
// 100 matches of one rule are reported per unit.
//
// # Adding a detection: one catalog entry plus one fixture
//
// A lexical detection needs no Go code. First, write
// rules/catalog/SGnnnn.yaml (an ID in your range) with the usual fields
// and a match block:
//
//	id: SG2012
//	name: docker-socket
//	...
//	languages: [shell, javascript, typescript, yaml]
//	message: "uses the container runtime socket {path}"
//	match:
//	  kind: regex
//	  pattern: '(?P<path>/(?:var/)?run/docker\.sock)'
//	  unless: '^\s*(#|//)'
//
// Then write rules/testdata/SGnnnn-<case>.txtar: a skill whose lines that
// must be reported carry `# want "SGnnnn"` (or `// want`, `<!-- want -->`),
// and near misses that must stay silent. `go test ./scan -run
// TestRuleFixtures/SGnnnn` runs it through the whole pipeline, and `go test
// ./analyzers/pattern` runs every pattern rule's fixtures with this
// analyzer alone.
//
// The analyzer declares the catalog's pattern rules when it is built
// ([New]); [Analyzer] is built from the embedded catalog, so the new
// entry is live as soon as the catalog is rebuilt. Rules whose honest
// implementation needs syntax (data flow, arguments, quoting) belong in a
// language analyzer instead.
package pattern
