const fs = require('fs');
const path = require('path');

function lint(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let level = 0;
  lines.forEach((l, i) => {
    if (/\s+$/.test(l)) console.log(`${file}:${i + 1}: trailing space`);
    const m = l.match(/^(#+) /);
    if (m) {
      if (m[1].length > level + 1) console.log(`${file}:${i + 1}: heading jumps a level`);
      level = m[1].length;
    }
  });
}

const dir = process.argv[2] || '.';
for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) lint(path.join(dir, f));
