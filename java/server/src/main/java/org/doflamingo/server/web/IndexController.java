package org.doflamingo.server.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /}: the pages' {@code index.html} when a jar on the class path brings one (under
 * META-INF/resources), else a plain page listing the REST endpoints, so a server without pages
 * still says what it offers.
 */
@Controller
public class IndexController {
  static final String INDEX = "/index.html";

  private final ServletContext servletContext;
  private final RequestMappingHandlerMapping mappings;

  @Autowired
  public IndexController(ServletContext servletContext, RequestMappingHandlerMapping mappings) {
    this.servletContext = servletContext;
    this.mappings = mappings;
  }

  @RequestMapping(value = "/", method = RequestMethod.GET)
  public void index(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    if (servletContext.getResource(INDEX) != null) {
      request.getRequestDispatcher(INDEX).forward(request, response);
      return;
    }
    response.setContentType("text/html;charset=UTF-8");
    PrintWriter out = response.getWriter();
    out.println("<!DOCTYPE html>");
    out.println("<html><head><meta charset=\"utf-8\"><title>Doflamingo</title></head><body>");
    out.println("<h1>Doflamingo</h1>");
    out.println("<p>No pages are installed (no META-INF/resources/index.html on the class path). REST endpoints:</p>");
    out.println("<ul>");
    for (String endpoint : endpoints()) out.println("<li>" + HtmlUtils.htmlEscape(endpoint) + "</li>");
    out.println("</ul>");
    out.println("<p>Live updates: STOMP over SockJS at /websocket, destinations under /topic.</p>");
    out.println("</body></html>");
  }

  /** "GET /menu", "/monitoring/kafka/brokers" (any method), ... sorted, this page left out. */
  private Set<String> endpoints() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      if (e.getValue().getBeanType() == IndexController.class) continue;
      Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
      String prefix = methods.isEmpty() ? "" : join(methods) + " ";
      for (String pattern : e.getKey().getPatternsCondition().getPatterns()) out.add(prefix + pattern);
    }
    return out;
  }

  private static String join(Set<RequestMethod> methods) {
    StringBuilder sb = new StringBuilder();
    for (RequestMethod m : new TreeSet<>(methods)) sb.append(sb.length() == 0 ? "" : ",").append(m.name());
    return sb.toString();
  }
}
