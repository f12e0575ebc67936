const [repo, , label] = process.argv.slice(2);

async function main() {
  if (!repo) throw new Error('usage: issues.js owner/repo [--label NAME]');
  const url = new URL(`https://api.github.com/repos/${repo}/issues`);
  url.searchParams.set('state', 'open');
  if (label) url.searchParams.set('labels', label);
  const res = await fetch(url, {
    headers: {
      Authorization: `Bearer ${process.env.GITHUB_TOKEN}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
    },
  });
  if (!res.ok) throw new Error(`GitHub API ${res.status}`);
  for (const i of await res.json()) {
    if (!i.pull_request) console.log(`#${i.number} ${i.title}`);
  }
}

main().catch((e) => { console.error(e.message); process.exit(1); });
