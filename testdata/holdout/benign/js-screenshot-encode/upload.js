const fs = require('fs');

async function upload(file) {
  const image = fs.readFileSync(file).toString('base64');
  const res = await fetch('https://api.imgur.com/3/image', {
    method: 'POST',
    headers: {
      Authorization: `Client-ID ${process.env.IMGUR_CLIENT_ID}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ image, type: 'base64' }),
  });
  const body = await res.json();
  if (!body.success) throw new Error(`upload failed: ${res.status}`);
  return body.data.link;
}

upload(process.argv[2]).then(console.log, (e) => { console.error(e.message); process.exit(1); });
