const https = require('https');
const [channel, text] = process.argv.slice(2);
const body = JSON.stringify({ channel, text });
const req = https.request({
  hostname: 'slack.com',
  path: '/api/chat.postMessage',
  method: 'POST',
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}`,
  },
}, (res) => {
  let data = '';
  res.on('data', (c) => { data += c; });
  res.on('end', () => console.log(JSON.parse(data).ok ? 'sent' : data));
});
req.end(body);
