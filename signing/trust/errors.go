package trust

import (
	"errors"
	"fmt"
	"strings"

	"skillgate.dev/skillgate/signing/digest"
)

// Code is a stable gate error code (DESIGN 4.3). Codes never change
// meaning.
type Code string

// The gate error codes.
const (
	ENoApproval      Code = "E_NO_APPROVAL"
	ESigInvalid      Code = "E_SIG_INVALID"
	EKeyUnknown      Code = "E_KEY_UNKNOWN"
	ETreeMismatch    Code = "E_TREE_MISMATCH"
	ESubjectMismatch Code = "E_SUBJECT_MISMATCH"
	EApprovalExpired Code = "E_APPROVAL_EXPIRED"
	EKeyRevoked      Code = "E_KEY_REVOKED"
	EDigestRevoked   Code = "E_DIGEST_REVOKED"
	EThreshold       Code = "E_THRESHOLD"
	EVerdict         Code = "E_VERDICT"
	ERulesDowngrade  Code = "E_RULES_DOWNGRADE"
	EPolicyInvalid   Code = "E_POLICY_INVALID"
	EPolicyExpired   Code = "E_POLICY_EXPIRED"
	EPolicyRollback  Code = "E_POLICY_ROLLBACK"
	ETreeSymlink     Code = "E_TREE_SYMLINK"
	ETreeSpecial     Code = "E_TREE_SPECIAL"
	ETreePath        Code = "E_TREE_PATH"
)

// Error is a verification or policy failure. Callers branch on Code;
// Message says what is wrong and Hint what to do. Files lists the
// per-file differences of an E_TREE_MISMATCH. Bundle names the approval
// file the error is about, when there is one.
type Error struct {
	Code    Code
	Message string
	Hint    string
	Files   []digest.Change
	Bundle  string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	if e.Bundle != "" {
		b.WriteString(e.Bundle)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	for _, f := range e.Files {
		b.WriteString("\n  ")
		b.WriteString(f.String())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// AsError returns err's [*Error], if any.
func AsError(err error) (*Error, bool) {
	var te *Error
	ok := errors.As(err, &te)
	return te, ok
}

func errorf(code Code, hint, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Hint: hint}
}

// fromTree maps a digest error to its code; other errors are I/O errors
// and pass through unchanged.
func fromTree(err error) error {
	te, ok := digest.AsTreeError(err)
	if !ok {
		return err
	}
	e := &Error{Message: te.Error(), Err: err}
	switch te.Code {
	case digest.CodeSymlink:
		e.Code = ETreeSymlink
		e.Hint = "replace the link with the file it points to, or remove it, then re-approve"
	case digest.CodeSpecial:
		e.Code = ETreeSpecial
		e.Hint = "skills may hold only regular files and folders: remove hard links, devices, FIFOs and setuid/setgid bits, then re-approve"
	default:
		e.Code = ETreePath
		e.Hint = "rename the file (NFC, no control characters or backslashes, no names that differ only in case), then re-approve"
	}
	return e
}

// rank orders bundle errors when no approval counts: the most specific
// and actionable one is reported.
var rank = []Code{
	ETreePath, ETreeMismatch, ESubjectMismatch, ESigInvalid, EKeyRevoked, EDigestRevoked,
	EKeyUnknown, EApprovalExpired, EVerdict, ERulesDowngrade,
}

func rankOf(c Code) int {
	for i, r := range rank {
		if r == c {
			return i
		}
	}
	return len(rank)
}
