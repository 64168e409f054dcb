package org.doflamingo.server.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /menu}: the rows of FL_COMM_MENU (the host's Monitoring parent and every module's
 * entries), parents before children, siblings in their sort order; keys are Flamingo's column names.
 */
@RestController
public class MenuController {
  private static final String[] COLUMNS = {"MENU_ID", "MENU_NM", "MENU_NS", "PRNTS_MENU_ID", "SORT_ORDR", "USE_YN",
      "ICON_CSS_NM", "MENU_NM_ko_KR", "MENU_NM_en_US", "MENU_NM_ja_JP", "MENU_NM_zh_CN"};
  private static final String QUERY = "SELECT " + String.join(", ", COLUMNS)
      + " FROM FL_COMM_MENU ORDER BY CASE WHEN PRNTS_MENU_ID = 'TOP' THEN 0 ELSE 1 END, PRNTS_MENU_ID, SORT_ORDR, MENU_ID";

  private final JdbcTemplate jdbc;

  @Autowired
  public MenuController(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @RequestMapping(value = "/menu", method = RequestMethod.GET)
  public Response menu() {
    List<Map<String, Object>> rows = jdbc.query(QUERY, new RowMapper<Map<String, Object>>() {
      @Override
      public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
        // by name, spelt as Flamingo spells them (the database folds them to upper case)
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : COLUMNS) row.put(column, rs.getObject(column));
        return row;
      }
    });
    return Response.ofList(rows);
  }
}
