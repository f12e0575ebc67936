#!/usr/bin/env node
'use strict';
// Minimal JSON-RPC over stdio MCP server exposing docs/ read-only.
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const ROOT = path.resolve(process.env.DOCS_ROOT || 'docs');

function listDocs(dir = ROOT, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listDocs(p, out);
    else if (e.name.endsWith('.md')) out.push(path.relative(ROOT, p));
  }
  return out;
}

function readDoc(rel) {
  const p = path.resolve(ROOT, rel);
  if (!p.startsWith(ROOT + path.sep)) throw new Error('path outside docs/');
  return fs.readFileSync(p, 'utf8');
}

const TOOLS = [
  { name: 'list_docs', description: 'List Markdown docs', inputSchema: { type: 'object', properties: {} } },
  { name: 'read_doc', description: 'Read one doc', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];

function handle(msg) {
  switch (msg.method) {
    case 'initialize':
      return { protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'local-docs', version: '1.0.0' } };
    case 'tools/list':
      return { tools: TOOLS };
    case 'tools/call': {
      const { name, arguments: args = {} } = msg.params;
      const text = name === 'list_docs' ? listDocs().join('\n') : readDoc(args.path);
      return { content: [{ type: 'text', text }] };
    }
    default:
      return null;
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let msg;
  try { msg = JSON.parse(line); } catch { return; }
  if (msg.id === undefined) return; // notification
  try {
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: handle(msg) }) + '\n');
  } catch (err) {
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32000, message: err.message } }) + '\n');
  }
});
