#!/usr/bin/env python3
"""Tiny in-process cron: supports *, */n, a,b and a-b in the five standard fields."""
import shlex
import subprocess
import sys
import time
from datetime import datetime

RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]


def parse_field(spec, lo, hi):
    values = set()
    for part in spec.split(","):
        step = 1
        if "/" in part:
            part, step = part.split("/")
            step = int(step)
        if part == "*":
            start, end = lo, hi
        elif "-" in part:
            start, end = map(int, part.split("-"))
        else:
            start = end = int(part)
        values.update(range(start, end + 1, step))
    return values


def load(path):
    jobs = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 5)
        fields = [parse_field(p, *r) for p, r in zip(parts[:5], RANGES)]
        jobs.append((fields, shlex.split(parts[5]), parts[5]))
    return jobs


def due(fields, now):
    vals = [now.minute, now.hour, now.day, now.month, (now.weekday() + 1) % 7]
    return all(v in f for v, f in zip(vals, fields))


def main(path):
    jobs = load(path)
    print(f"loaded {len(jobs)} jobs; Ctrl-C to stop")
    while True:
        now = datetime.now().replace(second=0, microsecond=0)
        for fields, argv, raw in jobs:
            if due(fields, now):
                print(f"[{now:%H:%M}] {raw}", flush=True)
                subprocess.run(argv, check=False)  # no shell: argv only
        time.sleep(60 - datetime.now().second)


if __name__ == "__main__":
    try:
        main(sys.argv[1] if len(sys.argv) > 1 else "schedule.txt")
    except KeyboardInterrupt:
        pass
