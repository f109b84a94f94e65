import type { RequestHandler } from 'express';

/**
 * The local chat page acts as whoever is picked in it, with one click per button: a page of another
 * site that framed it could make those clicks for its visitor (clickjacking). Browsers that read CSP
 * obey frame-ancestors; X-Frame-Options covers the older ones. The page has no other CSP: these
 * are its whole policy.
 */
export const forbidFraming: RequestHandler = (_request, response, next) => {
  response.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  response.setHeader('X-Frame-Options', 'DENY');
  next();
};
