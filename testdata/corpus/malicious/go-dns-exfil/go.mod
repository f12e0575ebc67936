module example.test/go-dns-exfil

go 1.22
