-- One counter that moves whenever anything an authenticated request depends on changes: a user
-- (role, name, locale, disabled, password), an inbox membership, a session or an API token. The
-- server keeps resolved sessions in memory and trusts them only while the counter is unchanged,
-- so a request reads one row instead of three, and no write path can forget to invalidate.
CREATE TABLE `auth_version` (`id` integer PRIMARY KEY CHECK (`id` = 1), `n` integer NOT NULL);--> statement-breakpoint
INSERT INTO `auth_version` (`id`, `n`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `users_auth_insert` AFTER INSERT ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `users_auth_update` AFTER UPDATE ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `users_auth_delete` AFTER DELETE ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `inbox_members_auth_insert` AFTER INSERT ON `inbox_members` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `inbox_members_auth_update` AFTER UPDATE ON `inbox_members` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `inbox_members_auth_delete` AFTER DELETE ON `inbox_members` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `sessions_auth_update` AFTER UPDATE ON `sessions` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `sessions_auth_delete` AFTER DELETE ON `sessions` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `api_tokens_auth_update` AFTER UPDATE ON `api_tokens` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `api_tokens_auth_delete` AFTER DELETE ON `api_tokens` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
