// Package trigger defines an Analyzer for network use or process
// execution that only happens under a time bomb or a host check (SG2008):
// the condition of an if statement reads the clock (time.Now, a date, the
// weekday), the host name or the user, or a random number, and its body
// reaches a network or process call, directly or through the package's
// functions.
package trigger
