/**
 * Paths that must not reach protected content or skip a mapping (issue 11 items 1 and 2), redirects made
 * by the container, and the security constraints of a web app (item 3: enforced as Jetty enforces them).
 * @module
 */
import { DifferentialCase, get, single } from '../differential-case';

const ADMIN = { 'X-Admin-Key': 'open-sesame' };

export const pathCases: DifferentialCase[] = [
  // item 1: empty and parameter-only segments never reach WEB-INF or META-INF
  single('paths.root-double-slash-web-inf', 'GET //WEB-INF/web.xml in the root context', get('//WEB-INF/web.xml'), { item: 1 }),
  single('paths.root-param-segment-web-inf', 'GET /;x/WEB-INF/web.xml in the root context', get('/;x/WEB-INF/web.xml'), { item: 1 }),
  single('paths.root-double-slash-meta-inf', 'GET //META-INF/MANIFEST.MF in the root context', get('//META-INF/MANIFEST.MF'), { item: 1 }),
  single('paths.app-double-slash-web-inf', 'GET /app//WEB-INF/web.xml', get('/app//WEB-INF/web.xml'), { item: 1 }),
  single('paths.app-double-slash-web-inf-secret', 'GET /app//WEB-INF/secret.txt', get('/app//WEB-INF/secret.txt'), { item: 1 }),
  single('paths.app-param-segment-web-inf', 'GET /app/;x/WEB-INF/web.xml', get('/app/;x/WEB-INF/web.xml'), { item: 1 }),
  single('paths.app-dot-double-slash-web-inf', 'GET /app/.//WEB-INF/web.xml', get('/app/.//WEB-INF/web.xml'), { item: 1 }),
  single('paths.app-dotdot-double-slash-web-inf', 'GET /app/sub/..//WEB-INF/web.xml', get('/app/sub/..//WEB-INF/web.xml'), { item: 1 }),
  single('paths.app-double-slash-meta-inf', 'GET /app//META-INF/MANIFEST.MF', get('/app//META-INF/MANIFEST.MF'), { item: 1 }),
  single('paths.app-web-inf', 'GET /app/WEB-INF/web.xml', get('/app/WEB-INF/web.xml'), { item: 1 }),
  single('paths.app-web-inf-folder', 'GET /app/WEB-INF/', get('/app/WEB-INF/'), { item: 1 }),
  single('paths.app-web-inf-lower-case', 'GET /app/web-inf/web.xml', get('/app/web-inf/web.xml'), { item: 1 }),
  single('paths.app-web-inf-encoded', 'GET /app/%57EB-INF/web.xml', get('/app/%57EB-INF/web.xml'), { item: 1 }),
  single('paths.app-web-inf-param', 'GET /app/WEB-INF;x/web.xml', get('/app/WEB-INF;x/web.xml'), { item: 1 }),
  single('paths.app-meta-inf', 'GET /app/META-INF/MANIFEST.MF', get('/app/META-INF/MANIFEST.MF'), { item: 1 }),
  single('paths.app-dot-segment-file', 'GET /app/./index.html', get('/app/./index.html'), { item: 1 }),
  single('paths.app-dotdot-segment-file', 'GET /app/sub/../index.html', get('/app/sub/../index.html'), { item: 1 }),
  single('paths.app-dotdot-above-root', 'GET /app/../../etc/passwd', get('/app/../../etc/passwd'), { item: 1 }),
  single('paths.app-encoded-dotdot', 'GET /app/%2e%2e/app/index.html', get('/app/%2e%2e/app/index.html'), { item: 1 }),
  single('paths.app-encoded-slash', 'GET /app/sub%2Findex.html', get('/app/sub%2Findex.html'), { item: 1 }),
  single('paths.app-backslash', 'GET /app/sub\\index.html', get('/app/sub\\index.html'), { item: 1 }),
  single('paths.app-encoded-nul', 'GET /app/index.html%00', get('/app/index.html%00'), { item: 1 }),
  single('paths.app-bad-percent', 'GET /app/%zz (not a percent-encoding)', get('/app/%zz'), { item: 1 }),
  single('paths.app-encoded-percent-dotdot', 'GET /app/%252e%252e/index.html (an encoded percent)', get('/app/%252e%252e/index.html'), { item: 1 }),
  single('paths.app-dotdot-param-inside', 'GET /app/sub/..;x/index.html', get('/app/sub/..;x/index.html'), { item: 1 }),
  single('paths.app-dot-param', 'GET /app/.;x/index.html', get('/app/.;x/index.html'), { item: 1 }),
  single('paths.relative-target', 'GET app/index.html (a target without the leading slash)', get('app/index.html'), { item: 1 }),
  single('paths.app-double-slash-probe', 'GET /app//probe/info', get('/app//probe/info'), { item: 1 }),
  single('paths.app-param-segment-probe', 'GET /app/probe;x=1/info?a=b', get('/app/probe;x=1/info?a=b'), { item: 1 }),
  // the filter on /admin/*
  single('paths.admin-filtered', 'GET /app/admin/secret.txt without the key', get('/app/admin/secret.txt'), { item: 1 }),
  single('paths.admin-with-key', 'GET /app/admin/secret.txt with the key', get('/app/admin/secret.txt', ADMIN), { item: 1 }),
  single('paths.admin-double-slash', 'GET /app//admin/secret.txt without the key', get('/app//admin/secret.txt'), { item: 1 }),
  single('paths.admin-dot-segment', 'GET /app/./admin/secret.txt without the key', get('/app/./admin/secret.txt'), { item: 1 }),
  single('paths.admin-param-segment', 'GET /app/admin;x/secret.txt without the key', get('/app/admin;x/secret.txt'), { item: 1 }),
  single('paths.admin-encoded', 'GET /app/%61dmin/secret.txt without the key', get('/app/%61dmin/secret.txt'), { item: 1 }),
  single('paths.admin-lower-upper', 'GET /app/ADMIN/secret.txt without the key', get('/app/ADMIN/secret.txt'), { item: 1 }),
  // item 2: a redirect never takes its host from the path
  single('paths.root-open-redirect', 'GET //evil.example/..;/sub in the root context', get('//evil.example/..;/sub'), { item: 2 }),
  single('paths.app-open-redirect', 'GET /app//evil.example/..;/sub', get('/app//evil.example/..;/sub'), { item: 2 }),
  single('paths.root-double-slash-folder', 'GET //sub in the root context', get('//sub'), { item: 2 }),
  single('paths.context-redirect', 'GET /app', get('/app'), { item: 2 }),
  single('paths.context-redirect-query', 'GET /app?x=1', get('/app?x=1'), { item: 2 }),
  single('paths.folder-redirect', 'GET /app/sub', get('/app/sub'), { item: 2 }),
  single('paths.folder-redirect-query', 'GET /app/sub?x=1', get('/app/sub?x=1'), { item: 2 }),
  single('paths.root-folder-redirect', 'GET /sub in the root context', get('/sub'), { item: 2 }),
  single('paths.folder-redirect-http10', 'GET /app/sub over HTTP/1.0 without Host', 'GET /app/sub HTTP/1.0\r\n\r\n', { item: 2 }),
  single('paths.folder-redirect-other-host', 'GET /app/sub with Host: www.example.com:8443', get('/app/sub', { Host: 'www.example.com:8443' }), {
    item: 2,
  }),
  // item 3: security constraints in web.xml
  single('security.public-file', 'GET /secured/public.txt (outside the constraints)', get('/secured/public.txt'), { item: 3 }),
  single('security.role-constraint', 'GET /secured/private/x.txt (role admin, no login)', get('/secured/private/x.txt'), { item: 3 }),
  single('security.deny-all', 'GET /secured/deny/y.txt (an empty auth-constraint)', get('/secured/deny/y.txt'), { item: 3 }),
  single('security.role-constraint-double-slash', 'GET /secured//private/x.txt', get('/secured//private/x.txt'), { item: 3 }),
];
