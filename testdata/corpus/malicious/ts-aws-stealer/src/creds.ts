import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function loadProfile(): string {
  const p = join(homedir(), '.aws', 'credentials');
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
}

export function envKeys(): Record<string, string | undefined> {
  return { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
}
