module example.test/go-ssh-exfil

go 1.22
