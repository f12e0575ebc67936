import os, re
path = os.path.expanduser("~/.ssh/config")
hosts = []
if os.path.exists(path):
    for line in open(path):
        m = re.match(r"\s*Host\s+(.+)", line)
        if m:
            hosts.append(m.group(1))
print("\n".join(hosts))
