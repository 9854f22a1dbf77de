// A replica's calls to its primary over HTTP. The one distinction that matters to the
// callers: the primary answered (a result or a refusal, both final) or it could not be
// reached (nothing is known; try again later with the same idempotency key).
import type { User } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure, dutyError, ERROR_CODES, type DutyError, type ErrorCode } from '../../../shared/errors';
import { API_PREFIX } from '../../../shared/protocol/api';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  CommandAnswerSchema,
  CommandBatchResultSchema,
  SNAPSHOT_HEADER,
  SNAPSHOT_MEDIA_TYPE,
  SNAPSHOT_PATH,
  SnapshotManifestSchema,
  TownCopySchema,
  type SnapshotManifest,
} from '../../../shared/protocol/replica';
import { ErrorBodySchema, HealthSchema, JournalPageSchema, SessionResponseSchema, type CommandEnvelope, type CommandResult } from '../../../shared/protocol/schemas';
import type { z } from 'zod';
import { pinnedFetch } from './pin';
import { SeatSecondFactorSchema } from '../../../shared/protocol/auth';
import { withoutTrailingSlashes } from '../../../shared/trim';

/** No answer came back: the primary is down, the cable is out, or it is too busy to answer. */
export class PrimaryUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrimaryUnreachable';
  }
}

const TIMEOUT_MS = 10_000;
/** A snapshot is a whole database: tens of MB on a seat's LAN, more on a slow one. */
const SNAPSHOT_TIMEOUT_MS = 300_000;

export class PrimaryClient {
  readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(
    primaryUrl: string,
    private readonly timeoutMs = TIMEOUT_MS,
    /** The primary's certificate fingerprint to pin (electron/hub/replica/pin.ts); absent: the system's CAs. */
    readonly fingerprint?: string,
  ) {
    this.base = withoutTrailingSlashes(primaryUrl);
    this.fetch = fingerprint ? pinnedFetch(fingerprint) : fetch;
  }

  /** Resolves with the parsed body of a 2xx; throws DutyFailure for the primary's refusal. */
  private async request<S extends z.ZodType>(method: string, path: string, schema: S, options: { token?: string; body?: unknown } = {}): Promise<z.output<S>> {
    const json = await this.requestJson(method, path, options);
    const parsed = schema.safeParse(JSON.parse(json));
    if (!parsed.success) throw new DutyFailure('internal', `The primary's answer to ${method} ${path} is not what this DutyDeck expects (another version?): ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  }

  /**
   * The text of a 2xx JSON answer, unparsed. `trusted2xx`: a 2xx is handed on without parsing
   * it here, for a caller that parses and checks it anyway (a journal page, on the store's
   * thread): parsing 3 MB only to see it is JSON was a quarter of the hub thread's catch-up.
   */
  private async requestJson(method: string, path: string, options: { token?: string; body?: unknown; trusted2xx?: boolean } = {}): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.base}${API_PREFIX}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new PrimaryUnreachable(`cannot reach the primary at ${this.base}: ${causeOf(error)}`);
    }
    if (options.trusted2xx && response.ok) return text;
    return this.answerText(response, text);
  }

  /** A 2xx answer's text; a refusal throws DutyFailure, a gateway's error PrimaryUnreachable. */
  private answerText(response: Response, text: string): string {
    // A proxy or a primary whose store is down: nothing was decided, so this is "unreachable".
    if (response.status === 502 || response.status === 503 || response.status === 504) throw new PrimaryUnreachable(`the primary at ${this.base} answered HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PrimaryUnreachable(`the primary at ${this.base} answered HTTP ${response.status} without JSON`);
    }
    if (!response.ok) throw new DutyFailure(...refusal(json, response.status));
    return text;
  }

  login(username: string, password: string, code?: string): Promise<{ token: string; user: Pick<User, 'id' | 'username' | 'name' | 'role'>; enrolment?: true }> {
    return this.request('POST', '/sessions', SessionResponseSchema, { body: code ? { username, password, code } : { username, password } });
  }

  /** The account's TOTP secret, right after a sign-in with a code (Sessions.secondFactorForSeat). */
  secondFactorForSeat(token: string): Promise<z.output<typeof SeatSecondFactorSchema>> {
    return this.request('GET', '/sessions/current/second-factor/offline', SeatSecondFactorSchema, { token });
  }

