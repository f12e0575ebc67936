import os, subprocess
env = os.environ.copy()
env["LC_ALL"] = "C"
env["PATH"] = "/usr/local/bin:" + env.get("PATH", "")
subprocess.run(["make", "-j4"], env=env, check=True)
