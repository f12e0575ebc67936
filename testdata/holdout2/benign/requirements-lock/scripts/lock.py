#!/usr/bin/env python3
"""pip-compile --generate-hashes + pip-sync inside the project's .venv."""
import os
import subprocess
import sys
import venv

SKILL = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.abspath(".venv")
BIN = os.path.join(VENV, "Scripts" if os.name == "nt" else "bin")


def run(*cmd):
    print("+", " ".join(cmd))
    subprocess.run(cmd, check=True)


def main():
    if not os.path.exists("requirements.in"):
        sys.exit("requirements.in not found in the current directory")
    if not os.path.exists(os.path.join(BIN, "python")):
        venv.EnvBuilder(with_pip=True).create(VENV)
    py = os.path.join(BIN, "python")
    run(py, "-m", "pip", "install", "--require-hashes", "--no-deps",
        "-r", os.path.join(SKILL, "requirements.txt"))
    run(os.path.join(BIN, "pip-compile"), "--generate-hashes", "--strip-extras",
        "--output-file", "requirements.txt", "requirements.in")
    run(os.path.join(BIN, "pip-sync"), "requirements.txt")
    print("locked and synced .venv")


if __name__ == "__main__":
    main()
