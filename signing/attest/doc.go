// Package attest builds and parses the approval statement: an in-toto
// Statement v1 whose single subject is "skill:<name>" with the skilltree-v1
// digest (as digest algorithm "sha256", the hash function underneath; the
// predicate names the tree format in digestAlgorithm), and whose predicate
// (type [PredicateType]) records what the reviewer approved: the file
// list, the scan report's digest, the verdict and any verdict override,
// the scanner and rules versions, the approved capabilities, the
// approver and the approval and expiry times.
//
// Parse is strict (unknown fields, wrong types, a second subject, an
// oversized payload are errors) because its input is untrusted until the
// signature and every field have been checked by signing/trust.
package attest
