package shell

import (
	"slices"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// taint is what a value or a command's output may carry.
type taint uint16

const (
	tNet       taint = 1 << iota // content received from the network
	tDecoded                     // output of a decoder (base64 -d, xxd -r …)
	tCred                        // contents of a credential store
	tSecretEnv                   // a secret environment variable
	tEnvDump                     // the whole environment
	tSystem                      // user, host or system identity
	tBrowser                     // browser profile or wallet data
	tPlain                       // fetched over plain http://
)

// sensitive is the set of taints whose arrival at a network send is
// exfiltration wherever it goes.
const sensitive = tCred | tEnvDump | tSystem | tBrowser

// value is the abstract value of a word or variable.
type value struct {
	// s is the text as far as it is known; unknown parts are rendered
	// as "$NAME" or "$(…)" so that the same variable renders alike.
	s string
	// known is set when s is the exact value.
	known bool
	t     taint
	// steps is the evidence for the taints, in order.
	steps []finding.Step
}

func (v *value) add(o value) {
	v.s += o.s
	v.known = v.known && o.known
	v.t |= o.t
	v.steps = appendSteps(v.steps, o.steps...)
}

func appendSteps(dst []finding.Step, src ...finding.Step) []finding.Step {
	for _, s := range src {
		if !slices.ContainsFunc(dst, func(d finding.Step) bool { return d == s }) {
			dst = append(dst, s)
		}
	}
	if len(dst) > 8 {
		dst = dst[len(dst)-8:]
	}
	return dst
}

// flow is what moves through a pipe: the taints of a command's output.
type flow struct {
	t     taint
	steps []finding.Step
}

func (f *flow) merge(o flow) {
	f.t |= o.t
	f.steps = appendSteps(f.steps, o.steps...)
}

func (v value) flow() flow { return flow{t: v.t, steps: v.steps} }

// describe names the most telling taint for messages.
func (t taint) describe() string {
	switch {
	case t&tCred != 0:
		return "credential file contents"
	case t&tBrowser != 0:
		return "browser or wallet data"
	case t&tEnvDump != 0:
		return "the whole environment"
	case t&tSecretEnv != 0:
		return "a secret environment variable"
	case t&tSystem != 0:
		return "user and host identity"
	case t&tNet != 0:
		return "downloaded content"
	case t&tDecoded != 0:
		return "decoded data"
	}
	return "data"
}

// words returns the known text of vals, for option matching.
func texts(vals []value) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v.s
	}
	return out
}

// hasOpt reports whether args contain one of the options, either alone
// or, for single-letter options, inside a cluster ("-qO-").
func hasOpt(args []string, opts ...string) bool {
	for _, a := range args {
		for _, o := range opts {
			if a == o || strings.HasPrefix(o, "--") && strings.HasPrefix(a, o+"=") {
				return true
			}
			if len(o) == 2 && o[0] == '-' && len(a) > 2 && len(a) <= 5 && a[0] == '-' && a[1] != '-' && strings.IndexByte(a[1:], o[1]) >= 0 && isLetters(a[1:]) {
				return true
			}
		}
	}
	return false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
