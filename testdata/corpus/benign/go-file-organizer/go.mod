module example.test/go-file-organizer

go 1.22
