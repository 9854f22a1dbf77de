// Open311 GeoReport v2 as its clients use it: every endpoint in XML and JSON, public reads
// without personal data, the jurisdiction, service definitions and their answers, media, the
// spec's errors, and FixMyStreet's own sequence of calls.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/taxonomy';
import { startHub } from '../hub';
import { readXml, type XmlNode, type XmlValue } from './cap/xml';
import { callbackReceiver, startIntakeHub, type CallbackReceiver, type IntakeHub, type Json } from './intake-hub.fixture';
import { publicText } from './open311/public-text';
import { agencyNames, derivedJurisdictionId } from './open311/town';
import { escapeXml, writeXml } from './open311/xml';
import { open311Options } from './start';

const KEY = 'dutydeck-demo-cityManagement';
const V2 = '/open311/v2';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const specKeys = (name: string) => Object.keys((JSON.parse(fixture(name)) as Array<Record<string, unknown>>)[0]!).sort();

let h: IntakeHub;
let receiver: CallbackReceiver;
let jurisdiction: string;

/** An XML answer read back: its root's name and content; lists of the spec's item names are always arrays. */
function xml(text: string): { root: string; body: XmlNode } {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = readXml(text, { maxDepth: 8, maxElements: 100_000, repeated: new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']) });
  return { root: doc.rootName, body: (typeof doc.root === 'string' ? {} : doc.root) as XmlNode };
}
const items = (value: XmlValue | undefined): XmlNode[] => (Array.isArray(value) ? (value as XmlNode[]) : []);
const text = (node: XmlNode, name: string) => node[name] as string;

async function get(path: string): Promise<{ status: number; type: string; body: Json }> {
  const answer = await h.api(path);
  return { status: answer.status, type: answer.headers.get('content-type') ?? '', body: answer.body };
}
const post = (path: string, form: string) => h.api(path, { method: 'POST', body: form, headers: FORM });
const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();

beforeAll(async () => {
  receiver = await callbackReceiver();
  h = await startIntakeHub(receiver.url);
  jurisdiction = (await h.api(`${V2}/discovery.json`)).body.jurisdiction_id as string;
}, 60_000);

afterAll(async () => {
  await h.hub.close();
  await receiver.close();
});

describe('XML writer', () => {
  it('escapes the five special characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`a&b<c>d"e'f\u0001g\uD800h`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;fgh');
    const written = writeXml('services', [{ service_name: '</service_name><x>', metadata: true, group: null }], { services: 'service' });
    expect(xml(written)).toEqual({ root: 'services', body: { service: [{ service_name: '</service_name><x>', metadata: 'true', group: '' }] } });
    expect(() => writeXml('services', [{ 'bad name': 1 }], { services: 'service' })).toThrow(/element name/);
  });
});

describe('discovery', () => {
  it('names this endpoint, its formats and the jurisdiction, in JSON and XML', async () => {
    const json = await get(`${V2}/discovery.json`);
    expect(json.type).toMatch(/^application\/json/);
    expect(json.body).toEqual({
      changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      contact: expect.stringContaining('三墩镇'),
      key_service: expect.any(String),
      jurisdiction_id: 'sandunzhen.xihuqu.hangzhoushi.zhejiangsheng',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${h.hub.url}${V2}`, changeset: json.body.changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
    const answer = await get(`${V2}/discovery.xml`);
    expect(answer.type).toMatch(/^text\/xml/);
    const doc = xml(answer.body);
    expect(doc.root).toBe('discovery');
    expect(text(doc.body, 'jurisdiction_id')).toBe(jurisdiction);
    const [endpoint] = items((doc.body.endpoints as XmlNode).endpoint);
    expect(endpoint).toEqual({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${h.hub.url}${V2}`, changeset: json.body.changeset, type: 'production', formats: { format: ['text/xml', 'application/json'] } });
  });
});

describe('services and service definitions', () => {
  it('lists the taxonomy with the spec’s fields, metadata true where a definition asks more, in both formats', async () => {
    const json = await get(`${V2}/services.json`);
    expect(json.body.map((s: Json) => Object.keys(s).sort())).toEqual(CATEGORIES.map(() => specKeys('open311-services-response.json')));
    const withMetadata = json.body.filter((s: Json) => s.metadata === true).map((s: Json) => s.service_code);
    expect(withMetadata.sort()).toEqual(['gasLeak', 'municipalFacility', 'noise', 'streetVending']);
    const doc = xml((await get(`${V2}/services.xml?jurisdiction_id=${jurisdiction}`)).body);
    expect(doc.root).toBe('services');
    const services = items(doc.body.service);
    expect(services.map((s) => text(s, 'service_code'))).toEqual(CATEGORIES.map((c) => c.code));
    expect(services.find((s) => s.service_code === 'noise')).toMatchObject({ metadata: 'true', type: 'realtime', service_name: '噪声扰民' });
    expect(services.find((s) => s.service_code === 'fire')).toMatchObject({ metadata: 'false' });
  });

  it('answers the spec’s service_definition, values for the lists, in JSON and XML', async () => {
    const json = await get(`${V2}/services/noise.json?jurisdiction_id=${jurisdiction}`);
    expect(json.status).toBe(200);
    expect(json.body.service_code).toBe('noise');
    expect(json.body.attributes[0]).toEqual({
      variable: true,
      code: 'noise_time',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: null,
      order: 1,
      description: expect.any(String),
      values: expect.arrayContaining([{ key: 'night', name: expect.stringContaining('夜间') }]),
    });
    expect(json.body.attributes[1]).toMatchObject({ code: 'noise_source', datatype: 'multivaluelist', required: false });
    const vending = (await get(`${V2}/services/streetVending.json`)).body;
    expect(vending.attributes[0]).toEqual({ variable: true, code: 'stalls', datatype: 'number', required: false, datatype_description: expect.any(String), order: 1, description: expect.any(String) });

    const doc = xml((await get(`${V2}/services/municipalFacility.xml`)).body);
    expect(doc.root).toBe('service_definition');
    expect(text(doc.body, 'service_code')).toBe('municipalFacility');
    const [broken, asset] = items((doc.body.attributes as XmlNode).attribute);
    expect(broken).toMatchObject({ variable: 'true', code: 'broken', datatype: 'singlevaluelist', required: 'true', datatype_description: '', order: '1' });
    expect(items((broken!.values as XmlNode).value)).toContainEqual({ key: 'manhole', name: '井盖缺失或破损' });
    expect(asset).toMatchObject({ code: 'asset_id', datatype: 'string', required: 'false' });
    expect(asset!.values).toBeUndefined();

    expect((await get(`${V2}/services/fire.json`)).body).toEqual({ service_code: 'fire', attributes: [] });
    const unknown = await get(`${V2}/services/pothole.xml`);
    expect(unknown.status).toBe(404);
    expect(xml(unknown.body)).toEqual({ root: 'errors', body: { error: [{ code: '404', description: expect.stringContaining('pothole') }] } });
  });
});

describe('POST requests and reading them back', () => {
  it('takes the spec’s example in XML and answers <service_requests><request><service_request_id>', async () => {
    const example = fixture('open311-post-request.txt')
      .trim()
      .replace('api_key=xyz', `api_key=${KEY}`)
      .replace('jurisdiction_id=city.gov', `jurisdiction_id=${jurisdiction}`)
      .replace('service_code=001', 'service_code=sanitation');
    const answer = await post(`${V2}/requests.xml`, example);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toMatch(/^text\/xml/);
    const doc = xml(answer.body);
    expect(doc.root).toBe('service_requests');
    const [request] = items(doc.body.request);
    expect(Object.keys(request!).sort()).toEqual(specKeys('open311-post-response.json'));
    expect(request).toMatchObject({ service_request_id: expect.stringMatching(/^\d{8}-\d{4}$/), account_id: '' });

    // The spec's GET requests answer, field for field, in both formats.
    const id = text(request!, 'service_request_id');
    const json = await get(`${V2}/requests/${id}.json`);
    expect(Object.keys(json.body[0]).sort()).toEqual(specKeys('open311-get-requests-response.json'));
    expect(json.body[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'sanitation', description: 'A large sinkhole is destroying the street', media_url: 'http://city.gov/images/sinkhole.jpg' });
    const one = xml((await get(`${V2}/requests/${id}.xml`)).body);
    expect(one.root).toBe('service_requests');
    const [read] = items(one.body.request);
    expect(Object.keys(read!).sort()).toEqual(specKeys('open311-get-requests-response.json'));
    expect(read).toMatchObject({ service_request_id: id, status: 'open', lat: '37.76524078', long: '-122.4212043', address_id: '', zipcode: '' });
  });

  it('keeps several media_url (repeated or media_url[]) as the report’s media, and answers the first', async () => {
    const fields: Array<[string, string]> = [
      ['api_key', KEY],
      ['service_code', 'sanitation'],
      ['lat', '30.33'],
      ['long', '120.07'],
      ['description', '垃圾堆放'],
      ['media_url', 'https://photos.example.cn/1.jpg'],
      ['media_url[]', 'https://photos.example.cn/2.jpg'],
      ['media_url', 'http://photos.example.cn/3.jpg'],
    ];
    const answer = await post(`${V2}/requests.json`, form(fields));
    expect(answer.status).toBe(201);
    const id = answer.body[0].service_request_id as string;
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${id}`, { token });
    expect(detail.body.reports[0].facts).toEqual({ media: ['https://photos.example.cn/1.jpg', 'https://photos.example.cn/2.jpg', 'http://photos.example.cn/3.jpg'], open311: { description: expect.any(String) } });
    expect(detail.body.reports[0].description).not.toContain('photos.example.cn');
    expect((await get(`${V2}/requests/${id}.json`)).body[0].media_url).toBe('https://photos.example.cn/1.jpg');
    const listed = items(xml((await get(`${V2}/requests.xml?service_code=sanitation`)).body).body.request).find((r) => r.service_request_id === id);
    expect(listed?.media_url).toBe('https://photos.example.cn/1.jpg');

    const seq = await h.journalSeq();
    const eleven = Array.from({ length: 11 }, (_, i): [string, string] => ['media_url', `https://photos.example.cn/${i}.jpg`]);
    const tooMany = await post(`${V2}/requests.json`, form([...fields.slice(0, 5), ...eleven]));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body[0].description).toContain('at most 10 media_url');
    const long = await post(`${V2}/requests.json`, form([...fields.slice(0, 5), ['media_url', `https://photos.example.cn/${'a'.repeat(500)}.jpg`]]));
    expect(long.status).toBe(400);
    const notHttp = await post(`${V2}/requests.json`, form([...fields.slice(0, 5), ['media_url', 'ftp://photos.example.cn/1.jpg']]));
    expect(notHttp.status).toBe(400);
    expect(await h.journalSeq()).toBe(seq);
  });

  it('checks attribute[code] answers against the definition and keeps them as facts, not in the public answer', async () => {
    const base: Array<[string, string]> = [
      ['api_key', KEY],
      ['service_code', 'noise'],
      ['lat', '30.331'],
      ['long', '120.071'],
      ['description', '楼下酒吧每晚音响很响'],
    ];
    const seq = await h.journalSeq();
    const refusals: Array<[Array<[string, string]>, string]> = [
      [[], 'attribute[noise_time] is required'],
      [[['attribute[noise_time]', 'midnight']], 'is not one of now, night, daytime, weekend'],
      [[['attribute[noise_time]', 'night'], ['attribute[noise_source][]', 'drums']], '"drums" is not one of'],
      [[['attribute[noise_time]', 'night'], ['attribute[volume]', '90']], 'attribute[volume] is not asked by service noise'],
    ];
    for (const [extra, reason] of refusals) {
      const answer = await post(`${V2}/requests.json`, form([...base, ...extra]));
      expect(answer.status, reason).toBe(400);
      expect(answer.body).toEqual([{ code: 400, description: expect.stringContaining(reason) }]);
    }
    const stalls = await post(`${V2}/requests.xml`, form([...base.slice(0, 1), ['service_code', 'streetVending'], ...base.slice(2), ['attribute[stalls]', 'several']]));
    expect(stalls.status).toBe(400);
    expect(xml(stalls.body).body).toEqual({ error: [{ code: '400', description: 'attribute[stalls] must be a number.' }] });
    expect(await h.journalSeq()).toBe(seq);

    const ok = await post(`${V2}/requests.json`, form([...base, ['attribute[noise_time]', 'night'], ['attribute[noise_source][]', 'venue'], ['attribute[noise_source][]', 'shop']]));
    expect(ok.status).toBe(201);
    const id = ok.body[0].service_request_id as string;
    const token = await h.login('operator1');
    expect((await h.api(`/api/v1/incidents/${id}`, { token })).body.reports[0].facts).toEqual({ attributes: { noise_time: 'night', noise_source: 'venue,shop' }, open311: { description: expect.any(String) } });
    const vending = await post(`${V2}/requests.json`, form([...base.slice(0, 1), ['service_code', 'streetVending'], ...base.slice(2), ['attribute[stalls]', '6'], ['attribute[blocking]', 'fire_lane']]));
    expect((await h.api(`/api/v1/incidents/${vending.body[0].service_request_id}`, { token })).body.reports[0].facts).toEqual({ attributes: { stalls: '6', blocking: 'fire_lane' }, open311: { description: expect.any(String) } });
    // The spec's request has no attributes: the public answer keeps to its fields.
    const read = await get(`${V2}/requests/${id}.json`);
    expect(Object.keys(read.body[0]).sort()).toEqual(specKeys('open311-get-requests-response.json'));
    expect(JSON.stringify(read.body)).not.toMatch(/noise_time|venue/);
  });
});

describe('public reads', () => {
  it('show no reporter name, phone or e-mail, in any answer or format, while the duty room keeps them', async () => {
    const answer = await post(
      `${V2}/requests.json`,
      form([
        ['api_key', KEY],
        ['service_code', 'sanitation'],
        ['lat', '30.332'],
        ['long', '120.072'],
        ['first_name', 'Meiling'],
        ['last_name', 'Zhou'],
        ['phone', '13912345678'],
        ['email', 'meiling.zhou@example.cn'],
        ['description', '我是 Meiling Zhou，垃圾三天没人清。回电 13912345678 或 0571-88123456，也可发邮件 meiling.zhou@example.cn，英国的亲戚 +44 20 7946 0958。'],
      ]),
    );
    expect(answer.status).toBe(201);
    const id = answer.body[0].service_request_id as string;
    const token = await h.login('operator1');
    const cancel = await h.api('/api/v1/commands', {
      method: 'POST',
      token,
      body: JSON.stringify({ type: 'incident.cancel', idempotencyKey: `cancel-${id}`, payload: { incidentId: id, reason: '周女士（13912345678）来电说已清理' } }),
    });
    expect(cancel.status).toBe(200);

    const answers = [
      (await get(`${V2}/requests/${id}.json`)).body,
      (await get(`${V2}/requests/${id}.xml`)).body,
      (await get(`${V2}/requests.json?service_request_id=${id}`)).body,
      (await get(`${V2}/requests.xml?status=closed`)).body,
      (await get(`${V2}/requests.json`)).body,
    ].map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
    for (const body of answers) {
      expect(body).toContain(id);
      expect(body).not.toMatch(/meiling|zhou|@example|13912345678|1391|5678|88123456|7946|0958/i);
    }
    const read = (await get(`${V2}/requests/${id}.json`)).body[0];
    expect(read.status).toBe('closed');
    expect(read.description).toContain('垃圾三天没人清');
    expect(read.status_notes).toContain('已撤销');

    // The seat still reaches the caller: the name, the (masked) phone and the e-mail are on the report.
    const report = (await h.api(`/api/v1/incidents/${id}`, { token })).body.reports[0];
    expect(report.reporter).toMatchObject({ name: 'Meiling Zhou', phone: '139****5678' });
    expect(report.description).toContain('【邮箱】m***@example.cn');
  });

  it('are Open311’s requests only: a hotline case is neither listed nor found', async () => {
    const hotline = await h.api('/api/v1/ingest/hotline12345', {
      method: 'POST',
      key: 'dutydeck-demo-hotline12345',
      // Its text even carries the line an Open311 POST writes: words cannot make a case public.
      body: JSON.stringify({ externalId: 'open311-scope-1', time: new Date().toISOString(), categoryCode: '0303', text: '小区门口垃圾堆积\n【来源】Open311 GeoReport v2', location: { lon: 120.07, lat: 30.33 } }),
    });
    expect(hotline.status).toBe(201);
    const id = hotline.body.incidentId as string;
    expect((await get(`${V2}/requests/${id}.json`)).status).toBe(404);
    expect(JSON.stringify((await get(`${V2}/requests.json`)).body)).not.toContain(id);
    expect((await get(`${V2}/requests.json?service_request_id=${id}`)).body).toEqual([]);
  });

  it('name the agency responsible after the town in force', async () => {
    const answer = await post(`${V2}/requests.json`, form([['api_key', KEY], ['service_code', 'streetVending'], ['lat', '30.333'], ['long', '120.073']]));
    const id = answer.body[0].service_request_id as string;
    expect((await get(`${V2}/requests/${id}.json`)).body[0].agency_responsible).toBeNull();
    const token = await h.login('operator1');
    const triage = await h.api('/api/v1/commands', {
      method: 'POST',
      token,
      body: JSON.stringify({ type: 'incident.triage', idempotencyKey: `triage-${id}`, payload: { incidentId: id, category: 'streetVending', priority: 'P3', lead: 'police' } }),
    });
    expect(triage.status).toBe(200);
    expect((await get(`${V2}/requests/${id}.json`)).body[0].agency_responsible).toBe('三墩镇派出所');
  });
});

describe('jurisdiction_id', () => {
  it('is accepted on every endpoint, absent or in any case, and a wrong one is the spec’s 404 in the asked format', async () => {
    const post311 = (format: string, j: string) => post(`${V2}/requests.${format}`, form([['api_key', KEY], ['jurisdiction_id', j], ['service_code', 'other'], ['address_string', '振华路'], ['description', 'jurisdiction']]));
    const gets = ['discovery', 'services', 'services/noise', 'requests', 'requests/20260101-0001'];
    for (const path of gets) {
      for (const format of ['json', 'xml']) {
        const wrong = await get(`${V2}/${path}.${format}?jurisdiction_id=city.gov`);
        expect(wrong.status, path).toBe(404);
        const errors = format === 'json' ? wrong.body : items(xml(wrong.body).body.error).map((e) => ({ code: Number(e.code), description: e.description }));
        expect(errors).toEqual([{ code: 404, description: 'jurisdiction_id city.gov is unknown here; this endpoint serves sandunzhen.xihuqu.hangzhoushi.zhejiangsheng.' }]);
      }
    }
    expect((await get(`${V2}/services.json?jurisdiction_id=${jurisdiction.toUpperCase()}`)).status).toBe(200);
    expect((await get(`${V2}/services.json?jurisdiction_id=`)).status).toBe(200);
    const seq = await h.journalSeq();
    expect((await post311('json', 'city.gov')).status).toBe(404);
    expect(xml((await post311('xml', 'city.gov')).body).body.error).toEqual([{ code: '404', description: expect.stringContaining('city.gov is unknown') }]);
    expect(await h.journalSeq()).toBe(seq);
    expect((await post311('xml', jurisdiction)).status).toBe(201);
  });
});

describe('errors', () => {
  it('are the spec’s errors list in the asked format, with 400, 403 and 404, and write nothing', async () => {
    const seq = await h.journalSeq();
    type Call = (format: string) => Promise<{ status: number; body: Json }>;
    const cases: Array<[string, Call, number, string]> = [
      ['bad lat', (f) => post(`${V2}/requests.${f}`, form([['api_key', KEY], ['service_code', 'noise'], ['lat', '91'], ['long', '1']])), 400, 'lat must be a number from -90 to 90.'],
      ['no api_key', (f) => post(`${V2}/requests.${f}`, form([['service_code', 'noise'], ['lat', '30'], ['long', '120']])), 403, 'api_key is required'],
      ['wrong api_key', (f) => post(`${V2}/requests.${f}`, form([['api_key', 'xyz'], ['service_code', 'noise'], ['lat', '30'], ['long', '120']])), 403, 'Invalid api_key'],
      ['unknown service', (f) => post(`${V2}/requests.${f}`, form([['api_key', KEY], ['service_code', '<001>'], ['lat', '30'], ['long', '120']])), 404, 'service_code <001> was not found.'],
      ['unknown request', (f) => get(`${V2}/requests/20990101-0001.${f}`), 404, 'service_request_id 20990101-0001 was not found.'],
      ['bad date', (f) => get(`${V2}/requests.${f}?start_date=soon`), 400, 'start_date must be a w3 date-time'],
      ['repeated field', (f) => post(`${V2}/requests.${f}`, form([['api_key', KEY], ['service_code', 'noise'], ['service_code', 'fire']])), 400, 'service_code is given more than once.'],
      ['JSON body', (f) => h.api(`${V2}/requests.${f}`, { method: 'POST', body: '{"service_code":"noise"}' }), 415, 'application/x-www-form-urlencoded'],
    ];
    for (const format of ['json', 'xml']) {
      for (const [name, call, status, description] of cases) {
        const answer = await call(format);
        expect(answer.status, `${name} .${format}`).toBe(status);
        const errors = format === 'json' ? answer.body : items(xml(answer.body as string).body.error).map((e) => ({ code: Number(e.code), description: e.description }));
        expect(errors, `${name} .${format}`).toEqual([{ code: status, description: expect.stringContaining(description) }]);
      }
    }
    expect(await h.journalSeq()).toBe(seq);
  });

  it('answers a path without its format with 400 in XML, the spec’s required format', async () => {
    for (const path of ['services', 'requests', 'services/noise', 'discovery']) {
      const answer = await get(`${V2}/${path}`);
      expect(answer.status, path).toBe(400);
      expect(answer.type).toMatch(/^text\/xml/);
      expect(xml(answer.body).body.error).toEqual([{ code: '400', description: expect.stringContaining(`${V2}/${path}.xml or`) }]);
    }
    const unknown = await get(`${V2}/tokens/abc.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.body[0].code).toBe(404);
    const wrongMethod = await h.api(`${V2}/services.json`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual([{ code: 405, description: expect.stringContaining('DELETE') }]);
  });
});

describe('a FixMyStreet client (perllib/Open311.pm)', () => {
  it('lists services, reads a definition, posts in XML, and finds its request by id and by date', async () => {
    const q = `jurisdiction_id=${encodeURIComponent(jurisdiction)}`;
    const services = items(xml((await get(`${V2}/services.xml?${q}`)).body).body.service);
    const noise = services.find((s) => s.service_code === 'noise')!;
    expect(noise.metadata).toBe('true');
    const definition = xml((await get(`${V2}/services/noise.xml?${q}`)).body).body;
    const required = items((definition.attributes as XmlNode).attribute).filter((a) => a.required === 'true');
    expect(required.map((a) => a.code)).toEqual(['noise_time']);

    const before = new Date(Date.now() - 60_000).toISOString();
    // As Open311.pm builds it: the form LWP posts, jurisdiction_id and api_key first.
    const body = form([
      ['jurisdiction_id', jurisdiction],
      ['api_key', KEY],
      ['lat', '30.3345'],
      ['long', '120.0712'],
      ['address_string', '振华路 88 号'],
      ['email', 'resident@example.org'],
      ['description', 'title: 夜里施工\n\ndetail: 工地每晚 23 点后还在打桩\n\nurl: https://fixmystreet.example/report/42\n\nSubmitted via FixMyStreet\n'],
      ['service_code', 'noise'],
      ['first_name', 'Jane'],
      ['last_name', 'Resident'],
      ['phone', '07700 900123'],
      ['media_url', 'https://fixmystreet.example/photo/42.0.full.jpeg'],
      ['attribute[noise_time]', 'night'],
      ['attribute[noise_source]', 'construction'],
    ]);
    const posted = await h.api(`${V2}/requests.xml`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } });
    expect(posted.status).toBe(201);
    const [request] = items(xml(posted.body).body.request);
    const id = request!.service_request_id as string;
    expect(id).toMatch(/^\d{8}-\d{4}$/);

    const after = new Date(Date.now() + 60_000).toISOString();
    const byDate = items(xml((await get(`${V2}/requests.xml?${q}&start_date=${encodeURIComponent(before)}&end_date=${encodeURIComponent(after)}`)).body).body.request);
    const mine = byDate.find((r) => r.service_request_id === id);
    expect(mine).toMatchObject({ status: 'open', service_code: 'noise', media_url: 'https://fixmystreet.example/photo/42.0.full.jpeg', lat: '30.3345', long: '120.0712' });
    expect(mine!.description).toContain('工地每晚 23 点后还在打桩');
    expect(JSON.stringify(byDate)).not.toMatch(/Jane|Resident|resident@|07700|900123/);
    const byId = items(xml((await get(`${V2}/requests.xml?${q}&service_request_id=${id}`)).body).body.request);
    expect(byId.map((r) => r.service_request_id)).toEqual([id]);
    const earlier = items(xml((await get(`${V2}/requests.xml?${q}&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).body).body.request);
    expect(earlier).toEqual([]);
  });
});

