import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person known to the test identity provider. */
export type CompanyPerson = { email: string; name: string; groups: string[]; emailVerified?: boolean };

/**
 * A real OpenID Connect provider (oidc-provider, dev interactions) on a loopback port, with one
 * confidential client. `people` is read at sign-in, so a test may add people after start.
 */
export async function startIdentityProvider(options: {
  /** Our callback URL; a function when it is known only after the provider started (e2e). */
  redirectUri: string | (() => string);
  people: Record<string, CompanyPerson>;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'escalation-desk', clientSecret: 'test-client-secret-0123456789abcdef' };
  // Built at the first request, when the redirect URI is surely known.
  const buildProvider = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [
            typeof options.redirectUri === 'string' ? options.redirectUri : options.redirectUri(),
          ],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      cookies: { keys: ['test-cookie-key-0123456789'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      findAccount: (_ctx: unknown, id: string) => {
        const person = options.people[id];
        if (!person) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: person.email,
            email_verified: person.emailVerified ?? true,
            name: person.name,
            groups: person.groups,
          }),
        };
      },
    });
  let handle: ReturnType<Provider['callback']> | undefined;
  server.on('request', (request, response) => {
    handle ??= buildProvider().callback();
    handle(request, response);
  });
  return {
    issuer,
    ...client,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Walks the provider's dev login and consent screens as a browser would (cookies kept, redirects
 * followed by hand) from the authorization URL until the provider redirects to `redirectUri`;
 * returns that final URL (with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, redirectUri: string, accountId: string) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  };
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(redirectUri)) return url;
    const page = await fetch(url, {
      headers: { cookie: cookieHeader() },
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    keep(page);
    const location = page.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await page.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!prompt) throw new Error(`the identity provider showed no form at ${url}: ${html.slice(0, 300)}`);
    const body = new URLSearchParams(
      prompt === 'login' ? { prompt, login: accountId, password: 'x' } : { prompt },
    );
    const submitted = await fetch(url, {
      method: 'POST',
      headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    keep(submitted);
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`the identity provider did not move on from ${prompt}: ${submitted.status}`);
    url = new URL(next, url).href;
  }
  throw new Error('the sign-in at the identity provider did not finish');
}
