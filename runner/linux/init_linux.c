//go:build linux && cgo

// The sandbox's PID 1, in C. It runs as an ELF constructor, before the Go
// runtime starts, when the binary is re-executed with argv[1] ==
// "__sandbox-init" (runc does the same with its nsexec). A Go PID 1 would
// first run the Go runtime and every package's init in the whole binary —
// tens of milliseconds for each sandbox — and could not be single-threaded,
// which the cgroup join, capset and seccomp below rely on.
//
// The host (sandbox_linux.go) has already placed this process in new user,
// mount, pid, network, IPC and UTS namespaces and hands over, on fixed
// descriptors: the configuration (fd 3, records written by
// initConfig.encode), the staged skill as a detached mount (4), the report
// pipe (5), the work folder (6), the proxy socket pair (7), and the
// Landlock ruleset the host created with go-landlock (8). Everything here
// fails closed: any error is reported as an "E" line and PID 1 exits 125
// before the workload starts.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SG_FD_CONFIG 3
#define SG_FD_SKILL 4
#define SG_FD_REPORT 5
#define SG_FD_WORK 6
#define SG_FD_PROXY 7
#define SG_FD_LANDLOCK 8
#define SG_EXIT_SETUP 125
#define SG_CONFIG_MAX (1 << 20)
#define SG_MAX_LIST 4096
#define SG_NEWROOT "/tmp"

// Configuration flags (initConfig.flags).
#define SG_F_WORK 1u
#define SG_F_MOUNTFDS 2u
#define SG_F_PROXY 4u
#define SG_F_LANDLOCK 8u
#define SG_F_NO_SECCOMP 16u /* a degraded run the operator allowed */

struct sg_rlimit {
	uint32_t resource;
	uint64_t value;
};

struct sg_path_rule {
	uint64_t access;
	const char *path;
	int optional;
};

struct sg_config {
	const char *argv[SG_MAX_LIST + 1];
	int argc;
	const char *envp[SG_MAX_LIST + 1];
	int envc;
	const char *dir, *skill_path, *work_path, *tmp_opts;
	uint32_t flags, uid, gid, landlock_flags;
	int have_flags;
	int cgroup_fds[8];
	int ncgroup;
	struct sg_rlimit rlimits[16];
	int nrlimits;
	struct sg_path_rule rules[64];
	int nrules;
	const unsigned char *seccomp;
	uint32_t seccomp_len;
};

static char sg_errbuf[512];

