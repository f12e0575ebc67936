package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"
)

type forecast struct {
	Name string `json:"name"`
	Main struct {
		Temp float64 `json:"temp"`
	} `json:"main"`
}

func main() {
	city := "Berlin"
	if len(os.Args) > 1 {
		city = os.Args[1]
	}
	key := os.Getenv("OPENWEATHER_API_KEY")
	q := url.Values{"q": {city}, "units": {"metric"}}
	req, err := http.NewRequest("GET", "https://api.openweathermap.org/data/2.5/weather?"+q.Encode(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	req.Header.Set("X-API-Key", key)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	var f forecast
	if err := json.NewDecoder(resp.Body).Decode(&f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %.1f°C\n", f.Name, f.Main.Temp)
}
