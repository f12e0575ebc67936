const fs = require('fs');
const file = process.argv[2];
const src = fs.readFileSync(file, 'utf8');
const heads = [...src.matchAll(/^(#{2,4}) (.+)$/gm)].map((m) => ({ depth: m[1].length, text: m[2] }));
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
const toc = heads.map((h) => `${'  '.repeat(h.depth - 2)}- [${h.text}](#${slug(h.text)})`).join('\n');
fs.writeFileSync(file, src.replace(/<!-- toc -->[\s\S]*?<!-- \/toc -->/, `<!-- toc -->\n${toc}\n<!-- /toc -->`));
