// Open311 service definitions: the extra questions a form asks for some categories, as the
// GeoReport v2 `service_definition` names them (variable, code, datatype, required,
// datatype_description, order, description, values). Checked by zod when this module loads,
// so a mistake here stops the hub at start rather than confusing a client. The answers a
// POST gives (`attribute[code]`) are checked against them by `attributeAnswersSchema` and kept
// on the report as `facts.attributes` (./facts.ts): the code, and the value as sent (a list's
// key; a multivaluelist's keys joined by ",").
import { z } from 'zod';

export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

/** facts.attributes keeps at most this many characters of a value (shared/intake/facts.ts). */
export const MAX_ATTRIBUTE_VALUE_CHARS = 500;

const LIST_TYPES: ReadonlySet<AttributeDatatype> = new Set(['singlevaluelist', 'multivaluelist']);

/** Keys never hold a comma: a multivaluelist's answer is its keys joined by one. */
const ValueSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{1,32}$/, 'a value key is 1–32 of a-z 0-9 _'),
  name: z.string().trim().min(1).max(100),
});

export const AttributeDefinitionSchema = z
  .strictObject({
    /** false: a notice shown with the form, with no answer to give. */
    variable: z.boolean(),
    code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an attribute code is a-z 0-9 _, 64 at most'),
    datatype: z.enum(ATTRIBUTE_DATATYPES),
    required: z.boolean(),
    datatype_description: z.string().trim().min(1).max(200).nullable(),
    order: z.number().int().min(1),
    description: z.string().trim().min(1).max(300),
    values: z.array(ValueSchema).max(50).optional(),
    /** A number's bounds and whether it must be whole; not part of the spec's answer, said in datatype_description. */
    range: z.strictObject({ min: z.number().finite(), max: z.number().finite(), integer: z.boolean() }).optional(),
    /** A string's or a text's longest answer (facts keep 500 at most), said in datatype_description. */
    maxLength: z.number().int().min(1).max(500).optional(),
  })
  .superRefine((a, ctx) => {
    const isList = LIST_TYPES.has(a.datatype);
    if (isList && !a.values?.length) ctx.addIssue({ code: 'custom', message: `${a.code}: a ${a.datatype} lists its values`, path: ['values'] });
    if (!isList && a.values) ctx.addIssue({ code: 'custom', message: `${a.code}: only a list has values`, path: ['values'] });
    if (a.values && new Set(a.values.map((v) => v.key)).size !== a.values.length) ctx.addIssue({ code: 'custom', message: `${a.code}: value keys repeat`, path: ['values'] });
    if (a.range && (a.datatype !== 'number' || a.range.min > a.range.max)) ctx.addIssue({ code: 'custom', message: `${a.code}: a range belongs to a number, min ≤ max`, path: ['range'] });
    if (a.maxLength !== undefined && a.datatype !== 'string' && a.datatype !== 'text') ctx.addIssue({ code: 'custom', message: `${a.code}: a maxLength belongs to a string or a text`, path: ['maxLength'] });
    if (!a.variable && a.required) ctx.addIssue({ code: 'custom', message: `${a.code}: a notice cannot be required`, path: ['required'] });
  });
export type AttributeDefinition = z.output<typeof AttributeDefinitionSchema>;

export const ServiceDefinitionSchema = z
  .strictObject({
    service_code: z.string().min(1).max(64),
    attributes: z.array(AttributeDefinitionSchema).min(1).max(20),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.attributes.map((a) => a.code)).size !== d.attributes.length) ctx.addIssue({ code: 'custom', message: `${d.service_code}: attribute codes repeat` });
    if (new Set(d.attributes.map((a) => a.order)).size !== d.attributes.length) ctx.addIssue({ code: 'custom', message: `${d.service_code}: attribute orders repeat` });
  });
export type ServiceDefinition = z.output<typeof ServiceDefinitionSchema>;

const values = (rows: Array<[key: string, name: string]>) => rows.map(([key, name]) => ({ key, name }));

/**
 * What a duty room asks beyond the description, for the categories where the answer changes
 * who goes and when: noise (when it happens decides a night shift's round; what makes it, the
 * department), street vending (how many stalls, how big a team), a municipal facility (what is
 * broken decides the maintenance unit), and a gas leak's safety notice.
 */
