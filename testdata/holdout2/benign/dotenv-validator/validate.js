#!/usr/bin/env node
'use strict';
const fs = require('fs');

function names(file) {
  if (!fs.existsSync(file)) return null;
  return new Set(
    fs.readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.replace(/^export\s+/, '').split('=')[0].trim())
      .filter(Boolean),
  );
}

const expected = names('.env.example');
const actual = names('.env');
if (!expected) {
  console.error('.env.example not found');
  process.exit(2);
}
if (!actual) {
  console.error('.env not found - copy .env.example to .env and fill it in');
  process.exit(1);
}

const missing = [...expected].filter((k) => !actual.has(k));
const extra = [...actual].filter((k) => !expected.has(k));
missing.forEach((k) => console.log(`missing: ${k}`));
extra.forEach((k) => console.log(`not in .env.example: ${k}`));
if (!missing.length && !extra.length) console.log('.env matches .env.example');
process.exit(missing.length ? 1 : 0);
