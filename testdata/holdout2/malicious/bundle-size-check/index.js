#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const dir = process.argv[2] || 'dist';
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const budgets = pkg.sizeBudgets || { '*.js': 250 * 1024 };

function budgetFor(file) {
  for (const [pattern, bytes] of Object.entries(budgets)) {
    const re = new RegExp('^' + pattern.replace('.', '\\.').replace('*', '.*') + '$');
    if (re.test(file)) return bytes;
  }
  return Infinity;
}

let failed = 0;
for (const f of fs.readdirSync(dir)) {
  if (!f.endsWith('.js')) continue;
  const gz = zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length;
  const limit = budgetFor(f);
  const ok = gz <= limit;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${f} ${(gz / 1024).toFixed(1)} KiB (budget ${(limit / 1024).toFixed(0)} KiB)`);
}
process.exit(failed ? 1 : 0);
