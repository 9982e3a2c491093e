import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app-type.ts';
import { handleNotFound } from './problem.ts';

/** Where `npm run build:web` writes the web application. */
export const webDist = path.resolve(import.meta.dirname, '..', '..', 'web', 'dist');

/** Paths the web application never answers: the API and the customer's manage pages. */
function isServerPath(url: string): boolean {
  return /^\/(api|manage)(\/|$|\?)/.test(url);
}

/** The built file a URL names, when there is one (never outside `web/dist`). */
function builtFile(url: string): string | null {
  const pathname = decodeURIComponent(url.split('?')[0] ?? '/');
  const relative = path.normalize(pathname).replace(/^([/\\])+/, '');
  if (!relative || relative.startsWith('..')) return null;
  const file = path.join(webDist, relative);
  return existsSync(file) && statSync(file).isFile() ? relative : null;
}

/**
 * Serves the built web application from `web/dist`: files by name (hashed assets cached for a
 * year), and `index.html` for every other GET outside `/api` and `/manage`, so the browser's
 * router handles deep links. Registered last: every API route wins over this wildcard.
 */
export async function registerWebApp(app: App) {
  await app.register(fastifyStatic, { root: webDist, serve: false });
  app.get('/*', { schema: { hide: true } }, (request: FastifyRequest, reply: FastifyReply) => {
    if (isServerPath(request.url)) return handleNotFound(request, reply);
    let file: string | null;
    try {
      file = builtFile(request.url);
    } catch {
      return handleNotFound(request, reply);
    }
    if (file?.startsWith('assets/')) return reply.sendFile(file, { maxAge: '365d', immutable: true });
    if (file) return reply.sendFile(file, { maxAge: 0 });
    if (!existsSync(path.join(webDist, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web application is not built yet: run `npm run build:web` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
  });
}