describe('the jurisdiction a town sets, and a hub without a town', () => {
  it('takes the hub option, else DUTYDECK_OPEN311_JURISDICTION, and refuses one that is not domain-like', () => {
    const before = process.env.DUTYDECK_OPEN311_JURISDICTION;
    try {
      process.env.DUTYDECK_OPEN311_JURISDICTION = 'env.example.gov';
      expect(open311Options({ log: () => {}, open311: { jurisdictionId: ' sandun.hangzhou.gov.cn ' } })).toEqual({ jurisdictionId: 'sandun.hangzhou.gov.cn' });
      expect(open311Options({ log: () => {} })).toEqual({ jurisdictionId: 'env.example.gov' });
      delete process.env.DUTYDECK_OPEN311_JURISDICTION;
      expect(open311Options({ log: () => {} })).toEqual({});
      expect(() => open311Options({ log: () => {}, open311: { jurisdictionId: '三墩 镇' } })).toThrow(/jurisdiction id "三墩 镇": .*like a domain name/);
    } finally {
      if (before === undefined) delete process.env.DUTYDECK_OPEN311_JURISDICTION;
      else process.env.DUTYDECK_OPEN311_JURISDICTION = before;
    }
  });

  it('derives names from the town’s admin, and falls back to plain unit names without one', () => {
    expect(derivedJurisdictionId({ city: { name: '南京市', aliases: [] }, district: { name: '江宁区', aliases: [] }, town: { name: '秣陵街道', aliases: [] }, communities: [] })).toBe('molingjiedao.jiangningqu.nanjingshi');
    expect(derivedJurisdictionId(null)).toBe('dutydeck');
    expect(agencyNames('秣陵街道')).toMatchObject({ police: '秣陵街道派出所', streetOffice: '秣陵街道办事处' });
    expect(agencyNames('三墩镇')).toMatchObject({ cityManagement: '三墩镇综合行政执法中队', streetOffice: '三墩镇人民政府' });
    expect(agencyNames(null)).toEqual({
      police: '派出所',
      trafficPolice: '交警中队',
      cityManagement: '综合行政执法中队',
      marketSupervision: '市场监督管理所',
      emergencyManagement: '应急管理站',
      gridService: '网格服务中心',
      streetOffice: '街道办事处',
    });
  });

  it('answers for the jurisdiction the hub was started with, in discovery and on every check', async () => {
    const hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-open311-')), port: 0, demo: false, log: () => {}, intake: { open311: { jurisdictionId: 'sandun.hangzhou.gov.cn' } } });
    try {
      const discovery = (await (await fetch(`${hub.url}${V2}/discovery.json`)).json()) as Json;
      expect(discovery).toMatchObject({ jurisdiction_id: 'sandun.hangzhou.gov.cn', contact: expect.stringContaining('DutyDeck') });
      expect((await fetch(`${hub.url}${V2}/services.xml?jurisdiction_id=sandun.hangzhou.gov.cn`)).status).toBe(200);
      expect((await fetch(`${hub.url}${V2}/services.xml?jurisdiction_id=sandunzhen.xihuqu.hangzhoushi.zhejiangsheng`)).status).toBe(404);
    } finally {
      await hub.close();
    }
  });
});

describe('public text', () => {
  it('drops e-mail addresses, ID numbers, phone numbers in any grouping and the reporter’s name, keeping dates and words', () => {
    const said = '我是 Li Wei（李伟），电话 １３８１２３４５６７８、138 1234 5678、(415) 555-1234、+44 20 7946 0958，邮箱 ｌｉ．ｗｅｉ＠ｅｘａｍｐｌｅ．ｃｎ 或 liwei@example.cn，身份证 33010619900307123X。2026-05-01 08:30 起 Liwei 不是 Weizmann。';
    expect(publicText(said, ['Li Wei', '李伟'])).toBe('我是 ***（***），电话 ***、***、***、***，邮箱 *** 或 ***，身份证 ***。2026-05-01 08:30 起 *** 不是 Weizmann。');
  });
});
