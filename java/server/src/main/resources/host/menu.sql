-- The menu table of the stand-in host, with the columns of Flamingo 2's FL_COMM_MENU: a module's
-- menu.sql runs unchanged here and in Flamingo's MySQL database, with or without the schema name.
CREATE SCHEMA IF NOT EXISTS flamingo2;
SET SCHEMA flamingo2;

CREATE TABLE FL_COMM_MENU (
  MENU_ID       VARCHAR(20)  NOT NULL,
  MENU_NM       VARCHAR(100) NOT NULL,
  -- the Ext JS class the menu opens: Ext.create('Flamingo2.view.' + MENU_NS)
  MENU_NS       VARCHAR(150) NOT NULL,
  -- 'TOP' for a top-level entry
  PRNTS_MENU_ID VARCHAR(20)  NOT NULL,
  SORT_ORDR     INTEGER      NOT NULL,
  USE_YN        CHAR(1)      NOT NULL,
  ICON_CSS_NM   VARCHAR(100) NOT NULL,
  MENU_NM_ko_KR VARCHAR(100) NULL,
  MENU_NM_en_US VARCHAR(100) NULL,
  MENU_NM_ja_JP VARCHAR(100) NULL,
  MENU_NM_zh_CN VARCHAR(100) NULL,
  PRIMARY KEY (MENU_ID)
);

-- Monitoring, the parent of every monitoring page (Doflamingo's among them).
INSERT INTO FL_COMM_MENU VALUES
('MN001', '모니터링', 'monitoring', 'TOP', 1, 'Y', 'menu-monitoring', '모니터링', 'Monitoring', 'モニタリング', '监控');
