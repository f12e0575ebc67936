module example.test/go-weather-client

go 1.22
