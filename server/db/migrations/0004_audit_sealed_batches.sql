CREATE TABLE "audit_batches" (
	"batch" bigint PRIMARY KEY NOT NULL,
	"first_id" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"row_count" integer NOT NULL,
	"absent" jsonb NOT NULL,
	"leaves" text NOT NULL,
	"root" text NOT NULL,
	"prev_head" text NOT NULL,
	"head" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"sealed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_batches_last_id_idx" ON "audit_batches" USING btree ("last_id");--> statement-breakpoint
-- Custom SQL (not generated): the sealed batches are append-only like the trail itself (RULES P7).
CREATE FUNCTION audit_batches_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_batches is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_batches_no_update BEFORE UPDATE OR DELETE ON "audit_batches" FOR EACH ROW EXECUTE FUNCTION audit_batches_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_batches_no_truncate BEFORE TRUNCATE ON "audit_batches" FOR EACH STATEMENT EXECUTE FUNCTION audit_batches_append_only();
