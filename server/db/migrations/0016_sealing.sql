CREATE TABLE "delisting_status" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"basis" text NOT NULL,
	"clean_since" date,
	"eligible_on" date,
	"fact_date" date,
	"computed_on" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delistings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"state" text NOT NULL,
	"eligible_on" date NOT NULL,
	"clean_since" date NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"review_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_date" date,
	"decision_note" text,
	"notice" jsonb
);
--> statement-breakpoint
CREATE TABLE "file_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"org_path" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sealing_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_date" date NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "seals" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"sealed_on" date NOT NULL,
	"org_path" text NOT NULL,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "delisting_status" ADD CONSTRAINT "delisting_status_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delistings" ADD CONSTRAINT "delistings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_openings" ADD CONSTRAINT "file_openings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seals" ADD CONSTRAINT "seals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delisting_status_state_idx" ON "delisting_status" USING btree ("state","eligible_on");--> statement-breakpoint
CREATE UNIQUE INDEX "delistings_open_idx" ON "delistings" USING btree ("person_id") WHERE state in ('reviewed', 'approved');--> statement-breakpoint
CREATE INDEX "file_openings_user_idx" ON "file_openings" USING btree ("user_id","person_id","expires_at");