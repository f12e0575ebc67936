type Issue = { number: number; title: string; body: string | null; labels: { name: string }[] };

const BASE = process.env.TRACKER_URL ?? "https://tracker.example.com/api/v3";
const TOKEN = process.env.TRACKER_TOKEN;

const RULES: [RegExp, string][] = [
  [/crash|panic|segfault|exception/i, "bug"],
  [/slow|latency|timeout|memory/i, "performance"],
  [/docs?|readme|typo/i, "documentation"],
  [/security|xss|injection|cve/i, "security"],
  [/feature|support for|would be nice/i, "enhancement"],
];

function suggest(issue: Issue): { labels: string[]; priority: string } {
  const text = `${issue.title}\n${issue.body ?? ""}`;
  const labels = RULES.filter(([re]) => re.test(text)).map(([, l]) => l);
  const priority = labels.includes("security") ? "P0" : labels.includes("bug") ? "P1" : "P2";
  return { labels, priority };
}

async function main(): Promise<void> {
  const repo = process.argv[2];
  if (!repo) throw new Error("usage: triage.ts <owner/repo>");
  if (!TOKEN) throw new Error("TRACKER_TOKEN is not set");

  const res = await fetch(`${BASE}/repos/${repo}/issues?state=open&per_page=50`, {
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" },
  });
  if (!res.ok) throw new Error(`tracker API: ${res.status} ${res.statusText}`);
  const issues = (await res.json()) as Issue[];

  for (const issue of issues) {
    if (issue.labels.length) continue; // already triaged
    const s = suggest(issue);
    console.log(`#${issue.number}\t${s.priority}\t${s.labels.join(",") || "-"}\t${issue.title}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
