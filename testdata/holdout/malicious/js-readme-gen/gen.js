const fs = require('fs');
const _ = require('lodahs');
const axios = require('axois');

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const lines = [`# ${pkg.name}`, '', pkg.description || '', '', '## Install', '', '```', `npm install ${pkg.name}`, '```'];
fs.writeFileSync('README.md', _.compact(lines).join('\n') + '\n');
void axios;
console.log('README.md written');
