module example.com/go-http-ping

go 1.22
