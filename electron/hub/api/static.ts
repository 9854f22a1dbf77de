// The built renderer and the demo media, through @fastify/static (Range, ETag, compression),
// the page itself under a strict Content-Security-Policy. Only files whose real path lies
// inside the served folder are sent: a symlink that leads out of it is a 404, not a way out.
import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: http: https:",
  "connect-src 'self' ws: wss: http: https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Demo camera clips (resources/video) are served under this path, e.g. /media/demo/clip-1/index.m3u8. */
export const DEMO_MEDIA_PATH = '/media/demo';

const MEDIA_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
};

/**
 * Whether `relative` (a request path below `root`, as @fastify/static passes it: decodeURI'd)
 * resolves, symlinks followed, to a file inside `root`. A directory stands for its index file.
 * Missing files pass: send answers them 404 itself.
 */
export function staysInside(root: string, relative: string, index = 'index.html'): boolean {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return false;
  }
  let decoded = relative;
  try {
    // send decodes what decodeURI left (%2F, %3F…) before it opens the file; so does this.
    decoded = decodeURIComponent(relative);
  } catch {
    // send refuses a malformed escape itself.
  }
  let real: string;
  try {
    real = realpathSync(join(root, decoded.endsWith('/') ? decoded + index : decoded));
  } catch {
    return true;
  }
  return real === realRoot || real.startsWith(realRoot + sep);
}

function mediaTypeOf(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : MEDIA_TYPES[path.slice(dot)];
}

/** Registers the windows at / and the demo media at /media/demo/, compressed where it pays. */
export async function registerStatic(app: FastifyInstance, rendererDir: string, mediaDir?: string): Promise<void> {
  await app.register(async (files) => {
    // Text assets (the windows' bundles are megabytes of JavaScript) are compressed; video is not
    // compressible and stays as it is. Registered before static, as @fastify/compress asks.
    await files.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], brotliOptions: { params: { 1: 4 } } });
    await files.register(fastifyStatic, {
      root: rendererDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      dotfiles: 'deny',
      cacheControl: false,
      allowedPath: (pathName) => staysInside(rendererDir, pathName),
      setHeaders: (res, path) => {
        const html = path.endsWith('.html');
        res.setHeader('x-content-type-options', 'nosniff');
        // Hashed asset names may be cached forever; the page itself is always revalidated.
        res.setHeader('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (html) {
          res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
          res.setHeader('x-frame-options', 'DENY');
          res.setHeader('referrer-policy', 'no-referrer');
        }
      },
    });
    if (mediaDir) {
      await files.register(fastifyStatic, {
        root: mediaDir,
        prefix: `${DEMO_MEDIA_PATH}/`,
        decorateReply: false,
        wildcard: true,
        index: false,
        dotfiles: 'deny',
        cacheControl: false,
        allowedPath: (pathName) => staysInside(mediaDir, pathName),
        setHeaders: (res, path) => {
          res.setHeader('x-content-type-options', 'nosniff');
          res.setHeader('cache-control', 'no-cache');
          const type = mediaTypeOf(path);
          if (type) res.setHeader('content-type', type);
        },
      });
    }
  });
}
