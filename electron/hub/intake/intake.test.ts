import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../callbacks/sign';
import { callbackReceiver, CALLBACK_SECRET, IOT_KEY, startIntakeHub, type CallbackReceiver, type IntakeHub, type Json } from './intake-hub.fixture';

const HOTLINE = 'dutydeck-demo-hotline12345';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let h: IntakeHub;
let receiver: CallbackReceiver;
let n = 0;

function report(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `12345-20260501-${String(++n).padStart(4, '0')}`,
    time: '2026-05-01T08:30:00+08:00',
    categoryCode: '0302',
    text: '早高峰流动摊贩占用人行道，行人只能走机动车道。',
    location: { lon: 120.07, lat: 30.33 },
    reporter: { name: '张先生', phone: '13812345678' },
    ...overrides,
  };
}

/** GBK (GB2312's superset, and GB18030's two-byte part) bytes of a text, for alerts as Chinese feeds send them. */
const GBK_OF = (() => {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(a, b));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [a, b]);
    }
  }
  return table;
})();
function gbkBytes(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const char of text) {
    if (char.codePointAt(0)! < 0x80) out.push(char.codePointAt(0)!);
    else out.push(...(GBK_OF.get(char) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}

const send = (channel: string, body: unknown, key = HOTLINE) => h.api(`/api/v1/ingest/${channel}`, { method: 'POST', key, body: JSON.stringify(body) });

beforeAll(async () => {
  receiver = await callbackReceiver();
  h = await startIntakeHub(receiver.url);
}, 60_000);

afterAll(async () => {
  await h.hub.close();
  await receiver.close();
});

describe('integration accounts', () => {
  it('refuses a missing or wrong key with 401 and an error body, and another channel’s key with 403', async () => {
    const missing = await h.api('/api/v1/ingest/hotline12345', { method: 'POST', body: JSON.stringify(report()) });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthenticated');
    const wrong = await send('hotline12345', report(), 'not-the-right-key-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'badCredentials', message: expect.any(String) });
    const other = await send('police110', report());
    expect(other.status).toBe(403);
  });

  it('accepts the key as X-Api-Key too', async () => {
    const answer = await h.api('/api/v1/ingest/hotline12345', { method: 'POST', headers: { 'x-api-key': HOTLINE }, body: JSON.stringify(report()) });
    expect(answer.status).toBe(201);
  });
});

describe('POST /api/v1/ingest/{channel}', () => {
  it('creates an incident once per external id: a resend is a duplicate and writes nothing', async () => {
    const body = report();
    const first = await send('hotline12345', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ incidentId: expect.stringMatching(/^\d{8}-\d+$/), status: 'created', category: 'streetVending' });
    const seq = await h.journalSeq();
    const again = await send('hotline12345', { ...body, text: '重复推送' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ incidentId: first.body.incidentId, status: 'duplicate' });
    expect(await h.journalSeq()).toBe(seq);
  });

  it('suspects a 110 report 15 m and 8 minutes from a 12345 report of the same pothole of being its duplicate, and journals why', async () => {
    const pothole = { lon: 120.0812, lat: 30.3127 };
    const first = await send('hotline12345', report({ time: '2026-05-02T09:00:00+08:00', categoryCode: '0306', text: '振华路人行道路面有个大坑，行人容易绊倒', location: pothole }));
    const second = await send(
      'police110',
      report({ externalId: `110-${n}`, time: '2026-05-02T09:08:00+08:00', categoryCode: '03', text: '振华路人行道路面塌陷有个大坑，有人绊倒', location: { lon: pothole.lon + 0.000156, lat: pothole.lat }, reporter: undefined }),
      'dutydeck-demo-police110',
    );
    expect([first.status, second.status]).toEqual([201, 201]);
    await h.journalSeq();
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${second.body.incidentId}`, { token });
    expect(detail.body.suspectedDuplicate).toMatchObject({ of: first.body.incidentId, reasons: expect.arrayContaining(['near', 'similarText']) });
    expect(detail.body.suspectedDuplicate.score).toBeGreaterThanOrEqual(0.55);
  });

  it('maps the channel’s codes, and files an unknown code under other with the code kept', async () => {
    const known = await send('hotline12345', report({ categoryCode: '0402' }));
    expect(known.body.category).toBe('gasLeak');
    const unknown = await send('hotline12345', report({ categoryCode: '9999' }));
    expect(unknown.body.category).toBe('other');
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${unknown.body.incidentId}`, { token });
    expect(detail.body.reports[0].description).toContain('9999');
    expect(detail.body.reports[0].channel).toBe('hotline12345');
  });

  it('locates an address from the address database, with its grid', async () => {
    const address = h.addresses.find((a) => a.unit !== null) ?? h.addresses[0]!;
    const inside = address.building === null ? '' : `${address.building}栋${address.unit}单元`;
    const written = `浙江省杭州市西湖区三墩镇${address.road}${address.number}号${inside}`;
    const answer = await send('hotline12345', report({ location: undefined, address: written }));
    expect(answer.body.locating).toMatchObject({ status: 'matched', candidates: [{ addressId: address.id }] });
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token });
    expect(detail.body.location).toEqual(address.location);
    expect(detail.body.gridId).toBe(address.gridId);
    expect(detail.body.address).toBe(address.text);
  });

  it('takes an unresolved address without a location and keeps the candidates for the operator', async () => {
    const answer = await send('hotline12345', report({ location: undefined, address: '某某小区门口' }));
    expect(answer.status).toBe(201);
    expect(answer.body.locating.status).toBe('unresolved');
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token });
    expect(detail.body.location).toBeNull();
    expect(detail.body.reports[0].description).toContain('地址待核实');
  });

  it('converts GCJ-02 coordinates to WGS-84', async () => {
    const answer = await send('hotline12345', report({ location: { lon: 120.0746, lat: 30.3276, datum: 'gcj02' } }));
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token });
    expect(detail.body.location.lon).toBeLessThan(120.0746);
    expect(Math.abs(detail.body.location.lon - 120.0746)).toBeGreaterThan(0.003);
  });

  it('refuses bad input with 4xx and a reason, writing nothing', async () => {
    const seq = await h.journalSeq();
    const cases: Array<[unknown, number, string]> = [
      [{ ...report(), time: 'yesterday' }, 400, 'time'],
      [{ ...report(), externalId: 'has space' }, 400, 'externalId'],
      [{ ...report(), location: undefined }, 400, 'location'],
      [{ ...report(), attachments: ['javascript:alert(1)'] }, 400, 'attachments.0'],
      [{ ...report(), extra: 1 }, 400, ''],
    ];
    for (const [body, status, path] of cases) {
      const answer = await send('hotline12345', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toEqual(expect.any(String));
      if (path) expect(answer.body.error.path).toBe(path);
    }
    const notJson = await h.api('/api/v1/ingest/hotline12345', { method: 'POST', key: HOTLINE, body: '{"externalId":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await h.api('/api/v1/ingest/nowhere', { method: 'POST', key: HOTLINE, body: '{}' })).status).toBe(404);
    expect(await h.journalSeq()).toBe(seq);
  });
});

describe('GET /api/v1/geocode', () => {
  it('answers the match and suggestions as the seat types', async () => {
    const token = await h.login('operator1');
    const address = h.addresses.find((a) => a.building === null)!;
    const answer = await h.api(`/api/v1/geocode?q=${encodeURIComponent(`${address.road}${address.number}号`)}`, { token });
    expect(answer.body.status).toBe('matched');
    expect(answer.body.match.addressId).toBe(address.id);
    const typing = await h.api(`/api/v1/geocode?q=${encodeURIComponent(address.road.slice(0, 2))}`, { token });
    expect(typing.body.suggestions.length).toBeGreaterThan(0);
    expect((await h.api('/api/v1/geocode?q=x')).status).toBe(401);
  });
});

describe('Open311 GeoReport v2', () => {
  const spec = (name: string) => JSON.parse(fixture(name)) as Array<Record<string, unknown>>;

  it('lists the taxonomy as services with the spec’s fields', async () => {
    const answer = await h.api('/open311/v2/services.json');
    expect(answer.status).toBe(200);
    const example = spec('open311-services-response.json')[0]!;
    expect(Object.keys(answer.body[0]).sort()).toEqual(Object.keys(example).sort());
    expect(answer.body.map((s: { service_code: string }) => s.service_code)).toContain('streetVending');
  });

  it('takes the spec’s example POST, refusing its unknown service_code and a wrong key in the spec’s error format', async () => {
    const post = (form: string) => h.api('/open311/v2/requests.json', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // The example names its own jurisdiction, city.gov; this hub serves the one its discovery document gives.
    const inCityGov = await post(fixture('open311-post-request.txt').trim());
    expect(inCityGov.status).toBe(404);
    expect(inCityGov.body).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id city.gov is unknown') }]);
    const jurisdiction = (await h.api('/open311/v2/discovery.json')).body.jurisdiction_id as string;
    const example = fixture('open311-post-request.txt').trim().replace('jurisdiction_id=city.gov', `jurisdiction_id=${jurisdiction}`);
    const wrongKey = await post(example);
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.body).toEqual(spec('open311-error-response.json'));
    const unknownService = await post(example.replace('api_key=xyz', 'api_key=dutydeck-demo-cityManagement'));
    expect(unknownService.status).toBe(404);
    expect(unknownService.body).toEqual([{ code: 404, description: expect.stringContaining('001') }]);
    // municipalFacility asks what is broken (its service definition): a sinkhole is the road.
    const ok = await post(example.replace('api_key=xyz', 'api_key=dutydeck-demo-cityManagement').replace('service_code=001', 'service_code=municipalFacility') + '&attribute[broken]=road');
    expect(ok.status).toBe(201);
    expect(Object.keys(ok.body[0]).sort()).toEqual(Object.keys(spec('open311-post-response.json')[0]!).sort());

    const id = ok.body[0].service_request_id as string;
    const one = await h.api(`/open311/v2/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.body[0]).sort()).toEqual(Object.keys(spec('open311-get-requests-response.json')[0]!).sort());
    expect(one.body[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'municipalFacility', lat: 37.76524078, long: -122.4212043, description: expect.stringContaining('sinkhole') });
    expect(one.body[0].requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const list = await h.api('/open311/v2/requests.json?status=open&service_code=municipalFacility');
    expect(list.body.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const closed = await h.api('/open311/v2/requests.json?status=closed');
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    // Reading is public, as the spec has it, so it shows nothing of the reporter.
    expect(JSON.stringify([one.body, list.body])).not.toMatch(/john|smith|111111111|smit222/i);
  });

  it('refuses a POST without a location, and malformed dates, with [{code, description}]', async () => {
    const seq = await h.journalSeq();
    const noPlace = await h.api('/open311/v2/requests.json', {
      method: 'POST',
      body: 'api_key=dutydeck-demo-cityManagement&service_code=sanitation&description=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body[0]).toMatchObject({ code: 400, description: expect.stringContaining('location') });
    const badDate = await h.api('/open311/v2/requests.json?api_key=dutydeck-demo-cityManagement&start_date=soon');
    expect(badDate.status).toBe(400);
    expect(await h.journalSeq()).toBe(seq);
  });
});

describe('CAP 1.2 at /api/v1/ingest/cap', () => {
  const cap = (name: string, key = IOT_KEY, type = 'application/cap+xml') => h.api('/api/v1/ingest/cap', { method: 'POST', key, body: fixture(name), headers: { 'content-type': type } });

  it('sets the spec’s example alerts aside, all of them far from the town, with the reason; the admin reads them; a resend adds nothing', async () => {
    const before = await h.journalSeq();
    for (const name of ['cap-a2-thunderstorm.xml', 'cap-a3-earthquake-update.xml']) {
      const answer = await cap(name, 'dutydeck-demo-fire119', name.includes('a3') ? 'application/xml' : 'application/cap+xml');
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
      expect(answer.body, name).toMatchObject({ incidentId: null, status: 'setAside', reason: expect.stringMatching(/km or more outside the town's boundary \(margin 5 km\)/) });
    }
    // Los Angeles County by its SAME code: a geocode of no grid of the town, and no place of it named.
    const amber = await cap('cap-a4-amber-multilingual.xml', 'dutydeck-demo-fire119');
    expect(amber.body).toMatchObject({ incidentId: null, status: 'setAside', reason: expect.stringMatching(/no area of the alert names a place in the town/) });
    // The spec's A.1 names only "U.S. nationwide": no place of the town.
    const nationwide = await cap('cap-a1-homeland-security.xml', 'dutydeck-demo-fire119');
    expect(nationwide.status).toBe(202);
    expect(nationwide.body.reason).toMatch(/no area of the alert names a place in the town/);
    const seq = await h.journalSeq();
    expect(seq - before).toBe(4);
    expect((await cap('cap-a2-thunderstorm.xml', 'dutydeck-demo-fire119')).body.status).toBe('setAside');
    expect(await h.journalSeq()).toBe(seq);
    const admin = await h.login('admin');
    const listed = await h.api('/api/v1/admin/alerts/set-aside', { token: admin });
    expect(listed.status).toBe(200);
    const storm = listed.body.items.find((i: Json) => i.event === 'SEVERE THUNDERSTORM');
    expect(storm).toMatchObject({ channel: 'fire119', reason: 'outsideTown', severity: 'Severe', areas: [expect.stringContaining('CA')] });
    expect(storm.gapKm).toBeGreaterThan(9000);
    expect(listed.body.items.find((i: Json) => i.reason === 'notLocated')).toBeTruthy();
    // Not for a seat.
    expect((await h.api('/api/v1/admin/alerts/set-aside', { token: await h.login('operator1') })).status).toBe(403);
  });

  it('keeps an alert’s facts as data on its report: grading, times, instruction, link and every area', async () => {
    const xml = fixture('cap-sandun-smoke-alert.xml')
      .replace('<identifier>IOT-SMOKE-20260501-0007</identifier>', '<identifier>IOT-SMOKE-FACTS-1</identifier>')
      .replace('<headline>', '<onset>2026-05-01T08:29:00+08:00</onset><expires>2026-05-01T10:30:00+08:00</expires><instruction>疏散二楼人员，切断电源</instruction><web>https://iot.example.cn/alerts/7</web><headline>');
    const answer = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body: xml, headers: { 'content-type': 'application/cap+xml' } });
    expect(answer.status).toBe(201);
    expect(answer.body.priority).toBe('P1');
    const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token: await h.login('operator1') });
    const [report] = detail.body.reports;
    expect(report.facts.cap).toMatchObject({
      identifier: 'IOT-SMOKE-FACTS-1',
      event: '烟感报警',
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      onset: '2026-05-01T08:29:00+08:00',
      expires: '2026-05-01T10:30:00+08:00',
      instruction: '疏散二楼人员，切断电源',
      web: 'https://iot.example.cn/alerts/7',
      areas: [{ desc: '振华路沿线厂房', polygons: [], circles: [{ center: [120.07, 30.33], radiusKm: 0.05 }] }],
    });
    // The description is what the alert says, not its grading or instruction cut into text.
    expect(report.description).not.toContain('疏散二楼人员');
    expect(report.description).not.toContain('Immediate');
  });

  it('places an area that is only its description: the whole town when it names it, an address when it is one', async () => {
    const plain = (id: string, areaDesc: string) =>
      fixture('cap-sandun-smoke-alert.xml').replace('IOT-SMOKE-20260501-0007', id).replace(/<area>[\s\S]*<\/area>/, `<area><areaDesc>${areaDesc}</areaDesc></area>`);
    const post = (body: string) => h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body, headers: { 'content-type': 'application/cap+xml' } });
    const town = await post(plain('AREA-TOWN', '杭州市西湖区三墩镇全域'));
    expect(town.status).toBe(201);
    const address = h.addresses.find((a) => a.building === null)!;
    const street = await post(plain('AREA-ADDR', address.text));
    expect(street.status).toBe(201);
    const token = await h.login('operator1');
    const streetIncident = await h.api(`/api/v1/incidents/${street.body.incidentId}`, { token });
    expect(streetIncident.body.location).toEqual(address.location);
    expect((await h.api(`/api/v1/incidents/${town.body.incidentId}`, { token })).body.gridId).toMatch(/^G/);
    const nowhere = await post(plain('AREA-NOWHERE', '某某省某某市'));
    expect(nowhere.status).toBe(202);
  });

  it('reads an alert in the encoding its XML declaration names: GB2312, GB18030, ISO-8859-1', async () => {
    const smoke = fixture('cap-sandun-smoke-alert.xml');
    const gb = (id: string, label: string) => {
      const text = smoke.replace('IOT-SMOKE-20260501-0007', id).replace('encoding="UTF-8"', `encoding="${label}"`).replace('&#8451;', '度');
      return gbkBytes(text);
    };
    // The table is the platform's decoder turned round; one pair from the GB2312 standard anchors it.
    expect([...gbkBytes('烟')]).toEqual([0xd1, 0xcc]);
    for (const [id, label] of [['ENC-GB2312', 'GB2312'], ['ENC-GB18030', 'GB18030']] as const) {
      const body = gb(id, label);
      expect(Buffer.from(body).includes(Buffer.from('烟感报警'))).toBe(false);
      const answer = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body, headers: { 'content-type': 'application/cap+xml' } });
      expect(answer.status, label).toBe(201);
      const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token: await h.login('operator1') });
      expect(detail.body.title).toBe('烟感报警：厂房二楼连续触发');
    }
    const latin = Uint8Array.from(Buffer.from(
      smoke.replace('IOT-SMOKE-20260501-0007', 'ENC-LATIN1').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('<headline>烟感报警：厂房二楼连续触发</headline>', '<headline>Rauchmelder: Fabrikhalle Süd</headline>').replace(/<description>[^<]*<\/description>/, '<description>Température 68 °C</description>'),
      'latin1',
    ));
    const answer = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body: latin, headers: { 'content-type': 'application/cap+xml' } });
    expect(answer.status).toBe(201);
    const detail = await h.api(`/api/v1/incidents/${answer.body.incidentId}`, { token: await h.login('operator1') });
    expect(detail.body.title).toBe('Rauchmelder: Fabrikhalle Süd');
    expect(detail.body.reports[0].description).toContain('Température 68 °C');
    const unknown = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body: smoke.replace('encoding="UTF-8"', 'encoding="EBCDIC-US"'), headers: { 'content-type': 'application/cap+xml' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/ebcdic-us/);
  });

  it('adds an Update’s report to the referenced incident and cancels it on Cancel, telling the source each time', async () => {
    const alert = await cap('cap-sandun-smoke-alert.xml');
    expect(alert.body).toMatchObject({ status: 'created', priority: 'P1' });
    const update = await cap('cap-sandun-smoke-update.xml');
    expect(update.body).toMatchObject({ status: 'updated', incidentId: alert.body.incidentId });
    const token = await h.login('operator1');
    const detail = await h.api(`/api/v1/incidents/${alert.body.incidentId}`, { token });
    expect(detail.body.reports).toHaveLength(2);
    expect(detail.body.reports[0].description).toContain('68℃');
    expect(detail.body.reports[0].description).toContain('&');
    const cancel = await cap('cap-sandun-smoke-cancel.xml');
    expect(cancel.body).toMatchObject({ status: 'cancelled', incidentId: alert.body.incidentId });
    const after = await h.api(`/api/v1/incidents/${alert.body.incidentId}`, { token });
    expect(after.body.state).toBe('cancelled');
    const updateIncident = await h.api(`/api/v1/incidents/${update.body.reportIncidentId}`, { token });
    expect(updateIncident.body.state).toBe('cancelled');
    // A resent Cancel changes nothing.
    const seq = await h.journalSeq();
    expect((await cap('cap-sandun-smoke-cancel.xml')).body.status).toBe('cancelled');
    expect(await h.journalSeq()).toBe(seq);
  });

  it('refuses hostile and invalid XML with 400 and a reason, writing nothing', async () => {
    const seq = await h.journalSeq();
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&lol2;</alert>';
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>';
    for (const body of [laughs, xxe, '<alert>', '<a>'.repeat(5000), fixture('cap-sandun-smoke-alert.xml').replace('<urgency>Immediate</urgency>', '<urgency>Soon</urgency>')]) {
      const answer = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body, headers: { 'content-type': 'application/cap+xml' } });
      expect(answer.status, body.slice(0, 80)).toBe(400);
      expect(answer.body.error.message).toMatch(/^CAP: /);
    }
    const json = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body: '{}' });
    expect(json.status).toBe(415);
    expect(await h.journalSeq()).toBe(seq);
  });
});

describe('status back to the source', () => {
  it('posts a signed notice when the incident changes state; failures become dead letters the admin replays', async () => {
    const created = await send('iot', { externalId: 'SMOKE-42', time: '2026-05-01T09:00:00+08:00', categoryCode: 'smoke', text: '烟感报警', location: { lon: 120.07, lat: 30.33 } }, IOT_KEY);
    expect(created.body.category).toBe('fire');
    const token = await h.login('operator1');
    const triage = await h.api('/api/v1/commands', {
      method: 'POST',
      token,
      body: JSON.stringify({ type: 'incident.triage', idempotencyKey: `triage-${created.body.incidentId}`, payload: { incidentId: created.body.incidentId, category: 'fire', priority: 'P3', lead: 'emergencyManagement' } }),
    });
    expect(triage.status).toBe(200);
    await expect.poll(() => receiver.received.find((r) => r.body.includes('SMOKE-42')), { timeout: 5_000 }).toBeTruthy();
    const notice = receiver.received.find((r) => r.body.includes('SMOKE-42'))!;
    expect(JSON.parse(notice.body)).toMatchObject({ incidentId: created.body.incidentId, externalId: 'SMOKE-42', state: 'triaged', at: expect.any(String) });
    expect(verifySignature(notice.body, CALLBACK_SECRET, notice.signature)).toBe(true);

    receiver.status = 500;
    await h.api('/api/v1/commands', {
      method: 'POST',
      token,
      body: JSON.stringify({ type: 'incident.cancel', idempotencyKey: `cancel-${created.body.incidentId}`, payload: { incidentId: created.body.incidentId, reason: '误报，已核实' } }),
    });
    const admin = await h.login('admin');
    await expect.poll(async () => (await h.api('/api/v1/admin/deadletters', { token: admin })).body.items.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const [letter] = (await h.api('/api/v1/admin/deadletters', { token: admin })).body.items;
    expect(letter).toMatchObject({ channel: 'iot', attempts: 2, lastError: 'HTTP 500', replayedAt: null });
    expect(JSON.parse(letter.body)).toMatchObject({ state: 'cancelled', note: '误报，已核实' });
    expect((await h.api('/api/v1/admin/deadletters', { token })).status).toBe(403);

    receiver.status = 200;
    const replay = await h.api(`/api/v1/admin/deadletters/${letter.id}/replay`, { method: 'POST', token: admin });
    expect(replay.body).toMatchObject({ delivered: true, error: null, item: { replayedAt: expect.any(String) } });
    expect(receiver.received.at(-1)!.body).toBe(letter.body);
  });

  it('refuses a Cancel of an alert this channel never sent', async () => {
    const other = fixture('cap-sandun-smoke-cancel.xml').replace(/IOT-SMOKE-20260501-0007/g, 'NEVER-SENT');
    const refused = await h.api('/api/v1/ingest/cap', { method: 'POST', key: IOT_KEY, body: other, headers: { 'content-type': 'application/cap+xml' } });
    expect(refused.status).toBe(404);
  });
});
