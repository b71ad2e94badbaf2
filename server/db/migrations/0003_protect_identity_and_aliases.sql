DROP INDEX "persons_last4_idx";--> statement-breakpoint
ALTER TABLE "dictionary_entries" ADD COLUMN "aliases" text[];--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_last4_index" text;--> statement-breakpoint
CREATE INDEX "persons_last4_index_idx" ON "persons" USING btree ("id_last4_index");--> statement-breakpoint
ALTER TABLE "persons" DROP COLUMN "id_last4";