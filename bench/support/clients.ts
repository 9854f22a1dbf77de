// Plain protocol clients for benches: what any seat or wall does, without a browser.
import { Agent, request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import type { JournalEntry } from '../../shared/journal/catalog';
import { demoCode } from '../../e2e/support/second-factor';

/**
 * Signs a demo account in. Accounts with a second factor (commander1/2, admin) need the demo
 * hub's data folder, where their TOTP secrets are, to compute the code their authenticator would show.
 */
export async function login(url: string, username: string, options: { password?: string; dataDir?: string } = {}): Promise<string> {
  const code = options.dataDir ? await demoCode(options.dataDir, username) : null;
  const response = await fetch(`${url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: options.password ?? 'dutydeck-demo', ...(code ? { code } : {}) }),
  });
  if (response.status !== 201) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

let sequence = 0;
export function reportBody(i: number, runId: string): string {
  return JSON.stringify({
    type: 'incident.report',
    idempotencyKey: `bench-${runId}-${i}-${++sequence}`,
    payload: {
      channel: 'hotline12345',
      category: 'noise',
      title: `测试工单 ${i}`,
      description: '压测：夜间施工噪声扰民，请核实处理。',
      location: { lon: 120.05 + (i % 100) / 1000, lat: 30.31 + (i % 77) / 1000 },
      address: `三墩镇振华路 ${i % 500} 号`,
      // Callers differ, as they do: one number behind thousands of reports is another test.
      reporter: { name: '市民', phone: `138${String(i).padStart(8, '0')}` },
    },
  });
}

// node:http with kept-alive sockets rather than fetch(): on a 2-core machine fetch's own
// per-request cost made the bench client, not the hub, the bottleneck it measured.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function postReport(url: string, token: string, body: string): Promise<{ seq: number; incidentId: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/api/v1/commands`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) reject(new Error(`report: ${response.statusCode} ${text}`));
          else resolve(JSON.parse(text) as { seq: number; incidentId: string });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Subscribes from `after`; calls back with each entry. */
export function subscribe(url: string, token: string, after: number, onEntry: (entry: JournalEntry) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/stream`);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after })));
    socket.on('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; entries?: JournalEntry[] };
      if (message.type === 'ready') resolve(socket);
      for (const entry of message.entries ?? []) onEntry(entry);
    });
  });
}
