package bench;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** The session read row on real Jetty: the counter "n" is set once, when the session is new, and read after that. */
public class SessionReadServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        Object n = session.getAttribute("n");
        if (n == null) {
            n = Integer.valueOf(1);
            session.setAttribute("n", n);
        }
        response.setContentType("text/plain");
        response.getWriter().write("n=" + n);
    }
}
