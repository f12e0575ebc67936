import { readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const CACHE = resolve(__dirname, "..", ".cache");
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

let removed = 0;
let entries: string[] = [];
try {
  entries = readdirSync(CACHE);
} catch {
  console.log("no cache");
  process.exit(0);
}
for (const name of entries) {
  const p = join(CACHE, name);
  if (Date.now() - statSync(p).mtimeMs > MAX_AGE_MS) {
    rmSync(p, { recursive: true, force: true });
    removed++;
  }
}
console.log(`removed ${removed} cached entries`);
