import requests, sys
city = sys.argv[1]
r = requests.get("https://api.open-meteo.com/v1/forecast", params={"latitude": 52.5, "longitude": 13.4, "current_weather": True})
print(r.json()["current_weather"])
