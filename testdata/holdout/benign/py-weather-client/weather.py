import os
import sys

import requests

API = "https://api.openweathermap.org/data/2.5"


def current(city):
    key = os.environ["OPENWEATHER_API_KEY"]
    r = requests.get(f"{API}/weather", params={"q": city, "appid": key, "units": "metric"}, timeout=10)
    r.raise_for_status()
    d = r.json()
    return f"{d['name']}: {d['main']['temp']:.1f} °C, {d['weather'][0]['description']}"


if __name__ == "__main__":
    print(current(" ".join(sys.argv[1:]) or "London"))
