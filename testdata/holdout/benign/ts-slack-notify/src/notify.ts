async function notify(text: string): Promise<void> {
  const url = process.env.SLACK_WEBHOOK_URL;
  if (!url) throw new Error("SLACK_WEBHOOK_URL is not set");
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (!res.ok) throw new Error(`Slack returned ${res.status}`);
  console.log("sent");
}

notify(process.argv.slice(2).join(" ")).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
