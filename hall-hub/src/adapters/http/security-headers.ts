import type { HelmetOptions } from 'helmet';

/**
 * Headers on every answer: pages may load only the hub's own scripts, styles, images and sockets; nothing may
 * frame them (the console in an attacker's frame would invite clickjacking); no MIME sniffing; no referrer
 * leaves the hall. The hall serves plain http on its intranet, so nothing may upgrade requests to https.
 * Checked in Chromium for the kiosk, the walls, the console and the phone page (test/e2e/security-headers).
 */
export const securityHeaders: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Vite's CSS is a file; Preact sets styles through the CSSOM, which the policy does not restrict.
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      mediaSrc: ["'self'", 'data:', 'blob:'],
      // data: and blob: — a wall's self-screenshot reads its own images back with fetch().
      connectSrc: ["'self'", 'data:', 'blob:'],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Plain http on the intranet: HSTS would mean nothing there, and would pin a hall that later adds TLS badly.
  strictTransportSecurity: false,
};

/**
 * The wall's pages (/display/): the console frames them, same origin only, to preview a signage layout live
 * (`?preview=<size>`). A wall page has nothing to click, and another origin still may not frame it.
 */
export const WALL_PAGES = '/display/';
export const wallPageHeaders: HelmetOptions = {
  ...securityHeaders,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...(securityHeaders.contentSecurityPolicy as { directives: Record<string, string[]> }).directives, frameAncestors: ["'self'"] },
  },
  frameguard: { action: 'sameorigin' },
};

/**
 * The API docs (/docs, Swagger UI: a developer's page, not one the hall's screens show) set inline styles; on
 * their routes only, style-src also allows them. Everything else in the policy stays.
 */
export const docsCsp = (header: string): string => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
