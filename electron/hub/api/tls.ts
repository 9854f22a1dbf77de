// The hub's TLS certificate: the room's own (--tls-cert/--tls-key), or one the hub makes for
// itself on first start and keeps in DATA/tls/. A self-signed certificate proves nothing by
// its issuer, so clients pin it by fingerprint (Electron, and replicas with
// --primary-fingerprint); that is why the fingerprint is printed at every start.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsFiles {
  certFile?: string;
  keyFile?: string;
}

export interface HubCertificate {
  pem: string;
  /** "AB:CD:…", as node:crypto's X509Certificate.fingerprint256 and `openssl x509 -fingerprint -sha256` print it. */
  fingerprint256: string;
  /** Base64 SHA-256 of the DER SubjectPublicKeyInfo: the pin format Chromium takes. */
  spkiSha256: string;
  validTo: string;
}

export interface TlsMaterial {
  key: string;
  cert: string;
  certificate: HubCertificate;
  /** True when the hub made this certificate itself. */
  selfSigned: boolean;
}

export const TLS_DIR = 'tls';
const SELF_CERT = 'hub-cert.pem';
const SELF_KEY = 'hub-key.pem';
/** Long enough that a room does not find its wall dark one morning; a pin does not expire. */
const SELF_SIGNED_YEARS = 10;

export function describeCertificate(pem: string): HubCertificate {
  const x509 = new X509Certificate(pem);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return { pem, fingerprint256: x509.fingerprint256, spkiSha256: createHash('sha256').update(spki).digest('base64'), validTo: x509.validTo };
}

/** "ab:cd…", "ABCD…" or "sha256/…" style input → the colon form, for comparing pins typed by people. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.trim().replace(/^sha256[:/=]?/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

function readPair(certFile: string, keyFile: string): { cert: string; key: string } {
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  // Both are checked here, at start, so a wrong file fails with its name and not at the first client.
  try {
    new X509Certificate(cert);
  } catch (error) {
    throw new Error(`${certFile} is not a PEM certificate: ${(error as Error).message}`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new Error(`${keyFile} is not a PEM private key: ${(error as Error).message}`);
  }
  if (!new X509Certificate(cert).checkPrivateKey(privateKey)) throw new Error(`${keyFile} is not the key of the certificate in ${certFile}.`);
  return { cert, key };
}

/** The certificate's names: every name a seat may type for this machine, and loopback. */
function subjectAltNames(names: readonly string[]) {
  const seen = new Set<string>();
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [];
  for (const name of ['localhost', hostname(), '127.0.0.1', '::1', ...names]) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    altNames.push(/^[\d.]+$/.test(name) || name.includes(':') ? { type: 7, ip: name } : { type: 2, value: name });
  }
  return altNames;
}

/**
 * The room's certificate when given, else the hub's own from DATA/tls/, made there on first
 * start (EC P-256; the key file readable by the hub's user only).
 */
export async function loadTls(dataDir: string, files: TlsFiles, names: readonly string[] = []): Promise<TlsMaterial> {
  if (files.certFile || files.keyFile) {
    if (!files.certFile || !files.keyFile) throw new Error('Give both --tls-cert FILE and --tls-key FILE (PEM), or neither for a self-signed certificate.');
    const pair = readPair(files.certFile, files.keyFile);
    return { ...pair, certificate: describeCertificate(pair.cert), selfSigned: false };
  }
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, SELF_CERT);
  const keyFile = join(dir, SELF_KEY);
  if (existsSync(certFile) && existsSync(keyFile)) {
    const pair = readPair(certFile, keyFile);
    return { ...pair, certificate: describeCertificate(pair.cert), selfSigned: true };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + SELF_SIGNED_YEARS);
  const made = await generate([{ name: 'commonName', value: `DutyDeck hub ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(names) },
    ],
  });
  // Key first, then the certificate by rename: a hub killed halfway leaves no certificate
  // without its key, and the next start makes a fresh pair.
  writeFileSync(`${keyFile}.tmp`, made.private, { mode: 0o600 });
  chmodSync(`${keyFile}.tmp`, 0o600);
  renameSync(`${keyFile}.tmp`, keyFile);
  writeFileSync(`${certFile}.tmp`, made.cert);
  renameSync(`${certFile}.tmp`, certFile);
  return { key: made.private, cert: made.cert, certificate: describeCertificate(made.cert), selfSigned: true };
}
