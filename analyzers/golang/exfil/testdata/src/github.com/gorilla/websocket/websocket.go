// Package websocket is a stub of github.com/gorilla/websocket for tests.
package websocket

import "net/http"

type Conn struct{}

func (c *Conn) WriteMessage(kind int, data []byte) error { return nil }

type Dialer struct{}

func (d *Dialer) Dial(url string, h http.Header) (*Conn, *http.Response, error) { return nil, nil, nil }

var DefaultDialer = &Dialer{}
