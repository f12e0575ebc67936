#!/usr/bin/env node
'use strict';
const { spawnSync } = require('child_process');

const ORDER = ['critical', 'high', 'moderate', 'low', 'info'];

const res = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (res.error) {
  console.error('could not run npm:', res.error.message);
  process.exit(2);
}
let report;
try {
  report = JSON.parse(res.stdout);
} catch {
  console.error('npm audit did not return JSON:\n' + (res.stderr || res.stdout).slice(0, 500));
  process.exit(2);
}

const vulns = Object.values(report.vulnerabilities || {});
vulns.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));

for (const v of vulns) {
  const titles = (v.via || []).filter((x) => typeof x === 'object').map((x) => x.title);
  let fix = 'no fix available';
  if (v.fixAvailable === true) fix = 'npm audit fix';
  else if (v.fixAvailable && v.fixAvailable.isSemVerMajor) fix = `major bump: ${v.fixAvailable.name}@${v.fixAvailable.version}`;
  console.log(`[${v.severity.toUpperCase()}] ${v.name} ${v.range} - ${titles[0] || 'via ' + (v.via || []).join(', ')} (${fix})`);
}
const meta = (report.metadata && report.metadata.vulnerabilities) || {};
console.log('\ntotals: ' + ORDER.map((s) => `${s}=${meta[s] || 0}`).join(' '));
