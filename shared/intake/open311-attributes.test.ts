import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, CATEGORIES } from '../taxonomy';
import { attributeAnswersSchema, AttributeDefinitionSchema, SERVICE_DEFINITIONS, SERVICES_CHANGESET, serviceDefinition, ServiceDefinitionSchema } from './open311-attributes';
import { PostRequestFormSchema, RequestsQuerySchema } from './open311';

const answers = (code: string, given: Record<string, string[]>) => attributeAnswersSchema(serviceDefinition(code), code).safeParse(new Map(Object.entries(given)));
const problems = (code: string, given: Record<string, string[]>) => {
  const result = answers(code, given);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('Open311 service definitions', () => {
  it('define attributes for taxonomy categories only, each list with its values', () => {
    expect(SERVICE_DEFINITIONS.map((d) => d.service_code).sort()).toEqual(['gasLeak', 'municipalFacility', 'noise', 'streetVending']);
    for (const d of SERVICE_DEFINITIONS) {
      expect(CATEGORY_CODES.has(d.service_code)).toBe(true);
      for (const a of d.attributes) expect(Boolean(a.values?.length)).toBe(a.datatype.endsWith('valuelist'));
    }
    expect(serviceDefinition('fire')).toBeNull();
  });

  it('move the discovery changeset with the definitions and the taxonomy', () => {
    // Changed a definition or a category? Set SERVICES_CHANGESET to now and the digest below to the new one.
    const digest = createHash('sha256').update(JSON.stringify({ definitions: SERVICE_DEFINITIONS, categories: CATEGORIES })).digest('hex');
    expect({ changeset: SERVICES_CHANGESET, digest }).toEqual({ changeset: '2026-05-20T00:00:00Z', digest: 'c2820821558d8af1737090ce98aea31f6e4c15fc21f171369be5fdc9fc9db562' });
  });

  it('refuse a definition that contradicts itself', () => {
    const base = { variable: true, code: 'x', required: false, datatype_description: null, order: 1, description: 'x?' };
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'singlevaluelist' }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'string', values: [{ key: 'a', name: 'A' }] }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'singlevaluelist', values: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'singlevaluelist', values: [{ key: 'a,b', name: 'A' }] }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, variable: false, required: true, datatype: 'string' }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'string', range: { min: 1, max: 2, integer: true } }).success).toBe(false);
    expect(AttributeDefinitionSchema.safeParse({ ...base, datatype: 'number', range: { min: 1, max: 2, integer: true } }).success).toBe(true);
    const attribute = { ...base, datatype: 'string' };
    expect(ServiceDefinitionSchema.safeParse({ service_code: 'noise', attributes: [attribute, attribute] }).success).toBe(false);
  });
});

