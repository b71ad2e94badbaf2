CREATE TABLE "supervision_inputs" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_sync" ADD COLUMN "inputs_key" text;--> statement-breakpoint
-- Custom SQL (not generated): every statement that writes a row the supervision rules read
-- raises the person's inputs version once (statement-level, so a bulk insert of 5,000 records
-- costs one upsert per person, not one per row). Persons in id order, as the recompute locks them.
CREATE FUNCTION supervision_inputs_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO supervision_inputs (person_id, version)
      SELECT DISTINCT person_id, 1 FROM new_rows ORDER BY person_id
      ON CONFLICT (person_id) DO UPDATE SET version = supervision_inputs.version + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO supervision_inputs (person_id, version)
      SELECT person_id, 1 FROM (SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows) AS x ORDER BY person_id
      ON CONFLICT (person_id) DO UPDATE SET version = supervision_inputs.version + 1;
  ELSE
    INSERT INTO supervision_inputs (person_id, version)
      SELECT DISTINCT person_id, 1 FROM old_rows ORDER BY person_id
      ON CONFLICT (person_id) DO UPDATE SET version = supervision_inputs.version + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER supervision_records_inputs_ins AFTER INSERT ON "supervision_records" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER supervision_records_inputs_upd AFTER UPDATE ON "supervision_records" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER supervision_records_inputs_del AFTER DELETE ON "supervision_records" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER leave_requests_inputs_ins AFTER INSERT ON "leave_requests" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER leave_requests_inputs_upd AFTER UPDATE ON "leave_requests" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER leave_requests_inputs_del AFTER DELETE ON "leave_requests" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER supervision_absences_inputs_ins AFTER INSERT ON "supervision_absences" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER supervision_absences_inputs_upd AFTER UPDATE ON "supervision_absences" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER supervision_absences_inputs_del AFTER DELETE ON "supervision_absences" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER measures_inputs_ins AFTER INSERT ON "measures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER measures_inputs_upd AFTER UPDATE ON "measures" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
--> statement-breakpoint
CREATE TRIGGER measures_inputs_del AFTER DELETE ON "measures" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_inputs_touch();
