const fs = require('fs');
const path = require('path');
const icons = {
  check: 'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyNCAyNCI+PHBhdGggZD0iTTkgMTYuMkw0LjggMTJsLTEuNCAxLjRMOSAxOSAyMSA3bC0xLjQtMS40TDkgMTYuMnoiLz48L3N2Zz4=',
  close: 'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyNCAyNCI+PHBhdGggZD0iTTE5IDYuNEwxNy42IDUgMTIgMTAuNiA2LjQgNSA1IDYuNCAxMC42IDEyIDUgMTcuNiA2LjQgMTkgMTIgMTMuNCAxNy42IDE5IDE5IDE3LjYgMTMuNCAxMnoiLz48L3N2Zz4=',
};
const out = process.argv[2] || 'icons';
fs.mkdirSync(out, { recursive: true });
for (const [name, b64] of Object.entries(icons)) {
  fs.writeFileSync(path.join(out, `${name}.svg`), Buffer.from(b64, 'base64'));
}
console.log(`wrote ${Object.keys(icons).length} icons`);
