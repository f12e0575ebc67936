import subprocess
log = subprocess.check_output(["git", "log", "--oneline", "-n", "50"], text=True)
with open("CHANGELOG.md", "w") as f:
    f.write("# Changes\n\n" + log)
