// POST requests.{format}: a form-encoded service request, as the spec and FixMyStreet send it,
// becomes an incident report filed under the api_key's channel. Media links and the answers
// to the service's attributes go onto the report as facts; the e-mail address into the
// report's notes for the seat, never into a public answer.
import { randomUUID } from 'node:crypto';
import { DutyFailure } from '../../../../shared/errors';
import type { ReportFacts } from '../../../../shared/intake/facts';
import { attributeAnswersSchema, serviceDefinition } from '../../../../shared/intake/open311-attributes';
import { describeIssues, PostRequestFormSchema, type PostRequestForm } from '../../../../shared/intake/open311';
import { CATEGORY_CODES, categoryName } from '../../../../shared/taxonomy';
import type { Intake } from '../intake';
import type { IntegrationAccount } from '../keys';
import { fail, Open311Error } from './answer';
import { isOurJurisdiction, type Open311Town } from './town';

const MAX_FIELDS = 200;
const MAX_REPORT_CHARS = 4000;
/**
 * The first line the hub writes under the citizen's words in every Open311 report: the duty
 * room reads where it came from, and GET requests tells Open311's own requests by it (and
 * shows only the words above it).
 */
const OPEN311_SOURCE_LINE = '【来源】Open311 GeoReport v2';

const ATTRIBUTE_KEY = /^attribute\[([^[\]]*)\](\[\])?$/;
const ATTRIBUTE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The form as fields, every media_url / media_url[] in order, and attribute[code] /
 * attribute[code][] answers by code. Any other field given twice is refused: which one
 * was meant cannot be told.
 */
export function readForm(text: string): { fields: Map<string, string>; media: string[]; attributes: Map<string, string[]> } {
  const fields = new Map<string, string>();
  const media: string[] = [];
  const attributes = new Map<string, string[]>();
  let count = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    if (++count > MAX_FIELDS) fail(400, `Too many form fields (more than ${MAX_FIELDS}).`);
    if (key === 'media_url' || key === 'media_url[]') {
      media.push(value);
      continue;
    }
    const attribute = ATTRIBUTE_KEY.exec(key);
    if (attribute) {
      const code = attribute[1]!;
      if (!ATTRIBUTE_CODE.test(code)) fail(400, 'An attribute is sent as attribute[code]=value, its code letters, digits, ".", "-" and "_".');
      attributes.set(code, [...(attributes.get(code) ?? []), value]);
      continue;
    }
    if (fields.has(key)) fail(400, `${key.slice(0, 64)} is given more than once.`);
    fields.set(key, value);
  }
  return { fields, media, attributes };
}

/** The form's fields the schema names; others (extensions, typos) are not used. */
function formInput({ fields, media, attributes }: ReturnType<typeof readForm>) {
  const input: Record<string, unknown> = { media, attributes };
  for (const name of Object.keys(PostRequestFormSchema.shape)) {
    const value = fields.get(name);
    if (value !== undefined && name !== 'media' && name !== 'attributes') input[name] = value;
  }
  return input;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export interface PostContext {
  intake: Intake;
  town: Open311Town;
  resolveKey: (key: string | null) => Promise<IntegrationAccount>;
}

/** The checked form → [{service_request_id, service_notice, account_id}], the spec's answer. */
export async function postRequest({ intake, town, resolveKey }: PostContext, text: string) {
  const raw = readForm(text);
  const jurisdiction = raw.fields.get('jurisdiction_id');
  if (!isOurJurisdiction(jurisdiction, town)) fail(404, `jurisdiction_id ${jurisdiction!.slice(0, 100)} is unknown here; this endpoint serves ${town.jurisdictionId}.`);
  const key = raw.fields.get('api_key')?.trim() || null;
  const account = await resolveKey(key).catch((error: unknown) => {
    if (error instanceof DutyFailure) fail(403, key ? 'Invalid api_key' : 'api_key is required');
    throw error;
  });
  const release = intake.limiter.acquire(account.channel);
  if (!release) throw new Open311Error(429, 'Too many requests in flight; retry shortly.');
  try {
    const parsed = PostRequestFormSchema.safeParse(formInput(raw));
    if (!parsed.success) return fail(400, describeIssues(parsed.error));
    const form = parsed.data;
    const code = form.service_code!;
    if (!CATEGORY_CODES.has(code)) fail(404, `service_code ${code} was not found.`);
    const answers = attributeAnswersSchema(serviceDefinition(code), code).safeParse(form.attributes);
    if (!answers.success) return fail(400, describeIssues(answers.error));
    const submitted = await intake.submit(account, draftOf(account, form, answers.data), `open311:${account.channel}:${randomUUID()}`);
    return [{ service_request_id: submitted.incidentId, service_notice: '已受理，可凭 service_request_id 查询办理进度。', account_id: null }];
  } finally {
    release();
  }
}

function draftOf(account: IntegrationAccount, form: PostRequestForm, attributes: Record<string, string>) {
  const code = form.service_code!;
  const notes = [OPEN311_SOURCE_LINE];
  if (form.email) notes.push(`【邮箱】${form.email}`);
  // The source line must survive the report's length limit: the citizen's words give way first.
  const room = MAX_REPORT_CHARS - notes.reduce((n, line) => n + line.length + 1, 0);
  const description = clip(form.description ?? categoryName(code, 'zh'), room);
  const name = [form.first_name, form.last_name].filter(Boolean).join(' ') || form.name;
  const phone = form.phone?.replace(/[^0-9+\-() ]/g, '').trim() || undefined;
  const facts: ReportFacts = {
    ...(form.media.length ? { media: form.media } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
    open311: { description },
  };
  return {
    channel: account.channel,
    category: code,
    text: description,
    location: form.lat !== undefined && form.long !== undefined ? { lon: form.long, lat: form.lat } : undefined,
    address: form.address_string,
    reporter: name || phone ? { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } : undefined,
    notes,
    facts,
  };
}
