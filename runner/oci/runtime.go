package oci

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"skillgate.dev/skillgate/runner"
)

// Runtime is an OCI runtime backend (runc, runsc).
type Runtime struct {
	Binary string // "runc" or "runsc", or a path
	// BundleRoot holds the per-run bundles; "" means os.TempDir().
	BundleRoot string
}

// Name implements runner.Backend.
func (r *Runtime) Name() string { return filepath.Base(r.Binary) }

// Probe reports whether the runtime is installed; its namespaces and
// seccomp are the runtime's own (a missing runtime refuses to run).
func (r *Runtime) Probe(ctx context.Context) runner.Features {
	if _, err := exec.LookPath(r.Binary); err != nil {
		return runner.Features{Notes: []string{r.Binary + ": not installed"}}
	}
	return runner.Features{UserNS: true, Seccomp: true, Cgroup: "runtime"}
}

// Available reports whether the runtime binary is installed.
func (r *Runtime) Available() error {
	_, err := exec.LookPath(r.Binary)
	return err
}

// Run writes a bundle, runs the runtime in the foreground and deletes
// the container and the bundle afterwards.
func (r *Runtime) Run(ctx context.Context, p runner.Profile, stdio runner.IO) (*runner.Result, error) {
	p = p.WithDefaults()
	if err := r.Available(); err != nil {
		return nil, fmt.Errorf("%w: %s is not installed", runner.ErrDegraded, r.Binary)
	}
	logw := stdio.Log
	if logw == nil {
		logw = io.Discard
	}
	rootless := os.Geteuid() != 0
	var etc []string
	for _, e := range []string{"ssl", "ca-certificates", "alternatives", "ld.so.cache"} {
		if _, err := os.Stat("/etc/" + e); err == nil {
			etc = append(etc, e)
		}
	}
	root := r.BundleRoot
	if root == "" {
		root = os.TempDir()
	}
	bundle, err := os.MkdirTemp(root, "skillgate-oci-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(bundle)
	if err := os.Chmod(bundle, 0o755); err != nil {
		return nil, err
	}
	devDir := filepath.Join(bundle, "dev")
	if err := os.Mkdir(devDir, 0o755); err != nil {
		return nil, err
	}
	for _, d := range DevNodes {
		if err := os.WriteFile(filepath.Join(devDir, d), nil, 0o644); err != nil {
			return nil, err
		}
	}
	spec, err := NewSpec(p, Options{Rootless: rootless, HostUID: os.Geteuid(), HostGID: os.Getegid(), ReadOnlyEtc: etc, DevDir: devDir,
		GVisor: strings.HasSuffix(r.Binary, "runsc")})
	if err != nil {
		return nil, err
	}
	res := &runner.Result{Backend: r.Name(), Layers: []string{
		"namespaces user,mnt,pid,net,ipc,uts,cgroup (" + r.Binary + ")", "no_new_privs", "capabilities none",
		"seccomp deny-list (libseccomp, other ABIs killed)", "read-only root, masked /proc paths",
	}}
	w := "landlock: not available through the OCI runtime spec"
	res.Warnings = append(res.Warnings, w)
	fmt.Fprintf(logw, "skillgate: warning: %s\n", w)
	if rootless {
		w := "cgroup limits: not applied (rootless runtime without a delegated cgroup)"
		res.Warnings = append(res.Warnings, w)
		fmt.Fprintf(logw, "skillgate: warning: %s\n", w)
	} else {
		res.Layers = append(res.Layers, fmt.Sprintf("cgroup memory=%d pids=%d", p.Memory, p.Pids))
	}

	if err := buildRootfs(filepath.Join(bundle, "rootfs"), spec); err != nil {
		return nil, err
	}
	data, err := MarshalSpec(spec)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(bundle, "config.json"), data, 0o644); err != nil {
		return nil, err
	}
	id := "skillgate-" + randID()
	state := filepath.Join(bundle, "state")
	args := []string{"--root", state}
	if strings.HasSuffix(r.Binary, "runsc") {
		// gVisor's own netstack would otherwise be set up: no network.
		// and the OCI seccomp profile is ignored unless asked for.
		args = append(args, "--network=none", "--oci-seccomp")
		if rootless {
			args = append(args, "--rootless")
		}
	}
	args = append(args, "run", "--bundle", bundle, id)
	cmd := exec.Command(r.Binary, args...)
	cmd.Stdin = stdio.Stdin
	outCap, errCap := runner.NewCapWriter(stdio.Stdout, p.OutputCap), runner.NewCapWriter(stdio.Stderr, p.OutputCap)
	cmd.Stdout, cmd.Stderr = outCap, errCap
	cmd.SysProcAttr = sysProcAttr()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var once sync.Once
	var timedOut bool
	var mu sync.Mutex
	kill := func() {
		once.Do(func() {
			exec.Command(r.Binary, "--root", state, "kill", "--all", id, "KILL").Run()
			cmd.Process.Signal(syscall.SIGKILL)
		})
	}
	outCap.OnExceed, errCap.OnExceed = kill, kill
	timer := time.AfterFunc(p.Timeout, func() { mu.Lock(); timedOut = true; mu.Unlock(); kill() })
	defer timer.Stop()
	stop := context.AfterFunc(ctx, kill)
	defer stop()
	werr := cmd.Wait()
	res.Duration = time.Since(start)
	exec.Command(r.Binary, "--root", state, "delete", "--force", id).Run()
	mu.Lock()
	res.TimedOut = timedOut
	mu.Unlock()
	if outCap.Exceeded() {
		res.Truncated = append(res.Truncated, "stdout")
	}
	if errCap.Exceeded() {
		res.Truncated = append(res.Truncated, "stderr")
	}
	if err := runner.SetExit(res, werr); err != nil {
		return res, err
	}
	return res, nil
}

// buildRootfs creates the mount points of spec in an empty, read-only
// root folder, the usrmerge symlinks and the synthesized /etc files.
func buildRootfs(rootfs string, s *Spec) error {
	for _, d := range []string{"", "etc", "dev", "proc", "tmp", "skill", "work"} {
		if err := os.MkdirAll(filepath.Join(rootfs, d), 0o755); err != nil {
			return err
		}
	}
	// runc gives a tmpfs the mode of the folder it covers.
	if err := os.Chmod(filepath.Join(rootfs, "tmp"), 0o777|os.ModeSticky); err != nil {
		return err
	}
	for _, d := range HostDirs() {
		if t, err := os.Readlink("/" + d); err == nil {
			if err := os.Symlink(t, filepath.Join(rootfs, d)); err != nil {
				return err
			}
		}
	}
	for name, body := range EtcFiles {
		if err := os.WriteFile(filepath.Join(rootfs, "etc", name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	for _, m := range s.Mounts {
		dst := filepath.Join(rootfs, m.Destination)
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		fi, err := os.Stat(m.Source)
		if err != nil || fi.IsDir() || m.Type != "bind" {
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.WriteFile(dst, nil, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func randID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
