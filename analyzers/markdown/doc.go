// Package markdown is skillgate's Markdown analyzer: SKILL.md's front
// matter, prompt injection in every Markdown file, and the code embedded
// in Markdown.
//
// # Analyzer markdown
//
// Front matter is checked against the Agent Skills spec (name format and
// equality with the folder, description, allowed keys) while accepting
// the keys Claude Code and OpenClaw add; `metadata.openclaw` may be a YAML
// map or a JSON5 string, parsed leniently. Problems are `manifest`
// findings, never above medium.
//
// Prose, HTML comments and the front matter are searched for instruction
// overrides, requests to hide actions from the user, instructions fetched
// from the network, fake system or vendor markup, instructions hidden in
// comments, invisible Unicode (tag characters are decoded and the hidden
// text shown; zero-width and bidi controls) and ClawHavoc-style fake
// prerequisites (download-and-run prose, archive passwords, paste-site
// links). Text inside code spans and fences is treated as a quotation, not
// an instruction, except where noted.
//
// The Extract phase turns fenced shell, Python and JavaScript/TypeScript
// blocks, Claude Code's “ !`cmd` “ load-time commands and inline code
// spans that are commands into units of their language, mapped back to
// the lines of the Markdown file, so the shell analyzer (and the others)
// report on SKILL.md lines with the block in the trace.
package markdown
