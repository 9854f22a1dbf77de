// What an Open311 GeoReport v2 client sends, checked where it crosses into the hub: the
// jurisdiction id a town configures, a POST requests form (after electron/hub/intake/open311
// has read the form's repeated media_url and attribute[code] fields into lists), and the
// GET requests query. Field names are the spec's.
import { z } from 'zod';
import { isW3DateTime } from './open311-attributes';

/** A jurisdiction id as clients configure it: domain-like (sandunzhen.xihuqu.hangzhoushi, city.gov). */
export const JurisdictionIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'a jurisdiction id is letters, digits, ".", "-" and "_", like a domain name');

export const MAX_MEDIA_URLS = 10;
export const MAX_MEDIA_URL_CHARS = 500;
export const MAX_DESCRIPTION_CHARS = 4000;
/** The spec's default and ceiling for a GET requests window. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUEST_IDS = 100;

/** An empty field is a field not given: form clients send every field they know, filled or not. */
const optional = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(schema.optional());

const upTo = (name: string, max: number) => z.string().max(max, `${name} is longer than ${max} characters.`);

const coordinate = (name: string, limit: number) =>
  optional(z.string())
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const n = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n) || Math.abs(n) > limit) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a number from -${limit} to ${limit}.` });
        return z.NEVER;
      }
      return n;
    });

/** Same rule as facts.media (./facts.ts), so what passes here is what the report keeps. */
const MediaUrlSchema = z
  .string()
  .trim()
  .max(MAX_MEDIA_URL_CHARS, `a media_url is ${MAX_MEDIA_URL_CHARS} characters at most.`)
  // A host after the scheme, and no white space anywhere: a link a seat can open as it is.
  .regex(/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, 'media_url must be an http(s) URL.');

/**
 * POST requests.{format}, as read from the form. `media`: every media_url (or media_url[])
 * given, in order; `attributes` the attribute[code] answers, checked against the service's
 * definition afterwards (./open311-attributes.ts), when the service is known.
 */
export const PostRequestFormSchema = z
  .object({
    api_key: optional(upTo('api_key', 256)),
    jurisdiction_id: optional(upTo('jurisdiction_id', 100)),
    service_code: optional(upTo('service_code', 64)),
    lat: coordinate('lat', 90),
    long: coordinate('long', 180),
    address_string: optional(upTo('address_string', 200)),
    address_id: optional(upTo('address_id', 64)),
    email: optional(upTo('email', 200).regex(/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/, 'email is not an e-mail address.')),
    device_id: optional(upTo('device_id', 200)),
    account_id: optional(upTo('account_id', 200)),
    first_name: optional(upTo('first_name', 32)),
    last_name: optional(upTo('last_name', 32)),
    /** Not the spec's: some clients send one name field. */
    name: optional(upTo('name', 64)),
    phone: optional(upTo('phone', 32).regex(/\d/, 'phone has no digits.')),
    description: optional(upTo('description', MAX_DESCRIPTION_CHARS)),
    media: z
      .array(z.string())
      .transform((urls) => urls.map((u) => u.trim()).filter((u) => u !== ''))
      .pipe(z.array(MediaUrlSchema).max(MAX_MEDIA_URLS, `at most ${MAX_MEDIA_URLS} media_url.`))
      .transform((urls) => [...new Set(urls)]),
    attributes: z.map(z.string(), z.array(z.string())),
  })
  .superRefine((form, ctx) => {
    if (!form.service_code) ctx.addIssue({ code: 'custom', message: 'service_code is required.' });
    if ((form.lat === undefined) !== (form.long === undefined)) ctx.addIssue({ code: 'custom', message: 'lat and long come together.' });
    else if (form.lat === undefined && !form.address_string) {
      ctx.addIssue({
        code: 'custom',
        message: form.address_id ? 'address_id is not known here; send lat & long or address_string.' : 'A location is required: lat & long, address_string or address_id.',
      });
    }
  });
export type PostRequestForm = z.output<typeof PostRequestFormSchema>;

const commaList = (name: string, item: z.ZodType<string, string>, max: number) =>
  optional(z.string())
    .transform((v) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(item).min(1, `${name} lists nothing.`).max(max, `${name} lists at most ${max}.`).optional());

const dateTime = (name: string) => optional(z.string().refine(isW3DateTime, `${name} must be a w3 date-time with its zone, e.g. 2010-01-01T00:00:00Z.`)).transform((v) => (v === undefined ? undefined : Date.parse(v)));

/** GET requests.{format}. Other parameters (api_key, extensions' page and page_size) are not used. */
export const RequestsQuerySchema = z
  .object({
    jurisdiction_id: optional(upTo('jurisdiction_id', 100)),
    service_request_id: commaList('service_request_id', z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a service_request_id is letters, digits, - and _.'), MAX_REQUEST_IDS),
    service_code: commaList('service_code', upTo('service_code', 64), 50),
    status: commaList('status', z.enum(['open', 'closed'], 'status is open, closed or both (open,closed).'), 2),
    start_date: dateTime('start_date'),
    end_date: dateTime('end_date'),
  })
  .superRefine((q, ctx) => {
    if (q.start_date !== undefined && q.end_date !== undefined) {
      if (q.start_date > q.end_date) ctx.addIssue({ code: 'custom', message: 'start_date is after end_date.' });
      else if (q.end_date - q.start_date > MAX_WINDOW_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', message: `start_date and end_date may not span more than ${MAX_WINDOW_DAYS} days.` });
    }
  });
export type RequestsQuery = z.output<typeof RequestsQuerySchema>;

/** A zod refusal as the one sentence an Open311 error's description carries. */
export function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => (i.message.endsWith('.') ? i.message : `${i.path.map(String).join('.') || 'input'}: ${i.message}.`)))].join(' ');
}
