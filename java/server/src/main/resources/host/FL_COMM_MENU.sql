-- Flamingo 2's menu table as its installation (import.sql) leaves it: FL_COMM_MENU's columns
-- (our DDL, from the columns Flamingo documents) and the Monitoring parent row of every
-- monitoring page (Doflamingo's among them). The standalone server runs it into its H2 database
-- after host/menu.sql; the Flamingo-mode tests (InstallStepsIT) run it into MariaDB through the
-- mysql client, as Flamingo's installer does. A module's menu.sql runs unchanged on both.
SET NAMES utf8;
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
) ENGINE = InnoDB DEFAULT CHARSET = utf8;

INSERT INTO FL_COMM_MENU VALUES
('MN001', '모니터링', 'monitoring', 'TOP', 1, 'Y', 'menu-monitoring', '모니터링', 'Monitoring', 'モニタリング', '监控');
