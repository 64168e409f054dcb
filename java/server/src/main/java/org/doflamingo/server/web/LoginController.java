package org.doflamingo.server.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServletResponse;
import org.doflamingo.server.WebAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /login}: the form Spring Security sends browsers to; it posts to
 * {@code /j_spring_security_check} with {@code username} and {@code password}, as Flamingo's does.
 * An open host (no users) has nothing to log in to and sends the browser to the pages.
 */
@Controller
public class LoginController {
  private final WebAccess access;

  @Autowired
  public LoginController(WebAccess access) {
    this.access = access;
  }

  @RequestMapping(value = "/login", method = RequestMethod.GET)
  public void login(@RequestParam(value = "error", required = false) String error,
      @RequestParam(value = "logout", required = false) String logout, HttpServletResponse response) throws IOException {
    if (access.isOpen()) {
      response.sendRedirect("/");
      return;
    }
    response.setContentType("text/html;charset=UTF-8");
    PrintWriter out = response.getWriter();
    out.println("<!DOCTYPE html>");
    out.println("<html><head><meta charset=\"utf-8\"><title>Doflamingo - log in</title></head><body>");
    out.println("<h1>Doflamingo</h1>");
    if (error != null) out.println("<p>Wrong user name or password.</p>");
    if (logout != null) out.println("<p>Logged out.</p>");
    out.println("<form method=\"post\" action=\"/j_spring_security_check\">");
    out.println("<p><label>User <input name=\"username\" autocomplete=\"username\" autofocus></label></p>");
    out.println("<p><label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label></p>");
    out.println("<p><button type=\"submit\">Log in</button></p>");
    out.println("</form>");
    out.println("</body></html>");
  }
}
