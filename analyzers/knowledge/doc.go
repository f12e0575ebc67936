// Package knowledge is what every language analyzer needs to know about
// the world, kept as data in one place: which paths are credential
// stores, browser profiles, wallets, persistence targets or the agent's
// own configuration; which hosts are webhook, paste, tunnel or file-drop
// services; which environment variable names hold secrets; which programs
// are network clients, interpreters or miners.
//
// Analyzers in every language (shell, Python, JS/TS, Go) classify through
// these functions so a path or host is judged the same way wherever it
// appears. Detectors judge behaviour and the role a host plays (a
// webhook endpoint, a raw IP), never a fixture's placeholder name.
package knowledge
