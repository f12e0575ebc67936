import base64, sys
mode, text = sys.argv[1], sys.argv[2]
if mode == "decode":
    print(base64.b64decode(text).decode("utf-8", "replace"))
else:
    print(base64.b64encode(text.encode()).decode())
