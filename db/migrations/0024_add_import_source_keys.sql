-- vacancies.source_key and its index come with 0023 (one key column for both imports: a JobPosting's
-- prefixed identifier, a case system's vacancy number), unique per tenant and employer.
ALTER TABLE "employers" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "source_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "employers_source_key" ON "employers" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_source_key" ON "candidates" USING btree ("tenant_id","source_key");

