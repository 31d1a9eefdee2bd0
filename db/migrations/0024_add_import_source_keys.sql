ALTER TABLE "employers" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "source_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "employers_source_key" ON "employers" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_source_key" ON "vacancies" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_source_key" ON "candidates" USING btree ("tenant_id","source_key");

