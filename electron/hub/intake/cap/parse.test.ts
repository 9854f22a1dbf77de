import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutyFailure } from '../../../../shared/errors';
import { MAX_CAP_BYTES, parseCap } from './parse';
import { readXml } from './xml';

const NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');

/** Fills a document up to just under the size cap with `unit` repeated. */
const filled = (head: string, unit: string, tail = '') => {
  const room = MAX_CAP_BYTES - Buffer.byteLength(head + tail) - 16;
  return head + unit.repeat(Math.floor(room / Buffer.byteLength(unit))) + tail;
};

// Each is 512 KiB of the shapes that made the old regex-and-validator path quadratic or
// worse: runs of unclosed tags, attributes that never end, nesting, near-miss references.
const HOSTILE: Array<[string, string]> = [
  ['an unclosed tag run', filled('', '<a')],
  ['unclosed tags after a root', filled(`<alert xmlns="${NS}">`, '<a')],
  ['deep nesting', filled(`<alert xmlns="${NS}">`, '<info>')],
  ['an attribute that never ends', filled(`<alert xmlns="${NS}" note="`, 'x ')],
  ['many attributes', filled('<alert ', 'a=" " ')],
  ['near-miss references', filled(`<alert xmlns="${NS}"><note>`, '&#1')],
  ['a comment that never closes', filled(`<alert xmlns="${NS}"><!--`, '- -')],
  ['a CDATA section that never closes', filled(`<alert xmlns="${NS}"><note><![CDATA[`, ']]')],
  ['a DOCTYPE with entities', filled('<!DOCTYPE alert [<!ENTITY a "', 'aaaaaaaa', '">]><alert>&a;</alert>')],
  ['a wide flat document', filled(`<alert xmlns="${NS}">`, '<x/>', '</alert>')],
  ['whitespace', filled(`<alert xmlns="${NS}"`, ' ')],
  ['an end tag run', filled(`<alert xmlns="${NS}">`, '</a')],
  ['processing instructions', filled('', '<?x ?')],
  ['a long name', filled('<', 'a')],
];

describe('CAP reading is linear in the input', () => {
  it.each(HOSTILE)('refuses %s of 512 KiB within 100 ms', (_name, xml) => {
    expect(Buffer.byteLength(xml)).toBeGreaterThan(MAX_CAP_BYTES - 64);
    parseCap(fixture('cap-a2-thunderstorm.xml')); // warm the code path
    const started = performance.now();
    let failure: unknown;
    try {
      parseCap(xml);
    } catch (error) {
      failure = error;
    }
    const took = performance.now() - started;
    expect(failure).toBeInstanceOf(DutyFailure);
    expect((failure as DutyFailure).error.message).toMatch(/^CAP: /);
    expect(took).toBeLessThan(100);
  });

  it('takes about twice as long for twice the input (no quadratic step)', () => {
    const time = (bytes: number) => {
      const xml = `<alert xmlns="${NS}">${'<x a="1">t</x>'.repeat(bytes / 14)}`;
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const started = performance.now();
        expect(() => parseCap(xml)).toThrow(DutyFailure);
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    time(64 * 1024);
    const small = time(100 * 1024);
    const large = time(400 * 1024);
    // Linear gives 4×; quadratic would give 16×. The margin absorbs a noisy 2-core machine.
    expect(large / Math.max(small, 0.05)).toBeLessThan(9);
  });
});

describe('the XML reader', () => {
  const read = (xml: string) => readXml(xml, { maxDepth: 12, maxElements: 1000, repeated: new Set(['info']) });

  it('reads elements, attributes, text, CDATA and references into the CAP shape', () => {
    const doc = read(`<?xml version="1.0"?><!-- c --><cap:alert xmlns:cap="${NS}"><cap:note lang="zh">a &amp; b &#x4E09;&#22363;</cap:note><cap:info><x><![CDATA[<raw>]]></x></cap:info><empty/></cap:alert>`);
    expect(doc.rootName).toBe('alert');
    expect(doc.rootNamespace).toBe(NS);
    expect(doc.root).toEqual({ note: { '@_lang': 'zh', '#text': 'a & b 三坛' }, info: [{ x: '<raw>' }], empty: '' });
  });

  it('binds the root to its prefix, not to any namespace named on it', () => {
    expect(read(`<alert xmlns:cap="${NS}"/>`).rootNamespace).toBe('');
    expect(read(`<alert xmlns="${NS}"/>`).rootNamespace).toBe(NS);
  });

  it.each([
    ['<a><b></a></b>', /does not close/],
    ['<a>x &nbsp; y</a>', /not a predefined entity/],
    ['<a>x & y</a>', /does not start an entity/],
    ['<a b="1" b="2"/>', /appears twice/],
    ['<a b=1/>', /not quoted/],
    ['<a b="<"/>', /"<" in attribute/],
    ['<a/><b/>', /second root/],
    ['text<a/>', /outside the root/],
    ['<a>', /not closed/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a>&#xD800;</a>', /not a predefined entity or a character reference/],
    [`${'<a>'.repeat(13)}`, /deeper than 12/],
  ])('refuses %s', (xml, reason) => {
    expect(() => read(xml)).toThrow(reason);
  });

  it('caps the number of elements', () => {
    expect(() => read(`<a>${'<b/>'.repeat(1000)}</a>`)).toThrow(/more than 1000 elements/);
  });

  it('reads every fixture alert as before', () => {
    for (const name of ['cap-a2-thunderstorm.xml', 'cap-a3-earthquake-update.xml', 'cap-a4-amber-multilingual.xml', 'cap-sandun-smoke-alert.xml', 'cap-sandun-smoke-cancel.xml']) {
      expect(parseCap(fixture(name)).identifier).toBeTruthy();
    }
  });
});
