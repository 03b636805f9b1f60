CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `incident_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`incident_id` integer NOT NULL,
	`update_id` integer,
	`conversation_id` integer NOT NULL,
	`message_id` integer,
	`status` text NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`update_id`) REFERENCES `incident_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_deliveries_key_unique` ON `incident_deliveries` (`key`);--> statement-breakpoint
CREATE INDEX `incident_deliveries_update_idx` ON `incident_deliveries` (`incident_id`,`update_id`,`status`);--> statement-breakpoint
CREATE INDEX `incident_deliveries_message_idx` ON `incident_deliveries` (`message_id`);--> statement-breakpoint
CREATE TABLE `incident_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`status` text NOT NULL,
	`message` text NOT NULL,
	`author_id` integer,
	`notify_linked` integer DEFAULT false NOT NULL,
	`resolve_linked` integer DEFAULT false NOT NULL,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incident_updates_incident_idx` ON `incident_updates` (`incident_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `incident_updates_idempotency_idx` ON `incident_updates` (`incident_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`message` text NOT NULL,
	`internal_note` text,
	`components` text DEFAULT '[]' NOT NULL,
	`match_keywords` text DEFAULT '[]' NOT NULL,
	`match_channels` text DEFAULT '[]' NOT NULL,
	`match_inbox_ids` text DEFAULT '[]' NOT NULL,
	`auto_acknowledge` integer DEFAULT false NOT NULL,
	`declared_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`declared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incidents_active_idx` ON `incidents` (`resolved_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `incident_id` integer;--> statement-breakpoint
CREATE INDEX `conversations_incident_idx` ON `conversations` (`incident_id`,`status`) WHERE incident_id IS NOT NULL;