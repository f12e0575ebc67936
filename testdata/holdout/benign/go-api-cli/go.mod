module example.com/go-api-cli

go 1.22
