// Package online asks the package registries (npm, PyPI) about names the
// offline lists do not hold — the only network use of the dependency gate,
// and only with `scan --online`. Tests use in-process fakes.
package online
