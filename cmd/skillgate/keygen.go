package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"skillgate.dev/skillgate/signing/keys"
)

func newKeygenCmd() *cobra.Command {
	var prefix string
	cmd := &cobra.Command{
		Use:   "keygen --output-key-prefix NAME",
		Short: "Create a cosign-compatible encrypted key pair (NAME.key, NAME.pub)",
		Long: `keygen writes an ECDSA P-256 key pair in cosign's format: NAME.key, encrypted with a
password (scrypt + secretbox, "ENCRYPTED SIGSTORE PRIVATE KEY", mode 0600), and NAME.pub.
cosign reads these keys, and skillgate reads keys made by ` + "`cosign generate-key-pair`" + `.

The password comes from SKILLGATE_PASSWORD, then COSIGN_PASSWORD, then the terminal
(asked twice). Existing files are never overwritten.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runKeygen(cmd, prefix)
		},
	}
	cmd.Flags().StringVar(&prefix, "output-key-prefix", "", "write the keys to `NAME`.key and NAME.pub (required)")
	return cmd
}

func runKeygen(cmd *cobra.Command, prefix string) error {
	if prefix == "" {
		return usageErr("--output-key-prefix is required", "e.g. skillgate keygen --output-key-prefix alice")
	}
	privFile, pubFile := prefix+".key", prefix+".pub"
	for _, f := range []string{privFile, pubFile} {
		if _, err := os.Lstat(f); err == nil {
			return usageErr(fmt.Sprintf("%s already exists", f), "choose another --output-key-prefix, or move the old key away")
		}
	}
	pass, err := readPassword(cmd.ErrOrStderr(), true)
	if err != nil {
		return err
	}
	priv, pub, err := keys.Generate(pass)
	if err != nil {
		return err
	}
	p, err := keys.ParsePublic(pub)
	if err != nil {
		return err
	}
	id, err := keys.ID(p)
	if err != nil {
		return err
	}
	if err := writeNew(privFile, priv, 0o600); err != nil {
		return usageErr(err.Error())
	}
	if err := writeNew(pubFile, pub, 0o644); err != nil {
		os.Remove(privFile)
		return usageErr(err.Error())
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "skillgate: wrote %s (private: keep it secret) and %s\nskillgate: key id %s\n", privFile, pubFile, id)
	return nil
}

// writeNew creates file exclusively with mode perm.
func writeNew(file string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Chmod(perm), f.Close()); err != nil {
		os.Remove(file)
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// readPassword takes the key password from SKILLGATE_PASSWORD (when not
// empty), then COSIGN_PASSWORD (set, even empty, counts, as in cosign),
// then the terminal; confirm asks twice.
func readPassword(stderr io.Writer, confirm bool) ([]byte, error) {
	if p := os.Getenv("SKILLGATE_PASSWORD"); p != "" {
		return []byte(p), nil
	}
	if p, ok := os.LookupEnv("COSIGN_PASSWORD"); ok {
		return []byte(p), nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, usageErr("no key password: stdin is not a terminal", "set SKILLGATE_PASSWORD (or COSIGN_PASSWORD)")
	}
	fmt.Fprint(stderr, "Enter password for private key: ")
	p1, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, usageErr("read password: " + err.Error())
	}
	if !confirm {
		return p1, nil
	}
	fmt.Fprint(stderr, "Enter password for private key again: ")
	p2, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, usageErr("read password: " + err.Error())
	}
	if string(p1) != string(p2) {
		return nil, usageErr("passwords do not match")
	}
	return p1, nil
}
