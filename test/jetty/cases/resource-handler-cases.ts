/**
 * The ResourceHandler of a context XML left at its defaults (webapps/files.xml): a file, HEAD, the welcome
 * file, a folder without a slash, a folder without a welcome file, and a missing file (which the
 * ResourceHandler passes on to the server's next handler).
 * @module
 */
import { DifferentialCase, get, httpRequest, single } from '../differential-case';

export const resourceHandlerCases: DifferentialCase[] = [
  single('resourcehandler.file', 'GET /files/hello.txt', get('/files/hello.txt')),
  single('resourcehandler.head', 'HEAD /files/hello.txt', httpRequest('HEAD', '/files/hello.txt'), { head: true }),
  single('resourcehandler.welcome', 'GET /files/ (index.html)', get('/files/')),
  single('resourcehandler.folder-redirect', 'GET /files/sub (a folder, no slash)', get('/files/sub')),
  single('resourcehandler.folder-listing', 'GET /files/sub/ (no welcome file, directoriesListed at its default)', get('/files/sub/')),
  single('resourcehandler.missing', 'GET /files/nope.txt', get('/files/nope.txt')),
];
