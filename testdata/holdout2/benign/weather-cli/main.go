package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const endpoint = "https://api.weather.example/v1/current"

type current struct {
	Location string  `json:"location"`
	TempC    float64 `json:"temp_c"`
	WindKph  float64 `json:"wind_kph"`
	Summary  string  `json:"summary"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: weather-cli <city>")
		os.Exit(2)
	}
	key := os.Getenv("WEATHER_API_KEY")
	if key == "" {
		fmt.Fprintln(os.Stderr, "WEATHER_API_KEY is not set")
		os.Exit(2)
	}

	q := url.Values{"q": {strings.Join(os.Args[1:], " ")}, "units": {"metric"}}
	req, err := http.NewRequest(http.MethodGet, endpoint+"?"+q.Encode(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Accept", "application/json")

	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "request failed:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "weather API returned", resp.Status)
		os.Exit(1)
	}

	var c current
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
		fmt.Fprintln(os.Stderr, "bad JSON:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %.1f°C, wind %.0f km/h, %s\n", c.Location, c.TempC, c.WindKph, c.Summary)
}
