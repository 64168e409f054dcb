-- A module's menu rows, as a module ships them: under Monitoring (MN001).
INSERT INTO FL_COMM_MENU (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM, MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
VALUES ('MN001902', '호스트 시험 2', 'hosttest.Second', 'MN001', 902, 'Y', '', '호스트 시험 2', 'Host test 2', 'ホストテスト 2', '主机测试 2');
INSERT INTO flamingo2.FL_COMM_MENU VALUES
('MN001901', '호스트 시험', 'hosttest.First', 'MN001', 901, 'Y', '', '호스트 시험', 'Host test', 'ホストテスト', '主机测试');