export const SERVICE_DEFINITIONS: readonly ServiceDefinition[] = z.array(ServiceDefinitionSchema).parse([
  {
    service_code: 'noise',
    attributes: [
      {
        variable: true,
        code: 'noise_time',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: '噪声什么时候出现？',
        values: values([
          ['now', '现在正在发生'],
          ['night', '夜间（22:00–6:00）反复出现'],
          ['daytime', '白天反复出现'],
          ['weekend', '周末或节假日'],
        ]),
      },
      {
        variable: true,
        code: 'noise_source',
        datatype: 'multivaluelist',
        required: false,
        datatype_description: '可多选',
        order: 2,
        description: '噪声来自哪里？',
        values: values([
          ['construction', '建筑施工'],
          ['shop', '商铺、广告喇叭'],
          ['venue', '娱乐场所、广场舞'],
          ['neighbour', '邻里住户'],
          ['traffic', '车辆鸣笛、改装车'],
          ['other', '其他'],
        ]),
      },
    ],
  },
  {
    service_code: 'streetVending',
    attributes: [
      {
        variable: true,
        code: 'stalls',
        datatype: 'number',
        required: false,
        datatype_description: '1 到 200 之间的整数',
        order: 1,
        description: '大约有几个摊位？',
        range: { min: 1, max: 200, integer: true },
      },
      {
        variable: true,
        code: 'blocking',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: '摊位占用了哪里？',
        values: values([
          ['sidewalk', '人行道'],
          ['roadway', '机动车道'],
          ['fire_lane', '消防通道'],
          ['entrance', '出入口或盲道'],
        ]),
      },
    ],
  },
  {
    service_code: 'municipalFacility',
    attributes: [
      {
        variable: true,
        code: 'broken',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: '哪种设施坏了？',
        values: values([
          ['manhole', '井盖缺失或破损'],
          ['streetlight', '路灯不亮'],
          ['road', '路面破损或塌陷'],
          ['guardrail', '护栏损坏'],
          ['drain', '雨水箅子、排水设施'],
          ['sign', '路牌、标志标牌'],
          ['other', '其他'],
        ]),
      },
      {
        variable: true,
        code: 'asset_id',
        datatype: 'string',
        required: false,
        datatype_description: '设施上喷印的编号，如路灯杆号，40 字以内',
        order: 2,
        description: '设施编号（如有）',
        maxLength: 40,
      },
    ],
  },
  {
    service_code: 'gasLeak',
    attributes: [
      {
        variable: false,
        code: 'evacuate_notice',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 1,
        description: '闻到浓烈燃气味时请先离开现场、不要开关电器，并拨打 119；网上报告不能代替紧急报警。',
      },
    ],
  },
]);

const BY_CODE = new Map(SERVICE_DEFINITIONS.map((d) => [d.service_code, d]));

export function serviceDefinition(serviceCode: string): ServiceDefinition | null {
  return BY_CODE.get(serviceCode) ?? null;
}

/**
 * When the service list or a definition last changed, for the discovery document's changeset
 * (a client refreshes its cached services when it moves). open311-attributes.test.ts holds
 * the digest of the definitions and the taxonomy this date stands for: change either, and that
 * test fails until both are brought up to date.
 */
export const SERVICES_CHANGESET = '2026-05-20T00:00:00Z';

/** A w3 date-time, with its zone, as the spec writes every datetime. */
const W3_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/;

export const isW3DateTime = (text: string) => W3_DATETIME.test(text) && !Number.isNaN(Date.parse(text));

/** One answer checked against its question; a problem is a sentence the client is shown. */
function answerOf(a: AttributeDefinition, given: readonly string[]): { value?: string; problem?: string } {
  const name = `attribute[${a.code}]`;
  if (!a.variable) return given.length ? { problem: `${name} is a notice to read, not a question: send no value.` } : {};
  if (!given.length) return a.required ? { problem: `${name} is required: ${a.description}` } : {};
  if (a.datatype !== 'multivaluelist' && given.length > 1) return { problem: `${name} takes one value.` };
  const first = given[0]!;
  if (given.some((v) => v.length > MAX_ATTRIBUTE_VALUE_CHARS)) return { problem: `${name} is longer than ${MAX_ATTRIBUTE_VALUE_CHARS} characters.` };
  switch (a.datatype) {
    case 'string':
    case 'text':
      return a.maxLength !== undefined && first.length > a.maxLength ? { problem: `${name} is longer than ${a.maxLength} characters.` } : { value: first };
    case 'number': {
      const n = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(first) ? Number(first) : Number.NaN;
      const range = a.range;
      if (!Number.isFinite(n)) return { problem: `${name} must be a number.` };
      if (range && (n < range.min || n > range.max || (range.integer && !Number.isInteger(n)))) {
        return { problem: `${name} must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}.` };
      }
      return { value: String(n) };
    }
    case 'datetime':
      return isW3DateTime(first) ? { value: first } : { problem: `${name} must be a w3 date-time with its zone, e.g. 2026-05-01T08:30:00+08:00.` };
    case 'singlevaluelist':
    case 'multivaluelist': {
      const keys = new Set(a.values!.map((v) => v.key));
      const unknown = given.find((v) => !keys.has(v));
      if (unknown !== undefined) return { problem: `${name}: ${JSON.stringify(unknown.slice(0, 40))} is not one of ${[...keys].join(', ')}.` };
      return { value: [...new Set(given)].join(',') };
    }
  }
}

/**
 * The answers of a POST (`attribute[code]` values as sent, several for a multivaluelist),
 * checked against the service's definition and turned into facts.attributes. Empty values
 * count as not given, as form clients send an unanswered optional question.
 */
export function attributeAnswersSchema(definition: ServiceDefinition | null, serviceCode: string) {
  // A Map, not a record: a code is the client's text, "__proto__" included, and is only ever looked up.
  return z.map(z.string(), z.array(z.string())).transform((answers, ctx) => {
    const out: Record<string, string> = {};
    const known = new Map((definition?.attributes ?? []).map((a) => [a.code, a]));
    for (const code of answers.keys()) {
      if (!known.has(code)) ctx.addIssue({ code: 'custom', message: `attribute[${code.slice(0, 64)}] is not asked by service ${serviceCode}${definition ? `; it asks ${[...known.keys()].join(', ')}` : ', which has no attributes'}.` });
    }
    for (const a of known.values()) {
      const given = (answers.get(a.code) ?? []).map((v) => v.trim()).filter((v) => v !== '');
      const { value, problem } = answerOf(a, given);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (value !== undefined) out[a.code] = value;
    }
    return out;
  });
}
