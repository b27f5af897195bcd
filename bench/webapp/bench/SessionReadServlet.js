'use strict';
/** The session read row through bin/start: the counter "n" is set once, when the session is new, and read after that. */
class SessionReadServlet {
  doGet(request, response) {
    const session = request.getSession(true);
    let n = session.getAttribute('n');
    if (n === null || n === undefined) {
      n = 1;
      session.setAttribute('n', n);
    }
    response.setContentType('text/plain');
    response.getWriter().write(`n=${n}`);
  }
}
module.exports = SessionReadServlet;
