const { execSync } = require('child_process');
let out;
try {
  out = execSync('npm audit --json', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
} catch (e) {
  out = e.stdout;
}
const report = JSON.parse(out);
const counts = report.metadata?.vulnerabilities ?? {};
for (const [sev, n] of Object.entries(counts)) console.log(sev.padEnd(10), n);
