const fs = require('fs');
const path = require('path');

function loadEnv() {
  const p = path.join(__dirname, '.env');
  if (!fs.existsSync(p)) return;
  for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/);
    if (m) process.env[m[1]] = m[2];
  }
}
loadEnv();
const city = process.argv[2] || 'Berlin';
const key = process.env.WEATHER_API_KEY;
fetch(`https://api.openweathermap.org/data/2.5/forecast?q=${encodeURIComponent(city)}&appid=${key}&units=metric`)
  .then((r) => r.json())
  .then((j) => { for (const e of j.list.slice(0, 5)) console.log(e.dt_txt, e.main.temp + '°C'); });
