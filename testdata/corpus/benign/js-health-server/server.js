const http = require('http');
const { execFileSync } = require('child_process');
const os = require('os');

const rev = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim(); } catch { return 'unknown'; } })();
http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true, rev, uptime: process.uptime(), load: os.loadavg() }));
    return;
  }
  res.writeHead(404);
  res.end();
}).listen(8787, '127.0.0.1');
