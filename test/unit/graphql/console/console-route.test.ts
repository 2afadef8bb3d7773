import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSOLE_DIR, createConsoleRoute } from '../../../../src/graphql/console/console-route';
import { parseGraphqlConfig } from '../../../../src/config/graphql-config';

/** What the route wrote: status, headers and body. */
function call(method: string, url: string) {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      out.status = status;
      out.headers = headers;
      return this;
    },
    end(body?: Buffer | string) {
      if (body !== undefined) out.body = body.toString();
      return this;
    },
  } as unknown as ServerResponse;
  const handled = createConsoleRoute()({ method, url } as IncomingMessage, res);
  return { handled, ...out };
}

describe('console route', () => {
  it('serves the page, its module and its styles with a strict content security policy', () => {
    const page = call('GET', '/console');
    expect(page).toMatchObject({ handled: true, status: 200 });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toBe(fs.readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8'));
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(call('GET', '/console/?x=1').status).toBe(200);
    expect(call('GET', '/console/console.js').headers['content-type']).toMatch(/^text\/javascript/);
    expect(call('GET', '/console/console.css').headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers HEAD without a body, refuses other methods and unknown files, and leaves other paths alone', () => {
    const head = call('HEAD', '/console');
    expect(head).toMatchObject({ handled: true, status: 200, body: '' });
    expect(call('POST', '/console')).toMatchObject({ handled: true, status: 405 });
    expect(call('GET', '/console/../package.json')).toMatchObject({ handled: true, status: 404 });
    expect(call('GET', '/graphql').handled).toBe(false);
    expect(call('GET', '/consoles').handled).toBe(false);
  });
});

describe('GRAPHQL_CONSOLE', () => {
  it('is off unless set, and refuses to run beside persisted-only operations', () => {
    expect(parseGraphqlConfig({}).GRAPHQL_CONSOLE).toBe(false);
    expect(parseGraphqlConfig({ GRAPHQL_CONSOLE: 'true' }).GRAPHQL_CONSOLE).toBe(true);
    expect(() => parseGraphqlConfig({ GRAPHQL_CONSOLE: 'true', GRAPHQL_PERSISTED_ONLY: 'true' })).toThrow(
      /GRAPHQL_CONSOLE/,
    );
  });
});
