import type { FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, setSessionCookie } from '../../http/auth.ts';
import { IdParams, Ok, problemResponses } from '../../http/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { beginLogin, callbackPath, finishLogin, LoginExpired, loginCookie, loginTtlMs } from './oidc.ts';
import { addSsoRule, listSsoRules, removeSsoRule } from './rules.ts';
import { AddSsoRuleBody, AuthMethods, SsoRule, SsoRules } from './schemas.ts';
import { type Refusal, signInWithCompanyIdentity } from './sign-in.ts';

const refusals: Record<Refusal | 'expired' | 'failed', string> = {
  no_rule:
    'Your company account is not set up for Escalation Desk: none of your groups has access. Ask your administrator to add an SSO rule for your group.',
  deactivated: 'Your Escalation Desk account is deactivated. Ask your administrator to reactivate it.',
  no_email: 'Your identity provider did not share an email address, so we cannot tell who you are.',
  email_taken:
    'An Escalation Desk account with your email already exists, and your identity provider has not verified that address. Ask your administrator.',
  expired: 'The sign-in took too long or was started in another browser. Please try again.',
  failed: 'The identity provider did not confirm your sign-in. Please try again.',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for a person in a browser: why they cannot sign in, and the way back. */
function refusalPage(reply: FastifyReply, status: number, reason: keyof typeof refusals) {
  const message = escapeHtml(refusals[reason]);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused · Escalation Desk</title></head>` +
        `<body><main><h1>You cannot sign in</h1><p data-reason="${reason}">${message}</p>` +
        `<p><a href="/sign-in">Back to sign-in</a></p></main></body></html>`,
    );
}

export async function ssoRoutes(app: App, deps: Deps) {
  const tags = ['sso'];
  const admin = ['admin'] as const;
  const isSecure = deps.config.publicUrl.startsWith('https:');
  const requireOidc = () => {
    if (!deps.config.oidc) throw new AppError('not_found', 'company sign-in is not configured');
    return deps.config.oidc;
  };

  app.get('/api/auth/methods', { schema: { tags, response: { 200: AuthMethods } } }, async () => ({
    password: true,
    oidc: deps.config.oidc
      ? { loginUrl: '/api/auth/oidc/login', label: 'Sign in with your company account' }
      : null,
  }));

  app.get(
    '/api/auth/oidc/login',
    { schema: { tags, response: problemResponses } },
    async (_request, reply) => {
      const login = await beginLogin(deps, requireOidc());
      reply.setCookie(loginCookie, login.cookie, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET, which carries it.
        sameSite: 'lax',
        secure: isSecure,
        path: callbackPath,
        maxAge: loginTtlMs / 1000,
      });
      return reply.redirect(login.url.href, 302);
    },
  );

  app.get(callbackPath, { schema: { tags, response: problemResponses } }, async (request, reply) => {
    const oidc = requireOidc();
    reply.clearCookie(loginCookie, { path: callbackPath });
    const currentUrl = new URL(request.url, deps.config.publicUrl);
    let identity: Awaited<ReturnType<typeof finishLogin>>;
    try {
      identity = await finishLogin(deps, oidc, currentUrl, request.cookies[loginCookie]);
    } catch (error) {
      if (error instanceof LoginExpired) return refusalPage(reply, 400, 'expired');
      request.log.warn({ err: error }, 'company sign-in failed at the provider exchange');
      return refusalPage(reply, 400, 'failed');
    }
    const outcome = await signInWithCompanyIdentity(deps, identity);
    if (!outcome.ok) return refusalPage(reply, 403, outcome.refusal);
    setSessionCookie(reply, outcome.session.token, outcome.session.expiresAt, isSecure);
    return reply.redirect('/', 302);
  });

  app.get(
    '/api/admin/sso-rules',
    { schema: { tags, response: { 200: SsoRules, ...problemResponses } } },
    async (request) => ({
      items: await listSsoRules(deps, requireActor(request, admin)),
    }),
  );

  app.post(
    '/api/admin/sso-rules',
    { schema: { tags, body: AddSsoRuleBody, response: { 201: SsoRule, ...problemResponses } } },
    async (request, reply) =>
      reply.status(201).send(await addSsoRule(deps, requireActor(request, admin), request.body)),
  );

  app.delete(
    '/api/admin/sso-rules/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...problemResponses } } },
    async (request) => {
      await removeSsoRule(deps, requireActor(request, admin), request.params.id);
      return { ok: true as const };
    },
  );
}
