package goflow

import "strings"

// NetKind says what a network call does.
type NetKind int

// Network call kinds.
const (
	NetNone    NetKind = iota
	NetDial            // opens a connection (result is a connection)
	NetListen          // listens for connections
	NetFetch           // sends a request and returns the response
	NetRequest         // builds a request (no I/O yet)
	NetLookup          // DNS query
	NetMail            // sends mail
)

// NetCall describes a network function: its kind and the index of the
// argument holding the destination (-1 when none).
type NetCall struct {
	Kind NetKind
	Dest int
	// Body is the index of the argument carrying a request body, or -1.
	Body int
}

var netCalls = map[string]NetCall{
	"net.Dial":                        {NetDial, 1, -1},
	"net.DialTimeout":                 {NetDial, 1, -1},
	"net.DialTCP":                     {NetDial, -1, -1},
	"net.DialUDP":                     {NetDial, -1, -1},
	"net.DialIP":                      {NetDial, -1, -1},
	"net.DialUnix":                    {NetDial, -1, -1},
	"net.Dialer.Dial":                 {NetDial, 1, -1},
	"net.Dialer.DialContext":          {NetDial, 2, -1},
	"crypto/tls.Dial":                 {NetDial, 1, -1},
	"crypto/tls.DialWithDialer":       {NetDial, 2, -1},
	"crypto/tls.Dialer.Dial":          {NetDial, 1, -1},
	"crypto/tls.Dialer.DialContext":   {NetDial, 2, -1},
	"net/rpc.Dial":                    {NetDial, 1, -1},
	"net/rpc.DialHTTP":                {NetDial, 1, -1},
	"net/rpc.DialHTTPPath":            {NetDial, 1, -1},
	"net.Listen":                      {NetListen, 1, -1},
	"net.ListenTCP":                   {NetListen, -1, -1},
	"net.ListenUDP":                   {NetListen, -1, -1},
	"net.ListenPacket":                {NetListen, 1, -1},
	"net/http.ListenAndServe":         {NetListen, 0, -1},
	"net/http.ListenAndServeTLS":      {NetListen, 0, -1},
	"net/http.Get":                    {NetFetch, 0, -1},
	"net/http.Head":                   {NetFetch, 0, -1},
	"net/http.Post":                   {NetFetch, 0, 2},
	"net/http.PostForm":               {NetFetch, 0, 1},
	"net/http.Client.Get":             {NetFetch, 0, -1},
	"net/http.Client.Head":            {NetFetch, 0, -1},
	"net/http.Client.Post":            {NetFetch, 0, 2},
	"net/http.Client.PostForm":        {NetFetch, 0, 1},
	"net/http.Client.Do":              {NetFetch, -1, 0},
	"net/http.RoundTripper.RoundTrip": {NetFetch, -1, 0},
	"net/http.Transport.RoundTrip":    {NetFetch, -1, 0},
	"net/http.NewRequest":             {NetRequest, 1, 2},
	"net/http.NewRequestWithContext":  {NetRequest, 2, 3},
	"net.LookupHost":                  {NetLookup, 0, -1},
	"net.LookupIP":                    {NetLookup, 0, -1},
	"net.LookupTXT":                   {NetLookup, 0, -1},
	"net.LookupCNAME":                 {NetLookup, 0, -1},
	"net.LookupMX":                    {NetLookup, 0, -1},
	"net.LookupNS":                    {NetLookup, 0, -1},
	"net.LookupAddr":                  {NetLookup, 0, -1},
	"net.Resolver.LookupHost":         {NetLookup, 1, -1},
	"net.Resolver.LookupIPAddr":       {NetLookup, 1, -1},
	"net.Resolver.LookupIP":           {NetLookup, 2, -1},
	"net.Resolver.LookupTXT":          {NetLookup, 1, -1},
	"net.Resolver.LookupCNAME":        {NetLookup, 1, -1},
	"net.Resolver.LookupMX":           {NetLookup, 1, -1},
	"net.Resolver.LookupNS":           {NetLookup, 1, -1},
	"net.Resolver.LookupAddr":         {NetLookup, 1, -1},
	"net.Resolver.LookupNetIP":        {NetLookup, 2, -1},
	"net.Resolver.LookupSRV":          {NetLookup, 3, -1},
	"net.LookupSRV":                   {NetLookup, 2, -1},
	"net/smtp.SendMail":               {NetMail, 0, 4},
	"net/smtp.Dial":                   {NetDial, 0, -1},
	"golang.org/x/net/websocket.Dial": {NetDial, 0, -1},
	// miekg/dns, resolved by import path: the message (which carries
	// the queried name) goes to the server at Dest.
	"github.com/miekg/dns.Exchange":               {NetLookup, 1, -1},
	"github.com/miekg/dns.ExchangeContext":        {NetLookup, 2, -1},
	"github.com/miekg/dns.Client.Exchange":        {NetLookup, 1, -1},
	"github.com/miekg/dns.Client.ExchangeContext": {NetLookup, 2, -1},
	"github.com/miekg/dns.Conn.WriteMsg":          {NetLookup, -1, -1},
	"nhooyr.io/websocket.Dial":                    {NetDial, 1, -1},
	"github.com/coder/websocket.Dial":             {NetDial, 1, -1},
}

