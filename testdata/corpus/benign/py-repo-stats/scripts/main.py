import subprocess, collections
files = subprocess.check_output(["git", "ls-files"], text=True).splitlines()
counts = collections.Counter(f.rsplit(".", 1)[-1] for f in files)
for ext, n in counts.most_common(10):
    print(ext, n)
