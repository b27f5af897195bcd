'use strict';
/** The bench's hello row through bin/start: no session, the body "hello" (bench/peers/jetty/bench/HelloServlet.java is Jetty's twin). */
class HelloServlet {
  doGet(request, response) {
    response.setContentType('text/plain');
    response.getWriter().write('hello');
  }
}
module.exports = HelloServlet;
