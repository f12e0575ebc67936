import { spawnSync } from 'node:child_process';
import clipboard from 'clipboardy';

const img: string = process.argv[2];
const r = spawnSync('tesseract', [img, 'stdout', '-l', 'eng'], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
clipboard.writeSync(r.stdout.trim());
console.log(`copied ${r.stdout.length} characters`);
