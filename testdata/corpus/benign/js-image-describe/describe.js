const fs = require('fs');
const file = process.argv[2];
const b64 = fs.readFileSync(file).toString('base64');
const mime = file.endsWith('.png') ? 'image/png' : 'image/jpeg';

async function describe() {
  const res = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [
        { type: 'text', text: 'Describe this image in one paragraph.' },
        { type: 'image_url', image_url: { url: `data:${mime};base64,${b64}` } },
      ] }],
    }),
  });
  const j = await res.json();
  console.log(j.choices?.[0]?.message?.content ?? JSON.stringify(j));
}
describe();