// websocketPaths are websocket libraries resolved by import path when
// their source is not available.
var websocketPaths = []string{"github.com/gorilla/websocket", "nhooyr.io/websocket", "github.com/coder/websocket", "golang.org/x/net/websocket"}

// LookupNet returns the network description of a callee.
func LookupNet(callee string) (NetCall, bool) {
	if c, ok := netCalls[callee]; ok {
		return c, true
	}
	for _, p := range websocketPaths {
		if strings.HasPrefix(callee, p+".") && (strings.HasSuffix(callee, ".Dial") || strings.HasSuffix(callee, ".DialContext")) {
			if strings.HasSuffix(callee, "DialContext") || p != "github.com/gorilla/websocket" {
				return NetCall{NetDial, 1, -1}, true
			}
			return NetCall{NetDial, 0, -1}, true
		}
	}
	return NetCall{}, false
}

// execCalls map process-starting functions to the index of the program
// argument.
var execCalls = map[string]int{
	"os/exec.Command":                         0,
	"os/exec.CommandContext":                  1,
	"syscall.Exec":                            0,
	"syscall.ForkExec":                        0,
	"syscall.StartProcess":                    0,
	"os.StartProcess":                         0,
	"golang.org/x/sys/unix.Exec":              0,
	"golang.org/x/sys/execabs.Command":        0,
	"golang.org/x/sys/execabs.CommandContext": 1,
}

// LookupExec returns the index of the program argument of a
// process-starting callee.
func LookupExec(callee string) (int, bool) {
	i, ok := execCalls[callee]
	return i, ok
}

// IsRun reports whether a callee runs an already built command.
func IsRun(callee string) bool {
	switch callee {
	case "os/exec.Cmd.Run", "os/exec.Cmd.Start", "os/exec.Cmd.Output", "os/exec.Cmd.CombinedOutput":
		return true
	}
	return false
}

// fileReads are functions whose first argument is a path that is read.
var fileReads = map[string]bool{
	"os.ReadFile": true, "io/ioutil.ReadFile": true, "os.Open": true, "os.ReadDir": true,
	"io/ioutil.ReadDir": true, "path/filepath.Glob": true, "path/filepath.Walk": true,
	"path/filepath.WalkDir": true, "os.DirFS": true, "os.Lstat": false, "os.Stat": false,
	"os.Readlink": true, "bufio.NewScanner": false,
}

// fileWrites are functions whose path argument (index) is written.
var fileWrites = map[string]int{
	"os.WriteFile": 0, "io/ioutil.WriteFile": 0, "os.Create": 0, "os.Mkdir": 0,
	"os.MkdirAll": 0, "os.Symlink": 1, "os.Link": 1, "os.Rename": 1, "os.Chmod": 0,
	"os.Remove": 0, "os.RemoveAll": 0, "os.Truncate": 0,
}

