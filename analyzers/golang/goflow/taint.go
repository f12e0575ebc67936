package goflow

import (
	"go/token"
	"strings"
)

// Label is a kind of data the taint analysis tracks.
type Label uint16

// Labels. Sensitive covers what must not leave the machine.
const (
	SecretFile Label = 1 << iota // content of a credential store, browser profile or wallet
	SecretEnv                    // a secret environment variable
	Environ                      // the whole environment
	SysInfo                      // host name, user, interfaces
	NetData                      // data received from the network
	ConnDial                     // a network connection the code dialed
	ConnAccept                   // a connection accepted from a listener
	Decoded                      // data decoded from an encoded literal
	numLabels  = 8

	Sensitive = SecretFile | SecretEnv | Environ | SysInfo
	Conn      = ConnDial | ConnAccept
)

var labelNames = [numLabels]string{"a credential file", "a secret environment variable", "the whole environment", "system information", "content received from the network", "a dialed connection", "an accepted connection", "decoded data"}

func (l Label) index() int {
	for i := 0; i < numLabels; i++ {
		if l == 1<<i {
			return i
		}
	}
	return -1
}

// String names a single label.
func (l Label) String() string {
	if i := l.index(); i >= 0 {
		return labelNames[i]
	}
	var parts []string
	for i := 0; i < numLabels; i++ {
		if l&(1<<i) != 0 {
			parts = append(parts, labelNames[i])
		}
	}
	return strings.Join(parts, ", ")
}

// Step is one piece of evidence: a position and what happens there.
type Step struct {
	Pos  token.Pos
	Note string
}

// maxSteps bounds the trace kept per label.
const maxSteps = 8

// Taint is the set of labels a value carries, each with the steps from
// its source.
type Taint struct {
	Bits  Label
	Steps [numLabels][]Step
}

// Has reports whether any of the labels in l is present.
func (t Taint) Has(l Label) bool { return t.Bits&l != 0 }

// Trace returns the steps of the first label of l that is present.
func (t Taint) Trace(l Label) []Step {
	for i := 0; i < numLabels; i++ {
		if l&(1<<i) != 0 && t.Bits&(1<<i) != 0 {
			return t.Steps[i]
		}
	}
	return nil
}

// First returns the first label of l that is present.
func (t Taint) First(l Label) Label {
	for i := 0; i < numLabels; i++ {
		if l&(1<<i) != 0 && t.Bits&(1<<i) != 0 {
			return 1 << i
		}
	}
	return 0
}

// merge adds o's labels to t, appending hop to the steps of new labels.
func (t *Taint) merge(o Taint, hop *Step) bool {
	add := o.Bits &^ t.Bits
	if add == 0 {
		return false
	}
	for i := 0; i < numLabels; i++ {
		if add&(1<<i) == 0 {
			continue
		}
		steps := append([]Step(nil), o.Steps[i]...)
		if hop != nil && len(steps) < maxSteps {
			steps = append(steps, *hop)
		}
		t.Steps[i] = steps
	}
	t.Bits |= add
	return true
}

func source(l Label, pos token.Pos, note string) Taint {
	var t Taint
	t.Bits = l
	for i := 0; i < numLabels; i++ {
		if l&(1<<i) != 0 {
			t.Steps[i] = []Step{{Pos: pos, Note: note}}
		}
	}
	return t
}
