'use strict';
/** The session write and new session rows through bin/start: every request increments the counter "n" (a new session starts at 1). */
class SessionWriteServlet {
  doGet(request, response) {
    const session = request.getSession(true);
    const n = (Number(session.getAttribute('n')) || 0) + 1;
    session.setAttribute('n', n);
    response.setContentType('text/plain');
    response.getWriter().write(`n=${n}`);
  }
}
module.exports = SessionWriteServlet;
