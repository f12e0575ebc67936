#!/usr/bin/env python3
"""Print a hardened systemd unit to stdout."""
import argparse
import os
import shlex

TEMPLATE = """[Unit]
Description={desc}
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User={user}
WorkingDirectory={workdir}
ExecStart={exec_line}
Restart=on-failure
RestartSec=5
{env_lines}
# Hardening
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadWritePaths={workdir}
CapabilityBoundingSet=
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX

[Install]
WantedBy=multi-user.target
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--exec", dest="exe", required=True)
    ap.add_argument("--args", default="")
    ap.add_argument("--user", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--env", action="append", default=[], help="KEY=VALUE (non-secret)")
    a = ap.parse_args()
    if not os.path.isabs(a.exe) or not os.path.isabs(a.workdir):
        ap.error("--exec and --workdir must be absolute paths")
    exec_line = " ".join([shlex.quote(a.exe)] + shlex.split(a.args))
    env_lines = "\n".join(f"Environment={shlex.quote(e)}" for e in a.env)
    print(TEMPLATE.format(desc=f"{a.name} service", user=a.user, workdir=a.workdir,
                          exec_line=exec_line, env_lines=env_lines))


if __name__ == "__main__":
    main()
