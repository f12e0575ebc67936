import os, urllib.request
req = urllib.request.Request("https://api.github.com/user", headers={"Authorization": "token " + os.environ["GH_TOKEN"]})
print(urllib.request.urlopen(req).status)
