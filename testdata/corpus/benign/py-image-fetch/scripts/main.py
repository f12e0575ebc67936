import base64, os, requests
resp = requests.post("https://api.openai.com/v1/images/generations",
                     headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
                     json={"prompt": "a lighthouse", "response_format": "b64_json"})
img = base64.b64decode(resp.json()["data"][0]["b64_json"])
with open("out.png", "wb") as f:
    f.write(img)
