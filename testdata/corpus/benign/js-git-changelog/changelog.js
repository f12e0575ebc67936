const { execFileSync } = require('child_process');
const fs = require('fs');

const lastTag = execFileSync('git', ['describe', '--tags', '--abbrev=0']).toString().trim();
const log = execFileSync('git', ['log', `${lastTag}..HEAD`, '--pretty=format:- %s (%h)']).toString();
const head = `## Unreleased (since ${lastTag})\n\n`;
const old = fs.existsSync('CHANGELOG.md') ? fs.readFileSync('CHANGELOG.md', 'utf8') : '';
fs.writeFileSync('CHANGELOG.md', head + log + '\n\n' + old);
console.log('CHANGELOG.md updated');