// IsFileRead reports whether callee reads the file named by its first argument.
func IsFileRead(callee string) bool { return fileReads[callee] }

// FileWrite returns the index of the path a callee writes.
func FileWrite(callee string) (int, bool) {
	i, ok := fileWrites[callee]
	return i, ok
}

// dstFirst are functions that write their later arguments into their
// first (a writer, a destination slice).
var dstFirst = map[string]bool{
	"io.Copy": true, "io.CopyN": true, "io.CopyBuffer": true, "io.WriteString": true,
	"fmt.Fprint": true, "fmt.Fprintf": true, "fmt.Fprintln": true, "copy": true,
	"encoding/binary.Write": true, "encoding/hex.Encode": true, "encoding/base64.Encoding.Encode": true,
	"encoding/base32.Encoding.Encode": true,
}

// encoders transform data without hiding where it came from; the trace
// records them (a secret hex-encoded into a DNS label).
var encoders = map[string]bool{
	"encoding/hex.EncodeToString": true, "encoding/hex.Encode": true, "encoding/hex.Dump": true,
	"encoding/base64.Encoding.EncodeToString": true, "encoding/base64.Encoding.Encode": true,
	"encoding/base32.Encoding.EncodeToString": true, "encoding/base32.Encoding.Encode": true,
	"encoding/base64.StdEncoding.EncodeToString": true, "encoding/base64.URLEncoding.EncodeToString": true,
	"encoding/base64.RawStdEncoding.EncodeToString": true, "encoding/base64.RawURLEncoding.EncodeToString": true,
	"encoding/base32.StdEncoding.EncodeToString": true, "encoding/base32.HexEncoding.EncodeToString": true,
	"fmt.Sprintf": true, "fmt.Sprint": true, "strings.ToLower": true, "strings.ToUpper": true,
	"net/url.QueryEscape": true, "net/url.PathEscape": true, "strings.ReplaceAll": true, "strings.Join": true,
	"github.com/miekg/dns.Fqdn": true,
}

// srcFirst are functions that fill their later arguments from their first.
var srcFirst = map[string]bool{
	"io.ReadFull": true, "io.ReadAtLeast": true, "encoding/json.Unmarshal": true,
	"encoding/xml.Unmarshal": true, "encoding/binary.Read": true, "fmt.Fscan": true,
	"fmt.Fscanf": true, "fmt.Fscanln": true, "fmt.Sscan": true, "fmt.Sscanf": true,
}

// decoders turn an encoded literal into data.
var decoders = map[string]string{
	"encoding/base64.Encoding.DecodeString": "base64",
	"encoding/base64.Encoding.Decode":       "base64",
	"encoding/base32.Encoding.DecodeString": "base32",
	"encoding/hex.DecodeString":             "hex",
	// The same, resolved by selector when the standard library could not
	// be type-checked.
	"encoding/base64.StdEncoding.DecodeString":    "base64",
	"encoding/base64.URLEncoding.DecodeString":    "base64",
	"encoding/base64.RawStdEncoding.DecodeString": "base64",
	"encoding/base64.RawURLEncoding.DecodeString": "base64",
	"encoding/base32.StdEncoding.DecodeString":    "base32",
	"encoding/hex.Decode":                         "hex",
	"encoding/ascii85.Decode":                     "ascii85",
	"compress/gzip.NewReader":                     "gzip",
	"compress/zlib.NewReader":                     "zlib",
	"compress/flate.NewReader":                    "flate",
}

var sysInfo = map[string]string{
	"os.Hostname": "host name", "os/user.Current": "current user", "os/user.Lookup": "user account",
	"net.Interfaces": "network interfaces", "net.InterfaceAddrs": "network addresses",
	"os.Getwd": "", "syscall.Uname": "kernel name",
}
