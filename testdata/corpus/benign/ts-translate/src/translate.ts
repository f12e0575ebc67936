import { readFileSync, writeFileSync } from 'node:fs';
import { DeepL } from './client';

const [file, lang] = process.argv.slice(2);
const client = new DeepL();
const t = await client.translate(readFileSync(file, 'utf8'), lang ?? 'EN');
writeFileSync(`${file}.${(lang ?? 'en').toLowerCase()}.txt`, t.text);
console.log(`translated from ${t.detected_source_language}`);
