CREATE TABLE `conversation_sla` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	`policy_id` integer,
	`started_at` integer NOT NULL,
	`paused_at` integer,
	`paused_ms` integer DEFAULT 0 NOT NULL,
	`first_response_due_at` integer,
	`first_response_warn_at` integer,
	`first_response_met_at` integer,
	`first_response_breached_at` integer,
	`resolution_due_at` integer,
	`resolution_warn_at` integer,
	`resolution_met_at` integer,
	`resolution_breached_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_id`) REFERENCES `sla_policies`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `conversation_sla_first_response_due_idx` ON `conversation_sla` (`first_response_due_at`) WHERE first_response_met_at IS NULL AND first_response_breached_at IS NULL AND paused_at IS NULL;--> statement-breakpoint
CREATE INDEX `conversation_sla_resolution_due_idx` ON `conversation_sla` (`resolution_due_at`) WHERE resolution_met_at IS NULL AND resolution_breached_at IS NULL AND paused_at IS NULL;--> statement-breakpoint
CREATE INDEX `conversation_sla_policy_idx` ON `conversation_sla` (`policy_id`);--> statement-breakpoint
CREATE TABLE `sla_breaches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`policy_id` integer,
	`inbox_id` integer NOT NULL,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`breached_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_id`) REFERENCES `sla_policies`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_breaches_conversation_kind_uq` ON `sla_breaches` (`conversation_id`,`kind`);--> statement-breakpoint
CREATE INDEX `sla_breaches_time_idx` ON `sla_breaches` (`breached_at`);--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`inbox_ids` text DEFAULT '[]' NOT NULL,
	`priorities` text DEFAULT '[]' NOT NULL,
	`first_response_minutes` integer,
	`resolution_minutes` integer,
	`business_hours` text,
	`holidays` text DEFAULT '[]' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
