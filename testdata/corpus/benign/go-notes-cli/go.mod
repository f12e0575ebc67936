module example.test/go-notes-cli

go 1.22
