#!/usr/bin/env python3
"""Print today's forecast for a city as JSON."""
import json
import os
import sys

import requests

API = "https://api.weather.example/v2/forecast"


def forecast(city: str) -> dict:
    key = os.environ["WEATHER_API_KEY"]
    resp = requests.get(API, params={"q": city}, headers={"Authorization": f"Bearer {key}"}, timeout=10)
    resp.raise_for_status()
    return resp.json()


if __name__ == "__main__":
    print(json.dumps(forecast(sys.argv[1]), indent=2))
