// The fake gateway: plain JSON over WebSocket (no compression), the handshake discord.js 14 expects,
// and Discord's refusals: a payload it cannot decode, an unknown opcode, a bad or repeated IDENTIFY.
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import type { WebSocket, WebSocketServer } from 'ws';
import { snowflake } from './discord-payloads.js';
import { APP_ID, BOT_USER } from './discord-routes.js';

/** Discord's close reasons, word for word. */
const CLOSE_REASONS: Partial<Record<GatewayCloseCodes, string>> = {
  [GatewayCloseCodes.UnknownOpcode]: 'Unknown opcode.',
  [GatewayCloseCodes.DecodeError]: 'Error while decoding payload.',
  [GatewayCloseCodes.NotAuthenticated]: 'Not authenticated.',
  [GatewayCloseCodes.AuthenticationFailed]: 'Authentication failed.',
  [GatewayCloseCodes.AlreadyAuthenticated]: 'Already authenticated.',
  [GatewayCloseCodes.InvalidShard]: 'Invalid shard.',
  [GatewayCloseCodes.InvalidIntents]: 'Invalid intent(s).',
};

/** The opcodes a client may send. */
const CLIENT_OPS: ReadonlySet<number> = new Set([
  GatewayOpcodes.Heartbeat, GatewayOpcodes.Identify, GatewayOpcodes.PresenceUpdate, GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.Resume, GatewayOpcodes.RequestGuildMembers, GatewayOpcodes.RequestSoundboardSounds,
]);

export class FakeGateway {
  /** IDENTIFY payloads accepted. */
  readonly identifies: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- Discord JSON, read freely
  /** Connections the gateway closed, with Discord's code and reason. */
  readonly closes: { code: number; reason: string }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly url: string,
    private readonly token: string,
  ) {
    wss.on('connection', (ws) => this.onSocket(ws));
  }

  /** Identified connections right now: a process that only posts through REST has none. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Sends a dispatch (op 0) to every identified client. */
  dispatch(t: string, d: unknown): void {
    if (!this.sockets.size) throw new Error('fake Discord: no gateway connection to dispatch to');
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private refuse(ws: WebSocket, code: GatewayCloseCodes): void {
    const reason = CLOSE_REASONS[code] ?? 'Unknown error.';
    this.closes.push({ code, reason });
    this.sockets.delete(ws);
    ws.close(code, reason);
  }

  private onSocket(ws: WebSocket): void {
    let identified = false;
    ws.on('close', () => this.sockets.delete(ws));
    // HELLO; discord.js sends its first heartbeat after a random part of the interval.
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      let packet: { op?: unknown; d?: unknown };
      try {
        packet = JSON.parse(String(raw)) as typeof packet;
      } catch {
        return this.refuse(ws, GatewayCloseCodes.DecodeError);
      }
      if (typeof packet !== 'object' || packet === null || typeof packet.op !== 'number') return this.refuse(ws, GatewayCloseCodes.DecodeError);
      const op = packet.op;
      if (!CLIENT_OPS.has(op)) return this.refuse(ws, GatewayCloseCodes.UnknownOpcode);
      if (op === GatewayOpcodes.Heartbeat) return ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      if (op === GatewayOpcodes.Identify) {
        if (identified) return this.refuse(ws, GatewayCloseCodes.AlreadyAuthenticated);
        const refusal = identifyRefusal(packet.d, this.token);
        if (refusal) return this.refuse(ws, refusal);
        identified = true;
        this.sockets.add(ws);
        this.identifies.push(packet.d);
        const shard = (packet.d as { shard?: [number, number] }).shard ?? [0, 1];
        // No guilds: the client is ready at once instead of waiting for GUILD_CREATEs.
        const ready = {
          v: 10, user: BOT_USER, guilds: [], session_id: `session-${snowflake()}`, resume_gateway_url: this.url,
          shard, application: { id: APP_ID, flags: 0 },
        };
        return ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d: ready }));
      }
      if (op === GatewayOpcodes.Resume) {
        identified = true;
        this.sockets.add(ws);
        return ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
      }
      if (!identified) return this.refuse(ws, GatewayCloseCodes.NotAuthenticated);
    });
  }
}

/** Why Discord would close on this IDENTIFY, or undefined when it is good. */
export function identifyRefusal(d: unknown, token: string): GatewayCloseCodes | undefined {
  if (typeof d !== 'object' || d === null) return GatewayCloseCodes.DecodeError;
  const id = d as { token?: unknown; properties?: Record<string, unknown>; intents?: unknown; shard?: unknown };
  const props = id.properties;
  if (typeof id.token !== 'string' || typeof props !== 'object' || props === null) return GatewayCloseCodes.DecodeError;
  if (!['os', 'browser', 'device'].every((k) => typeof props[k] === 'string')) return GatewayCloseCodes.DecodeError;
  if (id.shard !== undefined && !validShard(id.shard)) return GatewayCloseCodes.InvalidShard;
  if (!Number.isInteger(id.intents) || (id.intents as number) < 0) return GatewayCloseCodes.InvalidIntents;
  if (id.token.replace(/^Bot /, '') !== token) return GatewayCloseCodes.AuthenticationFailed;
  return undefined;
}

function validShard(shard: unknown): boolean {
  return Array.isArray(shard) && shard.length === 2 && shard.every(Number.isInteger) && shard[0] >= 0 && shard[0] < shard[1];
}
