// The hub's command-line flags for the network, parsed into HubOptions fields.
//   --tls-cert FILE --tls-key FILE   the room's certificate (PEM); without them on a LAN address
//                                    the hub makes its own self-signed one in DATA/tls/
//   --tls                            TLS on loopback too (the hub's own certificate unless files are given)
//   --insecure-http                  plain HTTP on a LAN address (a TLS proxy in front encrypts)
//   --public-name NAME[,NAME]        further names or addresses seats use for this machine
//   --allow-origin ORIGIN[,ORIGIN]   origins of pages allowed to call the hub beyond its own
import type { NetworkOptions } from './serve';
import { withoutTrailingSlashes } from '../../../shared/trim';

export const NETWORK_ARGS = {
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  tls: { type: 'boolean', default: false },
  'insecure-http': { type: 'boolean', default: false },
  'public-name': { type: 'string', multiple: true },
  'allow-origin': { type: 'string', multiple: true },
} as const;

export const NETWORK_USAGE = `[--tls-cert FILE --tls-key FILE | --tls | --insecure-http] [--public-name NAME] [--allow-origin ORIGIN]`;

interface Values {
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  tls?: boolean | undefined;
  'insecure-http'?: boolean | undefined;
  'public-name'?: string[] | undefined;
  'allow-origin'?: string[] | undefined;
}

const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** The options, or what is wrong with the flags in words. */
export function parseNetwork(values: Values): Pick<NetworkOptions, 'tls' | 'insecureHttp' | 'publicNames' | 'allowOrigins'> | string {
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if (Boolean(certFile) !== Boolean(keyFile)) return 'Give both --tls-cert FILE and --tls-key FILE (PEM), or neither.';
  if (values['insecure-http'] && (certFile || values.tls)) return '--insecure-http turns TLS off; it does not go with --tls or --tls-cert.';
  const origins = list(values['allow-origin']);
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `--allow-origin takes an origin such as https://dutydeck.example, not "${origin}".`;
    }
    if (url.origin !== withoutTrailingSlashes(origin)) return `--allow-origin takes an origin (scheme, host and port only), not "${origin}".`;
  }
  return {
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : values.tls ? { tls: {} } : values['insecure-http'] ? { tls: false as const, insecureHttp: true } : {}),
    ...(list(values['public-name']).length ? { publicNames: list(values['public-name']) } : {}),
    ...(origins.length ? { allowOrigins: origins } : {}),
  };
}
