-- The standalone server's H2 database takes Flamingo's schema name, so a module's menu.sql runs
-- unchanged here and in Flamingo's MySQL database, with or without the schema name. The table
-- itself follows (host/FL_COMM_MENU.sql).
CREATE SCHEMA IF NOT EXISTS flamingo2;
SET SCHEMA flamingo2;
