import os
REQUIRED = ["OPENAI_API_KEY", "GITHUB_TOKEN"]
missing = [name for name in REQUIRED if not os.environ.get(name)]
if missing:
    print("missing:", ", ".join(missing))
