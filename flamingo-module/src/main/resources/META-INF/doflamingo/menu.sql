-- Doflamingo's menu rows for Flamingo 2 (MySQL, database flamingo2): Kafka, ZooKeeper and Flume
-- under Monitoring (MN001). Clicking one runs Ext.create('Flamingo2.view.' + MENU_NS).
-- Ids MN001101..MN001103 stay clear of Flamingo's own (MN001001..MN001007).
-- Run once:  mysql -u flamingo -p flamingo2 < menu.sql   (REPLACE makes a rerun harmless)
-- SET NAMES first: a client whose character set is latin1 (the mysql client's default on many
-- systems) would otherwise store the Korean names double-encoded.
SET NAMES utf8;
REPLACE INTO FL_COMM_MENU
  (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM,
   MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
VALUES
  ('MN001101', '카프카', 'monitoring.doflamingo.kafka.Kafka', 'MN001', 101, 'Y', '',
   '카프카', 'Kafka', 'Kafka', 'Kafka'),
  ('MN001102', '주키퍼', 'monitoring.doflamingo.zookeeper.ZooKeeper', 'MN001', 102, 'Y', '',
   '주키퍼', 'ZooKeeper', 'ZooKeeper', 'ZooKeeper'),
  ('MN001103', '플룸', 'monitoring.doflamingo.flume.Flume', 'MN001', 103, 'Y', '',
   '플룸', 'Flume', 'Flume', 'Flume');
