CREATE TABLE "dictionary_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"category" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_org_unit_id" uuid,
	"org_unit_id" uuid NOT NULL,
	"worker_id" uuid,
	"work_team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"former_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text,
	"nationality" text DEFAULT 'CHN' NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_last4" text NOT NULL,
	"phone_enc" text,
	"registered_address_enc" text,
	"residence_address_enc" text,
	"lives_away_from_registration" boolean DEFAULT false NOT NULL,
	"education" text,
	"marital_status" text,
	"employment_status" text,
	"employer" text,
	"occupation" text,
	"drug_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"use_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_use_date" date,
	"family_contacts_enc" text,
	"risk_level" text,
	"status" text DEFAULT 'no_active_measure' NOT NULL,
	"current_measure_kind" text,
	"responsible_worker_id" uuid,
	"work_team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sealed" boolean DEFAULT false NOT NULL,
	"content_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"event" text NOT NULL,
	"event_date" date NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"details" jsonb,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"deciding_authority" text,
	"decision_received_date" date,
	"report_date" date,
	"start_date" date,
	"end_date" date,
	"term_months" integer,
	"execution_place" text,
	"state" jsonb NOT NULL,
	"previous_measure_id" uuid,
	"policy_version" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "system_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "policy_versions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_unit_id" uuid,
	"version" text NOT NULL,
	"override" jsonb NOT NULL,
	"effective_version" text NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "education_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid,
	"reason" text NOT NULL,
	"fact_key" text NOT NULL,
	"fact_date" date NOT NULL,
	"details" jsonb NOT NULL,
	"policy_version" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"conducted_on" date,
	"conducted_by" uuid,
	"conducted_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "leave_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "leave_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"leave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"event" text NOT NULL,
	"details" jsonb,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"destination" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"pending_to_date" date,
	"pending_reason" text,
	"returned_on" date,
	"required" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"returned_by" uuid,
	"returned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "police_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid,
	"reason" text NOT NULL,
	"fact_key" text NOT NULL,
	"fact_date" date NOT NULL,
	"details" jsonb NOT NULL,
	"policy_version" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"delivered_at" timestamp with time zone,
	"delivered_by" uuid,
	"delivery_note" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "supervision_job_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_date" date NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "supervision_preferences" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"sms_consent" boolean DEFAULT false NOT NULL,
	"consent_date" date,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"place" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"attachment_id" uuid,
	"note" text,
	"sample" text,
	"method" text,
	"result" text,
	"tester" text,
	"retest_of_id" uuid,
	"random" boolean DEFAULT false NOT NULL,
	"contact_mode" text,
	"form" jsonb
);
--> statement-breakpoint
CREATE TABLE "supervision_status" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"level" text NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"refusals" integer NOT NULL,
	"evasions" integer NOT NULL,
	"unauthorised_departures" integer NOT NULL,
	"absence_days" integer NOT NULL,
	"until_tests" integer NOT NULL,
	"until_departures" integer NOT NULL,
	"until_absence_days" integer NOT NULL,
	"lost_contact" boolean NOT NULL,
	"last_in_person_contact" date,
	"last_reachable" date,
	"policy_version" text NOT NULL,
	"assessed_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_sync" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"tasks_hash" text NOT NULL,
	"review_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_tasks" (
	"measure_id" uuid NOT NULL,
	"key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"state" text NOT NULL,
	"record_id" uuid,
	"policy_version" text NOT NULL,
	"open" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_tasks_pk" PRIMARY KEY("measure_id","key")
);
--> statement-breakpoint
CREATE TABLE "reminder_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient_user_id" uuid,
	"recipient_person_id" uuid,
	"person_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"details" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_assignments" ADD CONSTRAINT "person_assignments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_assignments" ADD CONSTRAINT "person_assignments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_assignments" ADD CONSTRAINT "person_assignments_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_responsible_worker_id_users_id_fk" FOREIGN KEY ("responsible_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_events" ADD CONSTRAINT "measure_events_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_events" ADD CONSTRAINT "measure_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_absences" ADD CONSTRAINT "supervision_absences_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_absences" ADD CONSTRAINT "supervision_absences_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_records" ADD CONSTRAINT "education_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_records" ADD CONSTRAINT "education_records_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_events" ADD CONSTRAINT "leave_events_leave_id_leave_requests_id_fk" FOREIGN KEY ("leave_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_events" ADD CONSTRAINT "leave_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_notices" ADD CONSTRAINT "police_notices_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_notices" ADD CONSTRAINT "police_notices_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_preferences" ADD CONSTRAINT "supervision_preferences_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_status" ADD CONSTRAINT "supervision_status_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_status" ADD CONSTRAINT "supervision_status_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sync" ADD CONSTRAINT "supervision_sync_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_tasks" ADD CONSTRAINT "supervision_tasks_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_tasks" ADD CONSTRAINT "supervision_tasks_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dictionary_kind_code_idx" ON "dictionary_entries" USING btree ("kind","code");--> statement-breakpoint
CREATE INDEX "assignments_person_idx" ON "person_assignments" USING btree ("person_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_hash_idx" ON "persons" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "persons_org_idx" ON "persons" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "persons_initials_idx" ON "persons" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_pinyin_idx" ON "persons" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_name_trgm_idx" ON "persons" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_last4_idx" ON "persons" USING btree ("id_last4");--> statement-breakpoint
CREATE INDEX "persons_worker_idx" ON "persons" USING btree ("responsible_worker_id");--> statement-breakpoint
CREATE INDEX "persons_status_idx" ON "persons" USING btree ("status");--> statement-breakpoint
CREATE INDEX "measure_events_person_idx" ON "measure_events" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "measures_person_idx" ON "measures" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "measures_status_idx" ON "measures" USING btree ("status","kind");--> statement-breakpoint
CREATE INDEX "documents_person_idx" ON "documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "documents_measure_idx" ON "documents" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_status_idx" ON "import_jobs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_version_idx" ON "policy_versions" USING btree ("version");--> statement-breakpoint
CREATE INDEX "policy_versions_unit_idx" ON "policy_versions" USING btree ("org_unit_id","seq");--> statement-breakpoint
CREATE INDEX "supervision_absences_person_idx" ON "supervision_absences" USING btree ("person_id","from_date");--> statement-breakpoint
CREATE UNIQUE INDEX "education_records_fact_idx" ON "education_records" USING btree ("person_id","fact_key");--> statement-breakpoint
CREATE INDEX "leave_events_leave_idx" ON "leave_events" USING btree ("leave_id","seq");--> statement-breakpoint
CREATE INDEX "leave_events_person_idx" ON "leave_events" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "leave_requests_person_idx" ON "leave_requests" USING btree ("person_id","from_date");--> statement-breakpoint
CREATE INDEX "leave_requests_status_to_idx" ON "leave_requests" USING btree ("status","to_date");--> statement-breakpoint
CREATE UNIQUE INDEX "police_notices_fact_idx" ON "police_notices" USING btree ("person_id","reason","fact_key");--> statement-breakpoint
CREATE INDEX "police_notices_open_idx" ON "police_notices" USING btree ("person_id") WHERE acknowledged_at is null;--> statement-breakpoint
CREATE INDEX "police_notices_created_idx" ON "police_notices" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "supervision_records_person_idx" ON "supervision_records" USING btree ("person_id","date");--> statement-breakpoint
CREATE INDEX "supervision_records_measure_idx" ON "supervision_records" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "supervision_sync_review_idx" ON "supervision_sync" USING btree ("review_on");--> statement-breakpoint
CREATE INDEX "supervision_tasks_todo_idx" ON "supervision_tasks" USING btree ("person_id","state","window_end") WHERE open;--> statement-breakpoint
CREATE INDEX "supervision_tasks_person_due_idx" ON "supervision_tasks" USING btree ("person_id","due_date");--> statement-breakpoint
CREATE INDEX "supervision_tasks_due_idx" ON "supervision_tasks" USING btree ("due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_messages_dedupe_idx" ON "reminder_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "reminder_messages_due_idx" ON "reminder_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "reminder_messages_inbox_idx" ON "reminder_messages" USING btree ("recipient_user_id","created_at");