CREATE TABLE "assessment_rules" (
	"org_unit_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"milestone_share" numeric NOT NULL,
	"milestone_points" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_rules" ADD CONSTRAINT "assessment_rules_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;