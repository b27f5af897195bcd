/**
 * The DefaultHandler (no context matches: issue 11 item 4), the ErrorHandler's pages (404, 405, 500 and
 * sendError, in HTML, JSON and text), and servlet redirects.
 * @module
 */
import { DifferentialCase, get, httpRequest, single } from '../differential-case';

const OTHER_HOST = { Host: 'other.example' };

export const handlerCases: DifferentialCase[] = [
  single('defaulthandler.root', 'GET / for a host no context serves', get('/', OTHER_HOST), { item: 4 }),
  single('defaulthandler.other-path', 'GET /nowhere for a host no context serves', get('/nowhere', OTHER_HOST), { item: 4 }),
  single('defaulthandler.post', 'POST / for a host no context serves', httpRequest('POST', '/', OTHER_HOST, 'a=1'), { item: 4 }),
  single('defaulthandler.head', 'HEAD / for a host no context serves', httpRequest('HEAD', '/', OTHER_HOST), { item: 4, head: true }),
  single('defaulthandler.favicon', 'GET /favicon.ico for a host no context serves', get('/favicon.ico', OTHER_HOST), { item: 4 }),
  single('defaulthandler.app-still-served', 'GET /app/index.html for a host no context names', get('/app/index.html', OTHER_HOST), { item: 4 }),

  single('errors.404-static', 'GET /app/nope.html', get('/app/nope.html')),
  single('errors.404-probe', 'GET /app/probe/unknown (the servlet answers sendError(404))', get('/app/probe/unknown')),
  single('errors.404-head', 'HEAD /app/nope.html', httpRequest('HEAD', '/app/nope.html'), { head: true }),
  single('errors.404-json', 'GET /app/nope.html with Accept: application/json', get('/app/nope.html', { Accept: 'application/json' })),
  single('errors.404-text', 'GET /app/nope.html with Accept: text/plain', get('/app/nope.html', { Accept: 'text/plain' })),
  single('errors.404-escaped-uri', 'GET /app/<b>x</b> (the page shows the URI escaped)', get('/app/%3Cb%3Ex%3C/b%3E')),
  single(
    'errors.405-put-probe',
    'PUT /app/probe/info (the servlet has no doPut)',
    httpRequest('PUT', '/app/probe/info', { 'Content-Type': 'text/plain' }, 'hello'),
  ),
  single('errors.405-delete-probe', 'DELETE /app/probe/info', httpRequest('DELETE', '/app/probe/info')),
  single('errors.500-throw', 'GET /app/probe/throw (the servlet throws IllegalStateException)', get('/app/probe/throw')),
  single('errors.409-message', 'GET /app/probe/error/409?message=custom words', get('/app/probe/error/409?message=custom%20words')),
  single('errors.418-no-message', 'GET /app/probe/error/418', get('/app/probe/error/418')),
  single('errors.503-no-message', 'GET /app/probe/error/503', get('/app/probe/error/503')),
  single('errors.redirect-absolute-path', 'GET /app/probe/redirect?to=/elsewhere', get('/app/probe/redirect?to=/elsewhere')),
  single('errors.redirect-relative', 'GET /app/probe/redirect?to=next', get('/app/probe/redirect?to=next')),
  single('errors.redirect-absolute-url', 'GET /app/probe/redirect?to=http://example.org/x', get('/app/probe/redirect?to=http://example.org/x')),
];
