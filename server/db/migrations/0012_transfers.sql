CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"address_basis" text NOT NULL,
	"facility" text NOT NULL,
	"release_date" date NOT NULL,
	"notice_received_on" date NOT NULL,
	"notice_due_by" date NOT NULL,
	"notice_late" boolean NOT NULL,
	"papers_due_by" date,
	"report_by" date NOT NULL,
	"document_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"isolation_measure_id" uuid,
	"reported_on" date,
	"reported_by" uuid,
	"measure_id" uuid,
	"missed_raised_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"policy_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_org_unit_id" uuid NOT NULL,
	"to_org_unit_id" uuid NOT NULL,
	"initiated_by" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decide_by" date NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"accepted_on" date,
	"report_by" date,
	"reported_on" date,
	"reported_by" uuid,
	"file_forward_by" date,
	"file_forwarded_on" date,
	"moved" jsonb,
	"overdue_raised_at" timestamp with time zone,
	"policy_version" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_isolation_measure_id_measures_id_fk" FOREIGN KEY ("isolation_measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_org_unit_id_org_units_id_fk" FOREIGN KEY ("from_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_org_unit_id_org_units_id_fk" FOREIGN KEY ("to_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handovers_unit_idx" ON "handovers" USING btree ("org_unit_id","report_by");--> statement-breakpoint
CREATE INDEX "handovers_person_idx" ON "handovers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_open_idx" ON "handovers" USING btree ("person_id") WHERE reported_on is null;--> statement-breakpoint
CREATE INDEX "transfers_person_idx" ON "transfers" USING btree ("person_id","requested_at");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_org_unit_id","status");--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_org_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_open_idx" ON "transfers" USING btree ("person_id") WHERE status = 'pending';