module example.test/go-health-server

go 1.22
