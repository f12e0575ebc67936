// Package fileaccess defines an Analyzer that classifies the files a
// package reads and writes with knowledge.ClassifyPath, after folding
// paths (filepath.Join(os.UserHomeDir(), ".ssh", "id_rsa") is
// "~/.ssh/id_rsa", os.Getenv("HOME")+"/.aws/credentials" is
// "~/.aws/credentials"): credential stores read (SG5001), browser
// profiles and wallets read (SG5002), persistence targets written
// (SG4001), the agent's configuration or other skills written (SG4002),
// the container runtime socket (SG2012). Other paths are capabilities.
// As in the other languages, relative names (a skill's own ".env") and
// the public files under ~/.ssh are read without a finding; they are
// still sources for the exfil pass.
package fileaccess
