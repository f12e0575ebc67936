#!/usr/bin/env python3
"""Compare expected DNS records from dns.yaml with what dig returns."""
import re
import subprocess
import sys

LINE = re.compile(r"name:\s*([^,\s}]+),\s*type:\s*(\w+),\s*value:\s*([^}]+?)\s*}")
VALID_NAME = re.compile(r"^[A-Za-z0-9.-]+\.?$")


def load(path):
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = LINE.search(line)
            if m:
                records.append((m.group(1), m.group(2).upper(), m.group(3).strip("\"'")))
    return records


def resolve(name, rtype, server=None):
    if not VALID_NAME.match(name) or rtype not in {"A", "AAAA", "CNAME", "TXT", "MX"}:
        raise ValueError(f"refusing to query {name!r} {rtype!r}")
    cmd = ["dig", "+short", name, rtype]
    if server:
        cmd.insert(1, "@" + server)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout
    return {l.strip().strip('"') for l in out.splitlines() if l.strip()}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "dns.yaml"
    server = sys.argv[2] if len(sys.argv) > 2 else None
    bad = 0
    for name, rtype, want in load(path):
        got = resolve(name, rtype, server)
        ok = want in got
        bad += not ok
        print(f"{'ok  ' if ok else 'MISS'} {name} {rtype} want={want} got={','.join(sorted(got)) or '-'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
