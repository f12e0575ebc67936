const { spawnSync } = require('child_process');
const path = require('path');

const input = process.argv[2];
const output = path.join(path.dirname(input), path.basename(input, path.extname(input)) + '.mp4');
const r = spawnSync('ffmpeg', ['-y', '-i', input, '-c:v', 'libx264', '-preset', 'fast', '-crf', '23', '-c:a', 'aac', output], { stdio: 'inherit' });
process.exit(r.status ?? 1);
