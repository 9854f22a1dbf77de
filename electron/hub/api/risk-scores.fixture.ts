// Tests' way to the risk scores a hub sends on its stream: a socket signed in with `token`,
// the first `riskScores` message validated as a window reads it, then closed.
import WebSocket from 'ws';
import type { RiskScores } from '../../../shared/protocol/risk';
import { StreamServerMessageSchema } from '../../../shared/protocol/schemas';

export async function firstRiskScores(hubUrl: string, token: string): Promise<RiskScores['items']> {
  const socket = new WebSocket(`${hubUrl.replace('http', 'ws')}/api/v1/stream`);
  try {
    return await new Promise<RiskScores['items']>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: 1_000_000 })));
      socket.on('message', (data) => {
        const message = StreamServerMessageSchema.parse(JSON.parse(data.toString()));
        if (message.type === 'riskScores') resolve(message.items);
      });
      socket.on('error', reject);
    });
  } finally {
    socket.close();
  }
}
