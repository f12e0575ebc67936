// Package envread defines an Analyzer that records the environment
// variables a package reads (os.Getenv, os.LookupEnv, syscall.Getenv) as
// capabilities and reports reads of the whole environment (os.Environ,
// SG5003). Whether a secret variable leaves the machine is judged by the
// exfil pass.
package envread
