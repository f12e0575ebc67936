import argparse
import collections
import subprocess


def git(*args):
    return subprocess.check_output(["git", *args], text=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--since", default="1 year ago")
    a = p.parse_args()
    authors = collections.Counter(git("log", f"--since={a.since}", "--pretty=%an").splitlines())
    files = collections.Counter(
        l for l in git("log", f"--since={a.since}", "--name-only", "--pretty=").splitlines() if l)
    print("Commits per author:")
    for name, n in authors.most_common():
        print(f"  {n:5} {name}")
    print("Busiest files:")
    for f, n in files.most_common(10):
        print(f"  {n:5} {f}")


if __name__ == "__main__":
    main()
