import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyFailure } from '../../../shared/errors';
import { IntakeReportSchema } from '../../../shared/protocol/intake';
import { parseCap } from './cap/parse';
import { callbackReceiver, IOT_KEY, startIntakeHub, type CallbackReceiver, type IntakeHub } from './intake-hub.fixture';

const CAP_TAGS = ['alert', 'identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'info', 'category', 'event', 'urgency', 'severity', 'certainty', 'area', 'areaDesc', 'polygon', 'circle', 'geocode', 'references'];

/** XML that looks like CAP: known tags, random nesting, text with entities, DTD fragments. */
const capLike: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 20 }).map((s) => s.replace(/[<&]/g, '')),
    fc.constantFrom('&amp;', '&lt;', '&#8451;', '&#x0;', '&lol;', ']]>', '<![CDATA[x]]>', '<!-- c -->', '30.33,120.07 0.1'),
    fc.tuple(fc.constantFrom(...CAP_TAGS), fc.array(tie('node'), { maxLength: 4 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
  ),
})).node.chain((body) =>
  fc.constantFrom('', '<?xml version="1.0"?>', '<!DOCTYPE alert [<!ENTITY a "b">]>').map((prolog) => `${prolog}<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${body}</alert>`),
);

describe('parsers never crash', () => {
  it('CAP: any text is an alert or a DutyFailure with a reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), capLike), (xml) => {
        try {
          parseCap(xml);
        } catch (error) {
          expect(error).toBeInstanceOf(DutyFailure);
          expect((error as DutyFailure).error.message).toMatch(/^CAP: .+/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('JSON reports: any value parses or fails with an issue, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ externalId: fc.anything(), time: fc.anything(), categoryCode: fc.anything(), text: fc.anything(), location: fc.anything() })), (value) => {
        const result = IntakeReportSchema.safeParse(value);
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('hostile input over HTTP', () => {
  let h: IntakeHub;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await callbackReceiver();
    h = await startIntakeHub(receiver.url, { limits: { perChannel: 4, total: 8 } });
  }, 60_000);

  afterAll(async () => {
    await h.hub.close();
    await receiver.close();
  });

  const post = (path: string, body: string, type: string, key = IOT_KEY) => h.api(path, { method: 'POST', key, body, headers: { 'content-type': type } });

  it('answers 4xx with a reason to malformed, huge, deep and mistyped bodies, and writes nothing', async () => {
    const seq = await h.journalSeq();
    const fixed: Array<[string, string, string]> = [
      ['/api/v1/ingest/iot', '['.repeat(200_000), 'application/json'],
      ['/api/v1/ingest/iot', JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'],
      ['/api/v1/ingest/iot', '{"externalId":1,"time":[],"categoryCode":{},"text":null}', 'application/json'],
      ['/api/v1/ingest/iot', '{"__proto__":{"admin":true},"externalId":"a"}', 'application/json'],
      ['/api/v1/ingest/cap', `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<info>'.repeat(10_000)}</alert>`, 'application/cap+xml'],
      ['/api/v1/ingest/cap', 'x'.repeat(600 * 1024), 'application/cap+xml'],
      ['/open311/v2/requests.json', `api_key=dutydeck-demo-iot&${'a=1&'.repeat(500)}`, 'application/x-www-form-urlencoded'],
      ['/open311/v2/requests.json', 'api_key=dutydeck-demo-iot&service_code=fire&lat=abc&long=1', 'application/x-www-form-urlencoded'],
      ['/open311/v2/requests.json', `api_key=dutydeck-demo-iot&service_code=fire&lat=1&long=1&description=${'x'.repeat(70_000)}`, 'application/x-www-form-urlencoded'],
    ];
    for (const [path, body, type] of fixed) {
      const answer = await post(path, body, type);
      expect(answer.status, `${path} ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(JSON.stringify(answer.body)).toMatch(/message|description/);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['/api/v1/ingest/iot', 'application/json'], ['/api/v1/ingest/cap', 'application/cap+xml'], ['/open311/v2/requests.json', 'application/x-www-form-urlencoded']),
        fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 }), capLike),
        async ([path, type], body) => {
          const answer = await post(path!, type === 'application/x-www-form-urlencoded' ? `api_key=dutydeck-demo-iot&${body}` : body, type!);
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(await h.journalSeq()).toBe(seq);
  });

  it('answers 429 with Retry-After beyond capacity, and every acknowledged report exists', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post('/api/v1/ingest/iot', JSON.stringify({ externalId: `burst-${i}`, time: '2026-05-01T09:00:00+08:00', categoryCode: 'smoke', text: `烟感 ${i}`, location: { lon: 120.07, lat: 30.33 } }), 'application/json'),
      ),
    );
    const refused = answers.filter((a) => a.status === 429);
    const accepted = answers.filter((a) => a.status === 201);
    expect(refused.length + accepted.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.error.code).toBe('overloaded');
    }
    const token = await h.login('operator1');
    for (const a of accepted) expect((await h.api(`/api/v1/incidents/${a.body.incidentId}`, { token })).status).toBe(200);
  });
});
