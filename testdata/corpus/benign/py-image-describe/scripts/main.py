import base64, os, sys, requests
def describe(path):
    b64 = base64.b64encode(open(path, "rb").read()).decode()
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": f"data:image/png;base64,{b64}"}}]}]}
    r = requests.post("https://api.openai.com/v1/chat/completions", json=body, headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
    return r.json()["choices"][0]["message"]["content"]
print(describe(sys.argv[1]))
