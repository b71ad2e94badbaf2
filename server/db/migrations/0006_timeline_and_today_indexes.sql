DROP INDEX "supervision_records_person_idx";--> statement-breakpoint
CREATE INDEX "supervision_tasks_todo_open_idx" ON "supervision_tasks" USING btree ("person_id","due_date") WHERE open and state in ('due', 'overdue');--> statement-breakpoint
CREATE INDEX "supervision_records_person_idx" ON "supervision_records" USING btree ("person_id","date","recorded_at","id");