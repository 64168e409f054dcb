package org.doflamingo.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.doflamingo.config.Credentials;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may use the host, decided from the {@code web} settings; applicationContext-security.xml
 * wires the two beans it makes.
 *
 * <ul>
 *   <li>No users, bound to a loopback address: open. Every request carries ROLE_USER
 *       anonymously, so the administrator on the machine sees the pages without logging in.
 *   <li>Users: ROLE_USER only after a login (form or HTTP Basic).
 *   <li>No users on any other address: refused, since anyone who reaches the port would see
 *       every cluster's metrics.
 * </ul>
 */
public final class WebAccess {
  /** Servlet context attribute under which the host hands this to the root Spring context. */
  public static final String ATTRIBUTE = WebAccess.class.getName();
  static final String ROLE_USER = "ROLE_USER";

  private final String bind;
  private final List<Credentials> users;

  private WebAccess(String bind, List<Credentials> users) {
    this.bind = bind;
    this.users = users;
  }

  static WebAccess of(WebConfig web) throws HostException {
    InetAddress address;
    try {
      address = InetAddress.getByName(web.bind);
    } catch (UnknownHostException e) {
      throw HostException.ofSettings("web.bind: cannot resolve \"" + web.bind + "\"");
    }
    if (web.users.isEmpty() && !address.isLoopbackAddress()) {
      throw HostException.ofSettings("web.bind is " + web.bind + ", not a loopback address, and web.users is empty:"
          + " anyone who reaches the port would see every cluster; add web.users (user with passwordFile or"
          + " passwordEnv) or bind to 127.0.0.1");
    }
    return new WebAccess(web.bind, web.users);
  }

  /** No login: loopback only, anonymous requests carry ROLE_USER. */
  public boolean isOpen() {
    return users.isEmpty();
  }

  String bind() {
    return bind;
  }

  /** Gives anonymous requests ROLE_USER when open, ROLE_ANONYMOUS (nothing protected) otherwise. */
  public AnonymousAuthenticationFilter anonymousFilter() {
    List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList(isOpen() ? ROLE_USER : "ROLE_ANONYMOUS");
    return new AnonymousAuthenticationFilter(UUID.randomUUID().toString(), "anonymousUser", authorities);
  }

  /** The configured users, each with ROLE_USER; passwords stay in memory, never logged. */
  public UserDetailsService users() {
    List<UserDetails> details = new ArrayList<>();
    for (Credentials c : users) {
      details.add(new User(c.user(), c.password(), AuthorityUtils.createAuthorityList(ROLE_USER)));
    }
    return new InMemoryUserDetailsManager(details);
  }

  @Override
  public String toString() {
    return isOpen() ? "open on loopback, no login" : users.size() + (users.size() == 1 ? " user" : " users") + ", login required";
  }
}
