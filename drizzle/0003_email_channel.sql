CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inbox_id` integer NOT NULL,
	`conversation_id` integer NOT NULL,
	`message_id` integer,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`content_id` text,
	`inline` integer DEFAULT false NOT NULL,
	`data` blob NOT NULL,
	`uploaded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`inbox_id`) REFERENCES `inboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE INDEX `attachments_conversation_idx` ON `attachments` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `message_emails` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`from_address` text NOT NULL,
	`to_addresses` text NOT NULL,
	`cc_addresses` text NOT NULL,
	`subject` text,
	`message_id_header` text,
	`in_reply_to` text,
	`references` text NOT NULL,
	`auto_submitted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `raw_emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inbox_id` integer NOT NULL,
	`dedup_key` text NOT NULL,
	`envelope_from` text,
	`envelope_to` text NOT NULL,
	`size` integer NOT NULL,
	`raw` blob NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`message_id` integer,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	FOREIGN KEY (`inbox_id`) REFERENCES `inboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `raw_emails_inbox_key_uq` ON `raw_emails` (`inbox_id`,`dedup_key`);--> statement-breakpoint
CREATE INDEX `raw_emails_status_idx` ON `raw_emails` (`status`);