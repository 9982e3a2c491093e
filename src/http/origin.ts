import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a state change is refused as coming from another site, or null when it may proceed. */
export function crossOriginProblem(request: FastifyRequest, publicOrigin: string): string | null {
  // A bearer token is sent deliberately by its holder; a browser never attaches one by itself.
  if (request.headers.authorization?.startsWith('Bearer ')) return null;
  // The browser's own word, when it gives it, decides: `Origin` may be "null" on a same-origin form
  // post (a no-referrer policy does that). `same-site` is refused too: another port or subdomain
  // of ours is a different origin with its own code.
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return null;
  if (site !== undefined) return `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  const ownOrigin = `${request.protocol}://${request.host}`;
  if (origin === publicOrigin || origin === ownOrigin) return null;
  return `Origin ${origin} is not ${publicOrigin}`;
}

/**
 * Refuses state changes (POST, PUT, PATCH, DELETE) a browser sends from another origin, before the
 * body is read: the session cookie would otherwise let any page act as the signed-in person (a
 * form with `enctype=text/plain` needs no preflight). Browsers send `Sec-Fetch-Site` and `Origin`
 * on such requests; clients that send neither (curl, integrations) are not browsers acting for
 * someone else. Sign-in is covered too, so no other site can sign a browser in as its own user.
 */
export function registerOriginCheck(app: FastifyInstance, publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    const problem = crossOriginProblem(request, publicOrigin);
    if (problem) {
      throw new AppError('cross_origin', `changes from another site are refused (${problem})`);
    }
  });
}
