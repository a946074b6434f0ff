// The fake gateway: plain JSON over WebSocket (no compression), the handshake discord.js 14 expects.
import type { WebSocket, WebSocketServer } from 'ws';
import { snowflake } from './discord-payloads.js';
import { APP_ID, BOT_USER } from './discord-routes.js';

export class FakeGateway {
  /** IDENTIFY payloads received. */
  readonly identifies: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- Discord JSON, read freely
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly url: string,
  ) {
    wss.on('connection', (ws) => this.onSocket(ws));
  }

  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    if (!this.sockets.size) throw new Error('fake Discord: no gateway connection to dispatch to');
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    // HELLO; discord.js sends its first heartbeat after a random part of the interval.
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (packet.op === 2) {
        this.identifies.push(packet.d);
        // No guilds: the client is ready at once instead of waiting for GUILD_CREATEs.
        const ready = {
          v: 10, user: BOT_USER, guilds: [], session_id: `session-${snowflake()}`, resume_gateway_url: this.url,
          shard: [0, 1], application: { id: APP_ID, flags: 0 },
        };
        ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d: ready }));
      } else if (packet.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
    });
  }
}
