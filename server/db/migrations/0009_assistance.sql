CREATE TABLE "assistance_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_by" uuid,
	"needs" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"review_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"person_org_path" text NOT NULL,
	"kind" text NOT NULL,
	"service_date" date NOT NULL,
	"outcome" text NOT NULL,
	"details" jsonb NOT NULL,
	"start_date" date,
	"end_date" date,
	"provider_partner_id" uuid,
	"referral_id" uuid,
	"action_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_staff" (
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "partner_staff_partner_id_user_id_pk" PRIMARY KEY("partner_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"served_unit_ids" uuid[] NOT NULL,
	"served_paths" text[] NOT NULL,
	"services" text[] NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"capacity" integer,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"need" text NOT NULL,
	"goal" text NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"partner_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date
);
--> statement-breakpoint
CREATE TABLE "assistance_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"person_org_path" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"action_id" uuid,
	"need" text NOT NULL,
	"purpose" text NOT NULL,
	"consent" jsonb,
	"status" text DEFAULT 'sent' NOT NULL,
	"sent_on" date NOT NULL,
	"respond_by" date NOT NULL,
	"decline_reason" text,
	"outcome" text,
	"responded_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistance_assessments" ADD CONSTRAINT "assistance_assessments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_assessments" ADD CONSTRAINT "assistance_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plans" ADD CONSTRAINT "assistance_plans_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plans" ADD CONSTRAINT "assistance_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plans" ADD CONSTRAINT "assistance_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_services" ADD CONSTRAINT "assistance_services_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_services" ADD CONSTRAINT "assistance_services_provider_partner_id_partners_id_fk" FOREIGN KEY ("provider_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_services" ADD CONSTRAINT "assistance_services_referral_id_assistance_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."assistance_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_services" ADD CONSTRAINT "assistance_services_action_id_assistance_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."assistance_plan_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_services" ADD CONSTRAINT "assistance_services_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_staff" ADD CONSTRAINT "partner_staff_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_staff" ADD CONSTRAINT "partner_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plan_actions" ADD CONSTRAINT "assistance_plan_actions_plan_id_assistance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."assistance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plan_actions" ADD CONSTRAINT "assistance_plan_actions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_plan_actions" ADD CONSTRAINT "assistance_plan_actions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_referrals" ADD CONSTRAINT "assistance_referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_referrals" ADD CONSTRAINT "assistance_referrals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_referrals" ADD CONSTRAINT "assistance_referrals_action_id_assistance_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."assistance_plan_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_referrals" ADD CONSTRAINT "assistance_referrals_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_referrals" ADD CONSTRAINT "assistance_referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_assessments_person_idx" ON "assistance_assessments" USING btree ("person_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_plans_version_idx" ON "assistance_plans" USING btree ("person_id","version");--> statement-breakpoint
CREATE INDEX "assistance_services_person_idx" ON "assistance_services" USING btree ("person_id","service_date");--> statement-breakpoint
CREATE INDEX "assistance_services_path_idx" ON "assistance_services" USING btree ("person_org_path" text_pattern_ops,"kind");--> statement-breakpoint
CREATE INDEX "partner_staff_user_idx" ON "partner_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "partners_org_idx" ON "partners" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_unit_name_idx" ON "partners" USING btree ("org_unit_id","name");--> statement-breakpoint
CREATE INDEX "assistance_plan_actions_plan_idx" ON "assistance_plan_actions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "assistance_plan_actions_person_idx" ON "assistance_plan_actions" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "assistance_referrals_partner_idx" ON "assistance_referrals" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "assistance_referrals_person_idx" ON "assistance_referrals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "assistance_referrals_path_idx" ON "assistance_referrals" USING btree ("person_org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_referrals_open_idx" ON "assistance_referrals" USING btree ("person_id","need","partner_id") WHERE status in ('sent', 'accepted');