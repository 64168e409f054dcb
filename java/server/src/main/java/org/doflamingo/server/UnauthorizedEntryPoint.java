package org.doflamingo.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.doflamingo.server.web.Response;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What Flamingo 2 answers a request that needs a login and has none (its
 * RestAuthenticationEntryPoint): 401, with the Response envelope for Ext JS's XHRs
 * ({@code X-Requested-With: XMLHttpRequest}); no HTTP Basic challenge, since Flamingo has form login only.
 */
public final class UnauthorizedEntryPoint implements AuthenticationEntryPoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
    if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/json;charset=UTF-8");
      JSON.writeValue(response.getWriter(), Response.ofError("401", "You do not have permission to perform the requested action."));
    } else {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized");
    }
  }
}
