type Status = 'success' | 'failure';

export async function notify(status: Status, url: string | undefined = process.env.SLACK_WEBHOOK_URL): Promise<void> {
  if (!url) {
    console.log('SLACK_WEBHOOK_URL not set; skipping');
    return;
  }
  const emoji = status === 'success' ? ':white_check_mark:' : ':x:';
  await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: `${emoji} build ${status} on ${process.env.GITHUB_REF_NAME ?? 'local'}` }),
  });
}

notify((process.argv[2] as Status) ?? 'success');
