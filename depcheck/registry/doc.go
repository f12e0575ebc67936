// Package registry answers "does this package exist, and how popular is
// it?" from the lists embedded in depcheck/data, without the network.
//
// PyPI's list is complete (every name the index served on the list's date),
// so a name missing from it almost certainly does not exist. npm's list holds
// packages above roughly 400 downloads a month, so a missing name is unknown
// or very rare. Go has no complete list: only the curated popular modules.
//
// Lists are decoded lazily, once per process, into a sorted blob searched
// by binary search; the package never touches the network.
package registry
