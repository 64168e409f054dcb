package org.doflamingo.server;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Where the stand-in host keeps what Flamingo 2 keeps in its MySQL database, in the host's
 * Flamingo mode ({@link Host#startLikeFlamingo}): Quartz's jobs (JDBC job store on its QRTZ_
 * tables) and the menu (FL_COMM_MENU). The database is prepared as Flamingo's installer prepares
 * it (both tables there before the host starts); menu rows come only from what is run into it, as
 * an operator runs a module's menu.sql. Handed to the root context as a servlet context attribute.
 */
public final class FlamingoDatabase {
  /** Servlet context attribute under which the host hands this to the root Spring context. */
  public static final String ATTRIBUTE = FlamingoDatabase.class.getName();

  private final String jdbcUrl;
  private final String user;
  private final String password;

  /** @param jdbcUrl a MySQL URL (Flamingo's driver, mysql-connector-java, must be on the class path) */
  public FlamingoDatabase(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** A connection per use, as Flamingo's pool hands them out; Quartz and the menu query share it. */
  public DataSource dataSource() {
    DriverManagerDataSource ds = new DriverManagerDataSource(jdbcUrl, user, password);
    ds.setDriverClassName("com.mysql.jdbc.Driver");
    return ds;
  }

  @Override
  public String toString() {
    return jdbcUrl + " as " + user;
  }
}
