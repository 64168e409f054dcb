-- What Flamingo 2's installation (its import.sql) makes of its MySQL database that a module meets:
-- the menu table with FL_COMM_MENU's columns and the Monitoring parent row. Quartz's QRTZ_ tables
-- come from Quartz's own DDL (tables_mysql_innodb.sql in its jar). Our DDL, from the columns
-- Flamingo documents; run by the Flamingo-mode tests (InstallStepsIT) through the mysql client.
SET NAMES utf8;
CREATE TABLE FL_COMM_MENU (
  MENU_ID       VARCHAR(20)  NOT NULL,
  MENU_NM       VARCHAR(100) NOT NULL,
  MENU_NS       VARCHAR(150) NOT NULL,
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
