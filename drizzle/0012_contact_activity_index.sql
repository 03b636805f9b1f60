DROP INDEX `conversations_contact_idx`;--> statement-breakpoint
CREATE INDEX `conversations_contact_idx` ON `conversations` (`contact_id`,`inbox_id`,`last_message_at`);