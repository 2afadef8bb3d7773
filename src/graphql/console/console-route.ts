/**
 * The support console (`/console`): a static page and one ES module (web/console/), no build step,
 * that talk to this API's /graphql like any client, with the caller's token. Served only when
 * GRAPHQL_CONSOLE is on; the files are read once at start, so a missing file fails the start.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { REPO_ROOT } from '../../config/stack-config';

/** Where the console's files live: web/console in a checkout and in the image. */
export const CONSOLE_DIR = path.join(REPO_ROOT, 'web', 'console');

const FILES: Record<string, { file: string; type: string }> = {
  '/console': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

/**
 * The page loads only its own files and talks only to this origin; it renders data as text, and the
 * policy keeps it so even if that ever slipped.
 */
const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** Handles a console request and returns true; false for any other path (the caller goes on). */
export type ConsoleRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createConsoleRoute({ dir = CONSOLE_DIR }: { dir?: string } = {}): ConsoleRoute {
  const bodies = new Map(
    Object.entries(FILES).map(([route, f]) => [
      route,
      { body: fs.readFileSync(path.join(dir, f.file)), type: f.type },
    ]),
  );
  return (req, res) => {
    const route = req.url?.split('?')[0] ?? '';
    if (route !== '/console' && !route.startsWith('/console/')) return false;
    const found = bodies.get(route);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...HEADERS }).end('not found\n');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...HEADERS }).end();
      return true;
    }
    res.writeHead(200, { 'content-type': found.type, 'content-length': found.body.length, ...HEADERS });
    res.end(req.method === 'HEAD' ? undefined : found.body);
    return true;
  };
}
