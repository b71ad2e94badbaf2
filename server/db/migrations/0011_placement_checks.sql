CREATE TABLE "assistance_placement_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"month" integer NOT NULL,
	"checked_on" date NOT NULL,
	"employed" boolean NOT NULL,
	"checked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistance_placement_checks" ADD CONSTRAINT "assistance_placement_checks_service_id_assistance_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."assistance_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_placement_checks" ADD CONSTRAINT "assistance_placement_checks_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_placement_checks" ADD CONSTRAINT "assistance_placement_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_placement_checks_month_idx" ON "assistance_placement_checks" USING btree ("service_id","month");--> statement-breakpoint
CREATE INDEX "assistance_placement_checks_person_idx" ON "assistance_placement_checks" USING btree ("person_id");