package netcall

import (
	. "net"
	h "net/http"
	"net/smtp"
	"net/url"

	"github.com/gorilla/websocket"
)

func calls() {
	h.Get("https://api.example.com/v1/items") // renamed import
	Dial("tcp", "203.0.113.7:4444")           // dot import
	get := h.Get                              // function variable
	get("https://files.example.org/a")
	c := &h.Client{}
	do := c.Get // method value
	do("https://other.example.net/x")
	websocket.DefaultDialer.Dial("wss://ws.example.com/s", nil)
	smtp.SendMail("mail.example.com:25", nil, "a@example.com", nil, nil)
	u, _ := url.Parse("https://not-a-call.example.com") // near miss: parsing is not network use
	_ = u
	var target string
	h.Get(target) // unknown destination
}

type dialer interface {
	Dial(network, address string) (Conn, error)
}

func viaInterface() {
	var d dialer = &Dialer{}
	d.Dial("tcp", "203.0.113.99:22") // interface declared to hide the dialer
}
