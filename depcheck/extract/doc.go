// Package extract reads the dependencies a skill declares or installs:
// Python (requirements*.txt, pyproject.toml, setup.py, setup.cfg, Pipfile),
// npm (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml), Go
// (go.mod), installs run from scripts and SKILL.md code blocks, and
// OpenClaw's metadata.openclaw.install[]. It also reports install hooks
// (package.json lifecycle scripts, setup.py cmdclass) and manifest
// constructs that escape the registry (go.mod replace, URL and VCS
// requirements).
//
// Extractors parse bytes already loaded; they never run a package manager,
// never fetch and never read outside the skill. The list of extractors is
// explicit, in list.go.
package extract
