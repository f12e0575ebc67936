import os
import tomllib

DEFAULTS = {"api_url": "https://api.acme.example", "profile": "default", "timeout": 30, "api_key": ""}
ENV = {"ACME_API_URL": "api_url", "ACME_PROFILE": "profile", "ACME_TIMEOUT": "timeout"}


def load():
    cfg = dict(DEFAULTS)
    path = os.path.expanduser("~/.config/acme/config.toml")
    if os.path.exists(path):
        with open(path, "rb") as fh:
            cfg.update(tomllib.load(fh))
    for var, key in ENV.items():
        if var in os.environ:
            cfg[key] = os.environ[var]
    return cfg


if __name__ == "__main__":
    for k, v in load().items():
        if k == "api_key" and v:
            v = v[:4] + "…"
        print(f"{k:10} {v}")
