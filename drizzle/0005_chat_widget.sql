CREATE TABLE `chat_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`inbox_id` integer NOT NULL,
	`visitor_id` integer,
	`message_id` integer,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`inbox_id`) REFERENCES `inboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `chat_visitors`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_uploads_public_id_unique` ON `chat_uploads` (`public_id`);--> statement-breakpoint
CREATE INDEX `chat_uploads_message_idx` ON `chat_uploads` (`message_id`);--> statement-breakpoint
CREATE TABLE `chat_visitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inbox_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`external_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`inbox_id`) REFERENCES `inboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_visitors_token_hash_unique` ON `chat_visitors` (`token_hash`);--> statement-breakpoint
CREATE INDEX `chat_visitors_inbox_idx` ON `chat_visitors` (`inbox_id`);