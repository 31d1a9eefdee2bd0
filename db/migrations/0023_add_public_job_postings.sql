ALTER TABLE "vacancies" ADD COLUMN "public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "valid_through" date;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "salary" jsonb;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "source_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_source_key" ON "vacancies" USING btree ("tenant_id","employer_id","source_key");--> statement-breakpoint
CREATE INDEX "vacancies_public_idx" ON "vacancies" USING btree ("tenant_id","id") WHERE "vacancies"."public" and "vacancies"."status" = 'open';
