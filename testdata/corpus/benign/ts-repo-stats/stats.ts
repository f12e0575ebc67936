import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function main(): Promise<void> {
  const { stdout: count } = await run('git', ['rev-list', '--count', 'HEAD']);
  const { stdout: authors } = await run('git', ['shortlog', '-sn', '--no-merges', 'HEAD']);
  const { stdout: files } = await run('git', ['ls-files']);
  console.log(`commits: ${count.trim()}`);
  console.log(`files:   ${files.split('\n').filter(Boolean).length}`);
  console.log('top authors:\n' + authors.split('\n').slice(0, 5).join('\n'));
}
main();