  journalPage(token: string, after: number, limit: number): Promise<{ entries: JournalEntry[]; last: number }> {
    return this.request('GET', `/replica/journal?after=${after}&limit=${limit}`, JournalPageSchema, { token }) as Promise<{ entries: JournalEntry[]; last: number }>;
  }

  /** A journal page as text: the replica's store parses and checks it on its own thread (what is not JSON is refused there). */
  journalPageText(token: string, after: number, limit: number): Promise<string> {
    return this.requestJson('GET', `/replica/journal?after=${after}&limit=${limit}`, { token, trusted2xx: true });
  }

  /** The primary's answer to a command; a refusal throws DutyFailure, no answer PrimaryUnreachable. */
  async command(token: string, envelope: CommandEnvelope): Promise<CommandResult> {
    const answer = await this.request('POST', '/commands', CommandAnswerSchema, { token, body: envelope });
    if ('pending' in answer) throw new PrimaryUnreachable('the primary is itself a replica whose primary is away');
    return answer;
  }

  /** One user's commands in order, each answered: a result, or the refusal of that one. */
  async commandBatch(token: string, envelopes: CommandEnvelope[]): Promise<Array<CommandResult | { ok: false; error: DutyError }>> {
    const { results } = await this.request('POST', '/commands/batch', CommandBatchResultSchema, { token, body: { commands: envelopes } });
    return results.map((r) => (r.ok ? r : { ok: false as const, error: { ...r.error, code: knownCode(r.error.code) } }));
  }

  townCopy(token: string): Promise<z.output<typeof TownCopySchema>> {
    return this.request('GET', '/town/copy', TownCopySchema, { token });
  }

  health(): Promise<z.output<typeof HealthSchema>> {
    return this.request('GET', '/health', HealthSchema);
  }

  /**
   * Downloads the primary's snapshot (electron/hub/store/ops/snapshot.ts) into `out`: its manifest,
   * and the size and digest of what arrived, for the caller to compare before using it.
   */
  async snapshot(token: string, out: string): Promise<{ manifest: SnapshotManifest; received: { bytes: number; sha256: string } }> {
    let response: Response;
    try {
      response = await this.fetch(`${this.base}${API_PREFIX}${SNAPSHOT_PATH}`, {
        headers: { authorization: `Bearer ${token}`, accept: SNAPSHOT_MEDIA_TYPE },
        signal: AbortSignal.timeout(SNAPSHOT_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PrimaryUnreachable(`cannot reach the primary at ${this.base}: ${(error as Error).message}`);
    }
    if (!response.ok || !response.body) {
      this.answerText(response, await response.text().catch(() => ''));
      throw new PrimaryUnreachable(`the primary at ${this.base} sent no snapshot (HTTP ${response.status})`);
    }
    let manifest: SnapshotManifest;
    try {
      manifest = SnapshotManifestSchema.parse(JSON.parse(response.headers.get(SNAPSHOT_HEADER) ?? ''));
    } catch (error) {
      await response.body.cancel();
      throw new DutyFailure('internal', `The primary's snapshot manifest is not what this DutyDeck expects (another version?): ${(error as Error).message.slice(0, 200)}`, SNAPSHOT_HEADER);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(out));
    } catch (error) {
      throw new PrimaryUnreachable(`the snapshot from ${this.base} was cut off: ${(error as Error).message}`);
    }
    return { manifest, received: { bytes, sha256: hash.digest('hex') } };
  }
}

/** fetch says "fetch failed"; the reason (a refused connection, a certificate that is not the pinned one) is its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${(error as Error).message}: ${cause.message}` : (error as Error).message;
}

const knownCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal');

function refusal(json: unknown, status: number): [ErrorCode, string, string?] {
  const parsed = ErrorBodySchema.safeParse(json);
  const error: DutyError = parsed.success ? { ...parsed.data.error, code: parsed.data.error.code as ErrorCode } : dutyError('internal', `HTTP ${status}`);
  const code = knownCode(error.code);
  return error.path === undefined ? [code, error.message] : [code, error.message, error.path];
}
