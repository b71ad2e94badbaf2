CREATE TABLE "governance_dirty_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "governance_dirty_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_unit_id" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_milestones" (
	"org_unit_id" uuid NOT NULL,
	"indicator" text NOT NULL,
	"month" integer NOT NULL,
	"goal" numeric NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "governance_milestones_pk" PRIMARY KEY("org_unit_id","indicator","month")
);
--> statement-breakpoint
CREATE TABLE "governance_plans" (
	"org_unit_id" uuid PRIMARY KEY NOT NULL,
	"start_date" date NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_rollup_state" (
	"id" text PRIMARY KEY NOT NULL,
	"built_for" date NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"units_last_run" integer NOT NULL,
	"ms_last_run" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_rollups" (
	"org_unit_id" uuid NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"indicator" text NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "governance_rollups_pk" PRIMARY KEY("org_unit_id","period_kind","period_start","indicator")
);
--> statement-breakpoint
CREATE TABLE "governance_targets" (
	"org_unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"indicator" text NOT NULL,
	"baseline" numeric,
	"target" numeric,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "governance_targets_pk" PRIMARY KEY("org_unit_id","year","indicator")
);
--> statement-breakpoint
ALTER TABLE "governance_milestones" ADD CONSTRAINT "governance_milestones_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_plans" ADD CONSTRAINT "governance_plans_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_rollups" ADD CONSTRAINT "governance_rollups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_targets" ADD CONSTRAINT "governance_targets_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "governance_rollups_period_idx" ON "governance_rollups" USING btree ("period_kind","period_start");--> statement-breakpoint
-- custom:begin governance-dirty-units
-- Issue 15 item 2: every statement that writes a fact the indicators read marks the unit of each
-- person it touched as dirty, once per statement (statement-level, like supervision_inputs_touch);
-- the refresh job rebuilds those units' rollups within seconds. Append-only: no writer waits.
CREATE FUNCTION governance_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO governance_dirty_units (org_unit_id)
      SELECT DISTINCT p.org_unit_id FROM (SELECT DISTINCT person_id FROM old_rows) AS x JOIN persons p ON p.id = x.person_id;
  ELSE
    INSERT INTO governance_dirty_units (org_unit_id)
      SELECT DISTINCT p.org_unit_id FROM (SELECT DISTINCT person_id FROM new_rows) AS x JOIN persons p ON p.id = x.person_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A person's own row: a move marks both units, sealing (P4) and a new file mark his unit.
CREATE FUNCTION governance_mark_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO governance_dirty_units (org_unit_id) SELECT DISTINCT org_unit_id FROM new_rows;
  ELSE
    INSERT INTO governance_dirty_units (org_unit_id)
      SELECT DISTINCT o.org_unit_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.org_unit_id IS DISTINCT FROM n.org_unit_id OR o.sealed IS DISTINCT FROM n.sealed OR o.status IS DISTINCT FROM n.status
      UNION
      SELECT DISTINCT n.org_unit_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.org_unit_id IS DISTINCT FROM n.org_unit_id OR o.sealed IS DISTINCT FROM n.sealed OR o.status IS DISTINCT FROM n.status;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER persons_governance_ins AFTER INSERT ON "persons" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_person();
--> statement-breakpoint
CREATE TRIGGER persons_governance_upd AFTER UPDATE ON "persons" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_person();
--> statement-breakpoint
CREATE TRIGGER supervision_records_governance_ins AFTER INSERT ON "supervision_records" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_records_governance_upd AFTER UPDATE ON "supervision_records" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_tasks_governance_ins AFTER INSERT ON "supervision_tasks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_tasks_governance_upd AFTER UPDATE ON "supervision_tasks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_tasks_governance_del AFTER DELETE ON "supervision_tasks" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_status_governance_ins AFTER INSERT ON "supervision_status" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER supervision_status_governance_upd AFTER UPDATE ON "supervision_status" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER police_notices_governance_ins AFTER INSERT ON "police_notices" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER police_notices_governance_upd AFTER UPDATE ON "police_notices" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER measures_governance_ins AFTER INSERT ON "measures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER measures_governance_upd AFTER UPDATE ON "measures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION governance_mark_dirty();
-- custom:end governance-dirty-units