describe('attribute answers', () => {
  it('keep the answers as facts: a list key, several keys joined, a number as a number', () => {
    expect(answers('noise', { noise_time: ['night'], noise_source: ['venue', 'shop', 'venue'] })).toMatchObject({ success: true, data: { noise_time: 'night', noise_source: 'venue,shop' } });
    expect(answers('streetVending', { stalls: [' 12 '] })).toMatchObject({ success: true, data: { stalls: '12' } });
    expect(answers('municipalFacility', { broken: ['streetlight'], asset_id: ['LD-0931'] })).toMatchObject({ success: true, data: { broken: 'streetlight', asset_id: 'LD-0931' } });
    // An unanswered optional question is sent empty by form clients: not an answer.
    expect(answers('streetVending', { stalls: [''], blocking: [''] })).toMatchObject({ success: true, data: {} });
  });

  it('refuse a missing required answer, a value not in the list, a number that is not one, and a question not asked', () => {
    expect(problems('noise', {})).toEqual([expect.stringContaining('attribute[noise_time] is required')]);
    expect(problems('noise', { noise_time: ['   '] })).toEqual([expect.stringContaining('attribute[noise_time] is required')]);
    expect(problems('noise', { noise_time: ['midnight'] })).toEqual([expect.stringContaining('is not one of now, night, daytime, weekend')]);
    expect(problems('noise', { noise_time: ['now', 'night'] })).toEqual(['attribute[noise_time] takes one value.']);
    expect(problems('noise', { noise_time: ['now'], noise_source: ['shop', 'drums'] })).toEqual([expect.stringContaining('"drums" is not one of')]);
    expect(problems('streetVending', { stalls: ['a few'] })).toEqual(['attribute[stalls] must be a number.']);
    expect(problems('streetVending', { stalls: ['0x10'] })).toEqual(['attribute[stalls] must be a number.']);
    expect(problems('streetVending', { stalls: ['2.5'] })).toEqual(['attribute[stalls] must be a whole number from 1 to 200.']);
    expect(problems('streetVending', { stalls: ['999'] })).toEqual(['attribute[stalls] must be a whole number from 1 to 200.']);
    expect(problems('municipalFacility', { broken: ['road'], asset_id: ['x'.repeat(41)] })).toEqual(['attribute[asset_id] is longer than 40 characters.']);
    expect(problems('municipalFacility', { broken: ['road'], colour: ['red'] })).toEqual([expect.stringContaining('attribute[colour] is not asked by service municipalFacility; it asks broken, asset_id')]);
    expect(problems('fire', Object.fromEntries([['__proto__', ['x']]]) as Record<string, string[]>)).toEqual([expect.stringContaining('which has no attributes')]);
    expect(problems('gasLeak', { evacuate_notice: ['ok'] })).toEqual([expect.stringContaining('is a notice to read')]);
  });
});

describe('Open311 wire schemas', () => {
  const form = (fields: Record<string, unknown>) => PostRequestFormSchema.safeParse({ media: [], attributes: new Map(), ...fields });
  it('read the form’s numbers and lists, treating empty fields as absent', () => {
    const ok = form({ service_code: 'noise', lat: '30.33', long: '120.07', email: '', media: ['https://a.example/1.jpg', '', 'https://a.example/1.jpg', 'http://b.example/2.png'] });
    expect(ok).toMatchObject({ success: true, data: { lat: 30.33, long: 120.07, email: undefined, media: ['https://a.example/1.jpg', 'http://b.example/2.png'] } });
  });

  it('refuse coordinates out of range, a lone lat, no location, a bad e-mail and media that is not a link', () => {
    expect(form({ service_code: 'noise', lat: '91', long: '1' }).success).toBe(false);
    expect(form({ service_code: 'noise', lat: '1e2', long: '1' }).success).toBe(false);
    expect(form({ service_code: 'noise', lat: '30' }).success).toBe(false);
    expect(form({ service_code: 'noise' }).success).toBe(false);
    expect(form({ service_code: 'noise', address_string: 'x', email: 'not-an-address' }).success).toBe(false);
    for (const url of ['javascript:alert(1)', 'ftp://x.example/a', 'https://', 'https://x.example/a b', `https://x.example/${'a'.repeat(500)}`]) {
      expect(form({ service_code: 'noise', address_string: 'x', media: [url] }).success, url).toBe(false);
    }
    expect(form({ service_code: 'noise', address_string: 'x', media: Array.from({ length: 11 }, (_, i) => `https://x.example/${i}.jpg`) }).success).toBe(false);
  });

  it('read GET requests’ lists and dates, refusing a window beyond 90 days', () => {
    expect(RequestsQuerySchema.parse({ service_code: 'noise, fire', status: 'open', start_date: '2026-05-01T00:00:00Z' })).toMatchObject({ service_code: ['noise', 'fire'], status: ['open'], start_date: Date.parse('2026-05-01T00:00:00Z') });
    expect(RequestsQuerySchema.safeParse({ status: 'pending' }).success).toBe(false);
    expect(RequestsQuerySchema.safeParse({ start_date: '2026-05-01' }).success).toBe(false);
    expect(RequestsQuerySchema.safeParse({ start_date: '2026-05-01T00:00:00' }).success).toBe(false);
    expect(RequestsQuerySchema.safeParse({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }).success).toBe(false);
    expect(RequestsQuerySchema.safeParse({ start_date: '2026-05-02T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }).success).toBe(false);
  });
});
