import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir: string = process.argv[2] ?? '.';
for (const f of readdirSync(dir)) {
  if (!f.toLowerCase().endsWith('.pdf')) continue;
  const text: string = execFileSync('pdftotext', ['-layout', join(dir, f), '-'], { encoding: 'utf8' });
  writeFileSync(join(dir, f.replace(/\.pdf$/i, '.txt')), text);
  console.log('extracted', f);
}
