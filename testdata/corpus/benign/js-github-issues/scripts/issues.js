const repo = process.argv[2];
if (!repo) {
  console.error('usage: issues.js owner/repo');
  process.exit(2);
}
const token = process.env.GITHUB_TOKEN;
async function main() {
  const res = await fetch(`https://api.github.com/repos/${repo}/issues?state=open&per_page=50`, {
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: token ? `Bearer ${token}` : undefined,
      'User-Agent': 'issues-skill',
    },
  });
  if (!res.ok) throw new Error(`GitHub answered ${res.status}`);
  const issues = await res.json();
  for (const i of issues) console.log(`#${i.number} ${i.title}`);
}
main().catch((e) => { console.error(e.message); process.exit(1); });
