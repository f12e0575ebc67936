module example.com/skills/weather-cli

go 1.22
