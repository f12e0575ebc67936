module example.com/go-cred-audit

go 1.22
