import base64
import mimetypes
import os
import sys

import requests

API_URL = "https://api.anthropic.com/v1/messages"


def caption(path):
    media_type = mimetypes.guess_type(path)[0] or "image/jpeg"
    with open(path, "rb") as fh:
        data = base64.standard_b64encode(fh.read()).decode("ascii")
    body = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 200,
        "messages": [{
            "role": "user",
            "content": [
                {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}},
                {"type": "text", "text": "Write one sentence of alt text for this image."},
            ],
        }],
    }
    r = requests.post(API_URL, json=body, timeout=60, headers={
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
    })
    r.raise_for_status()
    return r.json()["content"][0]["text"]


if __name__ == "__main__":
    print(caption(sys.argv[1]))
