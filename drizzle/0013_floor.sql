CREATE TABLE `csat_responses` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	`inbox_id` integer NOT NULL,
	`channel` text NOT NULL,
	`agent_id` integer,
	`requested_at` integer NOT NULL,
	`rating` integer,
	`comment` text,
	`rated_at` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `csat_responses_rated_idx` ON `csat_responses` (`rated_at`) WHERE rating IS NOT NULL;--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `escalated_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `escalated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `conversations` ADD `escalation_reason` text;--> statement-breakpoint
ALTER TABLE `inboxes` ADD `auto_assign` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `capacity` integer DEFAULT 10 NOT NULL;