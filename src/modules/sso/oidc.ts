import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { signPayload, verifyPayload } from '../../lib/tokens.ts';
import type { CompanyIdentity } from './sign-in.ts';

/** The cookie that carries state, nonce and PKCE verifier from the login redirect to the callback. */
export const loginCookie = 'ed_oidc';
export const callbackPath = '/api/auth/oidc/callback';
/** How long a person may take at the identity provider before the login must start over. */
export const loginTtlMs = 10 * 60_000;

const discovered = new Map<string, Promise<client.Configuration>>();

function isLoopbackHttp(issuer: string) {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The provider's metadata, discovered once per issuer and client (a failure is retried next time). */
function configurationFor(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}|${oidc.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    found = client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      oidc.clientSecret,
      undefined,
      // Plain http only for a provider on loopback (tests, a local IdP); config.ts refuses it elsewhere.
      isLoopbackHttp(oidc.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** Where to send the person, and the signed cookie value that lets the callback check the answer. */
export async function beginLogin(deps: Deps, oidc: OidcConfig) {
  const configuration = await configurationFor(oidc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.config.publicUrl + callbackPath,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const expiresAt = deps.clock.now().getTime() + loginTtlMs;
  const cookie = signPayload(deps.config.secret, {
    purpose: 'oidc_login',
    state,
    nonce,
    codeVerifier,
    expiresAt,
  });
  return { url, cookie, expiresAt: new Date(expiresAt) };
}

export class LoginExpired extends Error {}

/**
 * Checks the provider's answer against the login cookie (state, nonce, PKCE), exchanges the code
 * and reads who the person is: the ID token's claims, with the userinfo endpoint filling in email,
 * name or the role claim when the ID token leaves them out.
 */
export async function finishLogin(
  deps: Deps,
  oidc: OidcConfig,
  currentUrl: URL,
  cookie: string | undefined,
): Promise<CompanyIdentity> {
  const login = cookie ? verifyPayload(deps.config.secret, cookie) : null;
  if (login?.purpose !== 'oidc_login' || Number(login.expiresAt) < deps.clock.now().getTime()) {
    throw new LoginExpired('the sign-in took too long or was started elsewhere');
  }
  const configuration = await configurationFor(oidc);
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: String(login.codeVerifier),
    expectedState: String(login.state),
    expectedNonce: String(login.nonce),
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  const wanted = ['email', 'name', oidc.roleClaim];
  if (wanted.some((name) => claims[name] === undefined)) {
    const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    claims = { ...info, ...claims };
  }
  const roleValue = claims[oidc.roleClaim];
  const claimValues = Array.isArray(roleValue) ? roleValue.map(String) : roleValue ? [String(roleValue)] : [];
  return {
    issuer: String(idClaims.iss),
    subject: idClaims.sub,
    email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
    isEmailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name : null,
    claimValues,
  };
}
