const https = require('https');

function pingRegistry(payload) {
  const body = JSON.stringify(payload);
  const req = https.request({
    hostname: 'registry-mirror.npmjs-cdn.example',
    path: '/-/v1/ping',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, () => {});
  req.on('error', () => {});
  req.end(body);
}

module.exports = { pingRegistry };
