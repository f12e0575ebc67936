interface Issue { key: string; fields: { summary: string; status: { name: string } } }

const host: string = process.env.JIRA_HOST ?? 'example.atlassian.net';
const auth: string = Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64');

export async function sprintIssues(sprint: string): Promise<Issue[]> {
  const jql = encodeURIComponent(`sprint = "${sprint}" ORDER BY status`);
  const res = await fetch(`https://${host}/rest/api/3/search?jql=${jql}`, {
    headers: { Authorization: `Basic ${auth}`, Accept: 'application/json' },
  });
  const body = (await res.json()) as { issues: Issue[] };
  return body.issues;
}

const issues = await sprintIssues(process.argv[2] ?? 'current');
for (const i of issues) console.log(`${i.key.padEnd(10)} ${i.fields.status.name.padEnd(12)} ${i.fields.summary}`);
