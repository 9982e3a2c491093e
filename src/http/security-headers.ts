import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of everything we serve: only our own scripts, styles, fetches and
 * EventSource; images also as `data:` (the favicon is one); nothing may frame us. The web app has
 * no inline script or style attribute (React sets styles through the DOM, which CSP allows); the
 * customer's manage page sets its own policy for its one inline style block.
 */
function contentSecurityPolicy(isHttps: boolean) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // Only behind https: on plain http it would send the browser to a port nobody listens on.
      ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

/** Security headers on every answer (CSP, X-Frame-Options, nosniff, Referrer-Policy, HSTS on https). */
export async function registerSecurityHeaders(app: FastifyInstance, publicUrl: string) {
  const isHttps = publicUrl.startsWith('https:');
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: contentSecurityPolicy(isHttps),
    // A browser remembers HSTS for the host, so only an https installation asks for it.
    strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Manage links carry their token in the path: never send it to another site as a Referer.
    referrerPolicy: { policy: 'same-origin' },
  });
}
