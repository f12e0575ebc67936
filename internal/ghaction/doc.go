// Package ghaction holds the tests that keep the GitHub Action and the
// workflows honest: actionlint passes on every workflow, and every
// workflow follows the hardening rules (top-level `permissions: {}`,
// actions pinned by commit SHA with a version comment,
// `persist-credentials: false` on checkout).
package ghaction
