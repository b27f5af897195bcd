package bench;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** The session write and new session rows on real Jetty: every request increments the counter "n" (a new session starts at 1). */
public class SessionWriteServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        Integer n = (Integer) session.getAttribute("n");
        int next = n == null ? 1 : n.intValue() + 1;
        session.setAttribute("n", Integer.valueOf(next));
        response.setContentType("text/plain");
        response.getWriter().write("n=" + next);
    }
}
