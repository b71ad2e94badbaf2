DROP INDEX "education_records_fact_idx";--> statement-breakpoint
DROP INDEX "police_notices_fact_idx";--> statement-breakpoint
DROP INDEX "police_notices_open_idx";--> statement-breakpoint
ALTER TABLE "education_records" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "education_records" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "police_notices" ADD COLUMN "kind" text DEFAULT 'notice' NOT NULL;--> statement-breakpoint
ALTER TABLE "police_notices" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "police_notices" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "police_notices" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "police_notices" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD COLUMN "superseded_by" uuid;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_sync" ADD COLUMN "review_after" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "education_records_fact_idx" ON "education_records" USING btree ("person_id","fact_key") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "police_notices_fact_idx" ON "police_notices" USING btree ("person_id","reason","fact_key") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "police_notices_open_idx" ON "police_notices" USING btree ("person_id") WHERE acknowledged_at is null and withdrawn_at is null;