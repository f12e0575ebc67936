// Package trigger defines an Analyzer for network use or process
// execution that only happens under a time bomb or a host check (SG2008):
// the condition of an if statement reads the clock (time.Now, a date, the
// weekday), the host name or the user, a random number, a CI or sandbox
// marker (os.Getenv("CI"), GITHUB_ACTIONS, the presence of /.dockerenv,
// directly, through a variable or through a function of the package that
// checks one), and its body reaches a network or process call, directly
// or through the package's functions (or those of the skill's other
// packages). For a CI or sandbox marker an early exit counts too: the
// code after `if os.Getenv("CI") != "" { return }` only runs outside CI.
package trigger
