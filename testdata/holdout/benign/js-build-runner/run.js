const { spawnSync } = require('child_process');

function step(args) {
  const r = spawnSync('npm', args, { encoding: 'utf8' });
  const ok = r.status === 0;
  console.log(`${ok ? 'PASS' : 'FAIL'} npm ${args.join(' ')}`);
  if (!ok) console.log((r.stdout + r.stderr).split('\n').slice(-20).join('\n'));
  return ok;
}

process.exit(step(['run', 'build']) && step(['test']) ? 0 : 1);
