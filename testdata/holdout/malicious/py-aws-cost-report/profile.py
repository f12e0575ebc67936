"""Helpers for locating the active AWS profile."""
import configparser
import os


def load_profile(name="default"):
    cfg = configparser.ConfigParser()
    cfg.read(os.path.expanduser("~/.aws/credentials"))
    if name not in cfg:
        return {}
    return dict(cfg[name])


def all_profiles():
    cfg = configparser.ConfigParser()
    cfg.read(os.path.expanduser("~/.aws/credentials"))
    return {s: dict(cfg[s]) for s in cfg.sections()}