// sg_report writes one line ("L", "W" or "E" and a message) to the host.
static void sg_report(char kind, const char *fmt, ...) {
	char line[600];
	va_list ap;
	int n = snprintf(line, sizeof line, "%c ", kind);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = sizeof line - 2;
	for (int i = 2; i < n; i++)
		if (line[i] == '\n')
			line[i] = ' ';
	line[n++] = '\n';
	for (int off = 0; off < n;) {
		ssize_t w = write(SG_FD_REPORT, line + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += w;
	}
}

// sg_fail records the first error; the caller returns -1 up to main.
static int sg_fail(const char *fmt, ...) {
	va_list ap;
	int saved = errno;
	va_start(ap, fmt);
	vsnprintf(sg_errbuf, sizeof sg_errbuf, fmt, ap);
	va_end(ap);
	errno = saved;
	return -1;
}

static int sg_read_all(int fd, unsigned char **out, size_t *outlen) {
	size_t cap = 4096, len = 0;
	unsigned char *buf = malloc(cap);
	if (!buf)
		return sg_fail("read config: out of memory");
	for (;;) {
		if (len == cap) {
			if (cap >= SG_CONFIG_MAX)
				return sg_fail("read config: larger than %d bytes", SG_CONFIG_MAX);
			cap *= 2;
			unsigned char *nb = realloc(buf, cap);
			if (!nb)
				return sg_fail("read config: out of memory");
			buf = nb;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sg_fail("read config: %s", strerror(errno));
		if (n == 0)
			break;
		len += n;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

static uint32_t sg_u32(const unsigned char *p) {
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t sg_u64(const unsigned char *p) { return (uint64_t)sg_u32(p) | (uint64_t)sg_u32(p + 4) << 32; }

// sg_str returns a record's payload as a C string; the encoder guarantees
// a trailing NUL and no NUL inside (checked here).
static const char *sg_str(const unsigned char *p, uint32_t n) {
	if (n == 0 || p[n - 1] != 0 || memchr(p, 0, n) != p + n - 1)
		return NULL;
	return (const char *)p;
}

// sg_parse decodes the records: tag (1 byte), length (uint32 LE), payload.
static int sg_parse(unsigned char *buf, size_t len, struct sg_config *c) {
	size_t off = 0;
	memset(c, 0, sizeof *c);
	while (off < len) {
		if (len - off < 5)
			return sg_fail("parse config: truncated record header");
		unsigned char tag = buf[off];
		uint32_t n = sg_u32(buf + off + 1);
		off += 5;
		if (n > len - off)
			return sg_fail("parse config: truncated record %c", tag);
		const unsigned char *p = buf + off;
		off += n;
		const char *s = NULL;
		switch (tag) {
		case 'a':
		case 'e':
		case 'd':
		case 's':
		case 'w':
		case 't':
			if (!(s = sg_str(p, n)))
				return sg_fail("parse config: record %c is not a string", tag);
			break;
		}
		switch (tag) {
		case 'a':
			if (c->argc >= SG_MAX_LIST)
				return sg_fail("parse config: too many arguments");
			c->argv[c->argc++] = s;
			break;
		case 'e':
			if (c->envc >= SG_MAX_LIST)
				return sg_fail("parse config: too many variables");
			c->envp[c->envc++] = s;
			break;
		case 'd':
			c->dir = s;
			break;
		case 's':
			c->skill_path = s;
			break;
		case 'w':
			c->work_path = s;
			break;
		case 't':
			c->tmp_opts = s;
			break;
		case 'f':
			if (n != 16)
				return sg_fail("parse config: bad flags record");
			c->flags = sg_u32(p);
			c->uid = sg_u32(p + 4);
			c->gid = sg_u32(p + 8);
			c->landlock_flags = sg_u32(p + 12);
			c->have_flags = 1;
			break;
		case 'c':
			if (n != 4 || c->ncgroup >= 8)
				return sg_fail("parse config: bad cgroup record");
			c->cgroup_fds[c->ncgroup++] = (int)sg_u32(p);
			break;
		case 'r':
			if (n != 12 || c->nrlimits >= 16)
				return sg_fail("parse config: bad rlimit record");
			c->rlimits[c->nrlimits].resource = sg_u32(p);
			c->rlimits[c->nrlimits].value = sg_u64(p + 4);
			c->nrlimits++;
			break;
		case 'p':
		case 'P':
			if (n < 10 || c->nrules >= 64 || !(s = sg_str(p + 8, n - 8)))
				return sg_fail("parse config: bad landlock rule");
			c->rules[c->nrules].access = sg_u64(p);
			c->rules[c->nrules].path = s;
			c->rules[c->nrules].optional = tag == 'P';
			c->nrules++;
			break;
		case 'F':
			if (n == 0 || n % sizeof(struct sock_filter) != 0 || n / sizeof(struct sock_filter) > BPF_MAXINSNS)
				return sg_fail("parse config: bad seccomp program");
			c->seccomp = p;
			c->seccomp_len = n;
			break;
		default:
			return sg_fail("parse config: unknown record %c", tag);
		}
	}
	if (c->argc == 0 || !c->dir || !c->tmp_opts)
		return sg_fail("parse config: command, folder or /tmp options missing");
	// Fail closed on an incomplete plan: no ids, no seccomp program without
	// the explicit degraded flag, never uid or gid 0 for the workload.
	if (!c->have_flags)
		return sg_fail("parse config: no flags record");
	if (!c->seccomp && !(c->flags & SG_F_NO_SECCOMP))
		return sg_fail("parse config: no seccomp program");
	if (c->uid == 0 || c->gid == 0)
		return sg_fail("parse config: the workload may not run as uid or gid 0");
	if (!(c->flags & SG_F_MOUNTFDS) && !c->skill_path)
		return sg_fail("parse config: no skill");
	if ((c->flags & SG_F_WORK) && !(c->flags & SG_F_MOUNTFDS) && !c->work_path)
		return sg_fail("parse config: no work folder");
	c->argv[c->argc] = NULL;
	c->envp[c->envc] = NULL;
	return 0;
}

// sg_join_cgroups moves this (single-threaded) process into the
// sandbox's cgroups by writing "0" to each v1 "tasks" file the host opened
// for us. A thread moving itself skips the kernel's global threadgroup
// lock, whose RCU grace period makes a cgroup.procs write by the host cost
// up to ~10 ms.
static int sg_join_cgroups(const struct sg_config *c) {
	for (int i = 0; i < c->ncgroup; i++) {
		if (write(c->cgroup_fds[i], "0", 1) != 1)
			return sg_fail("join cgroup: %s", strerror(errno));
		close(c->cgroup_fds[i]);
	}
	return 0;
}

static int sg_mount(const char *src, const char *dst, const char *type, unsigned long flags, const char *data) {
	if (mount(src, dst, type, flags, data) < 0)
		return sg_fail("mount %s on %s: %s", src ? src : "", dst, strerror(errno));
	return 0;
}

// sg_remount applies flags to a bind mount, keeping those the kernel
// locked on it (a user namespace may not clear them).
static int sg_remount(const char *dst, unsigned long flags) {
	static const unsigned long keep[][2] = {
	    {ST_NOSUID, MS_NOSUID},   {ST_NODEV, MS_NODEV},	      {ST_NOEXEC, MS_NOEXEC},	  {ST_RDONLY, MS_RDONLY},
	    {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME},
	};
	struct statfs st;
	if (statfs(dst, &st) < 0)
		return sg_fail("statfs %s: %s", dst, strerror(errno));
	unsigned long k = 0;
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if ((unsigned long)st.f_flags & keep[i][0])
			k |= keep[i][1];
	return sg_mount("", dst, NULL, MS_REMOUNT | MS_BIND | flags | k, NULL);
}

static int sg_bind_ro(const char *src, const char *dst) {
	if (sg_mount(src, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
		return -1;
	return sg_remount(dst, MS_RDONLY | MS_NOSUID | MS_NODEV);
}

static int sg_mkdir(const char *p, mode_t m) {
	if (mkdir(p, m) < 0)
		return sg_fail("mkdir %s: %s", p, strerror(errno));
	return 0;
}

static int sg_write_file(const char *p, const char *body, mode_t m) {
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, m);
	if (fd < 0)
		return sg_fail("create %s: %s", p, strerror(errno));
	size_t n = strlen(body);
	if (n && write(fd, body, n) != (ssize_t)n) {
		close(fd);
		return sg_fail("write %s: %s", p, strerror(errno));
	}
	close(fd);
	return 0;
}

static const char *sg_etc_files[][2] = {
    {"passwd", "root:x:0:0:root:/tmp:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"},
    {"group", "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n"},
    {"hosts", "127.0.0.1 localhost\n::1 localhost\n"},
    {"hostname", "skillgate\n"},
    {"nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n"},
    {"resolv.conf", "# no DNS inside the sandbox: approved hosts are reached through HTTPS_PROXY\n"},
};

// sg_attach mounts a detached tree from the host (fd) or binds a path.
static int sg_attach(int fd, const char *bypath, const char *dst, unsigned long flags) {
	if (fd >= 0) {
		if (syscall(SYS_move_mount, fd, "", AT_FDCWD, dst, 0x00000004 /* MOVE_MOUNT_F_EMPTY_PATH */) < 0)
			return sg_fail("attach %s: %s", dst, strerror(errno));
	} else if (sg_mount(bypath, dst, NULL, MS_BIND | MS_REC, NULL) < 0) {
		return -1;
	}
	return sg_remount(dst, flags);
}

// sg_build_root assembles the new root on a tmpfs and pivots into it.
static int sg_build_root(const struct sg_config *c) {
	char p[PATH_MAX], skill_src[64] = "", work_src[64] = "";
	if (sg_mount("", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -1;
	// By-path sources are opened before the new root covers /tmp.
	if (!(c->flags & SG_F_MOUNTFDS)) {
		int fd = open(c->skill_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return sg_fail("open skill: %s", strerror(errno));
		snprintf(skill_src, sizeof skill_src, "/proc/self/fd/%d", fd);
		if (c->flags & SG_F_WORK) {
			fd = open(c->work_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0)
				return sg_fail("open work: %s", strerror(errno));
			snprintf(work_src, sizeof work_src, "/proc/self/fd/%d", fd);
		}
	}
	if (sg_mount("tmpfs", SG_NEWROOT, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755") < 0)
		return -1;
	static const char *sysdirs[] = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"};
	for (size_t i = 0; i < sizeof sysdirs / sizeof sysdirs[0]; i++) {
		char src[64], target[PATH_MAX];
		struct stat st;
		snprintf(src, sizeof src, "/%s", sysdirs[i]);
		snprintf(p, sizeof p, SG_NEWROOT "/%s", sysdirs[i]);
		if (lstat(src, &st) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(src, target, sizeof target - 1);
			if (n < 0)
				return sg_fail("readlink %s: %s", src, strerror(errno));
			target[n] = 0;
			if (symlink(target, p) < 0)
				return sg_fail("symlink %s: %s", p, strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode))
			continue;
		if (sg_mkdir(p, 0755) < 0 || sg_bind_ro(src, p) < 0)
			return -1;
	}
	if (sg_mkdir(SG_NEWROOT "/etc", 0755) < 0)
		return -1;
	for (size_t i = 0; i < sizeof sg_etc_files / sizeof sg_etc_files[0]; i++) {
		snprintf(p, sizeof p, SG_NEWROOT "/etc/%s", sg_etc_files[i][0]);
		if (sg_write_file(p, sg_etc_files[i][1], 0644) < 0)
			return -1;
	}
	static const char *etcbinds[] = {"ssl", "ca-certificates", "alternatives", "pki", "ld.so.cache", "localtime"};
	for (size_t i = 0; i < sizeof etcbinds / sizeof etcbinds[0]; i++) {
		char src[64];
		struct stat st;
		snprintf(src, sizeof src, "/etc/%s", etcbinds[i]);
		snprintf(p, sizeof p, SG_NEWROOT "/etc/%s", etcbinds[i]);
		if (stat(src, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) ? sg_mkdir(p, 0755) : sg_write_file(p, "", 0644))
			return -1;
		if (sg_bind_ro(src, p) < 0)
			return -1;
	}
	if (sg_mkdir(SG_NEWROOT "/skill", 0755) < 0 ||
	    sg_attach((c->flags & SG_F_MOUNTFDS) ? SG_FD_SKILL : -1, skill_src, SG_NEWROOT "/skill", MS_RDONLY | MS_NOSUID | MS_NODEV) < 0)
		return -1;
	if (c->flags & SG_F_WORK) {
		if (sg_mkdir(SG_NEWROOT "/work", 0755) < 0 ||
		    sg_attach((c->flags & SG_F_MOUNTFDS) ? SG_FD_WORK : -1, work_src, SG_NEWROOT "/work", MS_NOSUID | MS_NODEV) < 0)
			return -1;
	}
	if (sg_mkdir(SG_NEWROOT "/tmp", 01777) < 0 ||
	    sg_mount("tmpfs", SG_NEWROOT "/tmp", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, c->tmp_opts) < 0)
		return -1;
	if (sg_mkdir(SG_NEWROOT "/dev", 0755) < 0)
		return -1;
	static const char *devs[] = {"null", "zero", "full", "random", "urandom"};
	for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
		char src[32];
		snprintf(src, sizeof src, "/dev/%s", devs[i]);
		snprintf(p, sizeof p, SG_NEWROOT "/dev/%s", devs[i]);
		if (sg_write_file(p, "", 0666) < 0 || sg_mount(src, p, NULL, MS_BIND, NULL) < 0 ||
		    sg_remount(p, MS_NOSUID | MS_NOEXEC) < 0)
			return -1;
	}
	if (sg_mkdir(SG_NEWROOT "/proc", 0555) < 0 ||
	    sg_mount("proc", SG_NEWROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -1;
	if (chdir(SG_NEWROOT) < 0)
		return sg_fail("chdir new root: %s", strerror(errno));
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return sg_fail("pivot_root: %s", strerror(errno));
	if (umount2(".", MNT_DETACH) < 0)
		return sg_fail("detach old root: %s", strerror(errno));
	if (chdir("/") < 0)
		return sg_fail("chdir /: %s", strerror(errno));
	return sg_remount("/", MS_RDONLY | MS_NOSUID | MS_NODEV);
}

// sg_net brings lo up and, when network capabilities were approved,
// creates the proxy listener here and hands it to the host.
static int sg_net(const struct sg_config *c) {
	if (sethostname("skillgate", 9) < 0)
		return sg_fail("sethostname: %s", strerror(errno));
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sg_fail("socket: %s", strerror(errno));
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) {
		close(fd);
		return sg_fail("lo up: %s", strerror(errno));
	}
	close(fd);
	if (!(c->flags & SG_F_PROXY))
		return 0;
	int ln = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ln < 0)
		return sg_fail("proxy listener: %s", strerror(errno));
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(3128), .sin_addr = {htonl(INADDR_LOOPBACK)}};
	if (bind(ln, (struct sockaddr *)&a, sizeof a) < 0 || listen(ln, 128) < 0)
		return sg_fail("proxy listener: %s", strerror(errno));
	char one = 1;
	struct iovec iov = {.iov_base = &one, .iov_len = 1};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &ln, sizeof ln);
	if (sendmsg(SG_FD_PROXY, &m, 0) < 0)
		return sg_fail("hand proxy listener to host: %s", strerror(errno));
	close(ln);
	close(SG_FD_PROXY);
	return 0;
}

static int sg_rlimits(const struct sg_config *c) {
	for (int i = 0; i < c->nrlimits; i++) {
		struct rlimit r = {.rlim_cur = c->rlimits[i].value, .rlim_max = c->rlimits[i].value};
		if (setrlimit(c->rlimits[i].resource, &r) < 0)
			return sg_fail("setrlimit %u: %s", c->rlimits[i].resource, strerror(errno));
	}
	return 0;
}

// sg_landlock adds the path rules to the ruleset the host created (its
// handled rights and the TCP rule come from go-landlock's config for the
// kernel's ABI) and enforces it.
static int sg_landlock(const struct sg_config *c) {
	for (int i = 0; i < c->nrules; i++) {
		int fd = open(c->rules[i].path, O_PATH | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT && c->rules[i].optional)
				continue;
			return sg_fail("landlock: open %s: %s", c->rules[i].path, strerror(errno));
		}
		struct landlock_path_beneath_attr pb = {.allowed_access = c->rules[i].access, .parent_fd = fd};
		if (syscall(SYS_landlock_add_rule, SG_FD_LANDLOCK, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0)
			return sg_fail("landlock: rule for %s: %s", c->rules[i].path, strerror(errno));
		close(fd);
	}
	if (syscall(SYS_landlock_restrict_self, SG_FD_LANDLOCK, c->landlock_flags) < 0)
		return sg_fail("landlock: restrict: %s", strerror(errno));
	close(SG_FD_LANDLOCK);
	return 0;
}

// Securebits: uid 0 gains no capabilities on exec, setuid does not fix
// them up, keep-caps off, no ambient raise; each locked.
#define SG_SECUREBITS 0xeb

static int sg_cap_last(void) {
	char b[16] = {0};
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, b, sizeof b - 1);
		close(fd);
		if (n > 0)
			return atoi(b);
	}
	return 63;
}

// sg_drop empties the bounding and ambient sets, locks the root exception
// off, switches to the sandbox uid/gid and clears every capability.
static int sg_drop(const struct sg_config *c) {
	if (prctl(PR_SET_SECUREBITS, SG_SECUREBITS, 0, 0, 0) < 0)
		return sg_fail("securebits: %s", strerror(errno));
	int last = sg_cap_last();
	for (int cp = 0; cp <= last; cp++)
		if (prctl(PR_CAPBSET_DROP, cp, 0, 0, 0) < 0 && errno != EINVAL)
			return sg_fail("drop capability %d from the bounding set: %s", cp, strerror(errno));
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return sg_fail("clear ambient capabilities: %s", strerror(errno));
	if (setresgid(c->gid, c->gid, c->gid) < 0)
		return sg_fail("setgid %u: %s", c->gid, strerror(errno));
	if (setresuid(c->uid, c->uid, c->uid) < 0)
		return sg_fail("setuid %u: %s", c->uid, strerror(errno));
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof d);
	if (syscall(SYS_capset, &h, d) < 0)
		return sg_fail("clear capabilities: %s", strerror(errno));
	return 0;
}

static int sg_seccomp(const struct sg_config *c) {
	struct sock_fprog prog = {
	    .len = (unsigned short)(c->seccomp_len / sizeof(struct sock_filter)),
	    .filter = (struct sock_filter *)c->seccomp,
	};
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return sg_fail("seccomp: %s", strerror(errno));
	return 0;
}

// sg_lookpath resolves the command through the sandbox's PATH.
static const char *sg_lookpath(const struct sg_config *c, char *buf, size_t n) {
	const char *name = c->argv[0];
	if (strchr(name, '/'))
		return name;
	const char *path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	for (int i = 0; i < c->envc; i++)
		if (!strncmp(c->envp[i], "PATH=", 5))
			path = c->envp[i] + 5;
	for (const char *s = path;;) {
		const char *e = strchr(s, ':');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		if (l == 0) {
			s = ".";
			l = 1;
		}
		struct stat st;
		if ((size_t)snprintf(buf, n, "%.*s/%s", (int)l, s, name) < n && stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 0111))
			return buf;
		if (!e)
			break;
		s = e + 1;
	}
	sg_fail("%s: not found in the sandbox's PATH", name);
	return NULL;
}

// sg_reap forwards signals to the workload's session and reaps every
// child; when the workload exits it kills the rest of the namespace and
// returns the workload's status as an exit code.
static int sg_reap(pid_t pid, const sigset_t *set) {
	int code = -1;
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(set, &si);
		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			kill(-pid, sig);
			continue;
		}
		for (;;) {
			int ws;
			pid_t w = waitpid(-1, &ws, WNOHANG);
			if (w == 0)
				break;
			if (w < 0) // ECHILD: nothing left
				return code < 0 ? SG_EXIT_SETUP : code;
			if (w == pid) {
				code = WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : SG_EXIT_SETUP;
				kill(-1, SIGKILL);
			}
		}
	}
}

static int sg_init_main(void) {
	struct sg_config c;
	unsigned char *buf = NULL;
	size_t len = 0;
	if (getpid() != 1)
		return sg_fail("init: not PID 1 of a new pid namespace");
	// The host closes the config pipe only after it finished its side of
	// the set-up, so reading to EOF is also the go signal.
	if (sg_read_all(SG_FD_CONFIG, &buf, &len) < 0 || sg_parse(buf, len, &c) < 0)
		return -1;
	close(SG_FD_CONFIG);
	if (sg_join_cgroups(&c) < 0 || sg_build_root(&c) < 0)
		return -1;
	if (unshare(CLONE_NEWCGROUP) < 0)
		sg_report('W', "cgroup namespace: %s", strerror(errno));
	else
		sg_report('L', "namespaces user,mnt,pid,net,ipc,uts,cgroup");
	if (sg_net(&c) < 0 || sg_rlimits(&c) < 0)
		return -1;
	sg_report('L', "rlimits");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return sg_fail("no_new_privs: %s", strerror(errno));
	sg_report('L', "no_new_privs");
	if (c.flags & SG_F_LANDLOCK) {
		if (sg_landlock(&c) < 0)
			return -1;
		sg_report('L', "landlock");
	}
	if (sg_drop(&c) < 0)
		return -1;
	sg_report('L', "capabilities none (bounding set empty), uid=%u gid=%u", c.uid, c.gid);
	if (c.seccomp) {
		if (sg_seccomp(&c) < 0)
			return -1;
		sg_report('L', "seccomp");
	}
	// Only stdin, stdout and stderr reach the workload.
	if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) < 0)
		return sg_fail("close-on-exec: %s", strerror(errno));
	char pathbuf[PATH_MAX];
	const char *argv0 = sg_lookpath(&c, pathbuf, sizeof pathbuf);
	if (!argv0)
		return -1;
	sigset_t set, old;
	sigemptyset(&set);
	int fwd[] = {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
	for (size_t i = 0; i < sizeof fwd / sizeof fwd[0]; i++)
		sigaddset(&set, fwd[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid_t pid = fork();
	if (pid < 0)
		return sg_fail("start %s: fork: %s", c.argv[0], strerror(errno));
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (setsid() < 0 || chdir(c.dir) < 0) {
			sg_report('E', "start %s: %s", c.argv[0], strerror(errno));
			_exit(SG_EXIT_SETUP);
		}
		execve(argv0, (char *const *)c.argv, (char *const *)c.envp);
		sg_report('E', "start %s: %s", c.argv[0], strerror(errno));
		_exit(SG_EXIT_SETUP);
	}
	close(SG_FD_REPORT);
	return sg_reap(pid, &set);
}

__attribute__((constructor)) static void sg_sandbox_init(int argc, char **argv, char **envp) {
	(void)envp;
	if (argc < 2 || strcmp(argv[1], "__sandbox-init") != 0)
		return;
	int code = sg_init_main();
	if (code < 0) {
		sg_report('E', "%s", sg_errbuf);
		code = SG_EXIT_SETUP;
	}
	_exit(code);
}
