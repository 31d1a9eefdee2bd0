ALTER TABLE "vacancies" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: when existing vacancies opened was never recorded; created_at is the best value there is.
-- (A draft that was closed without ever opening gets it too: it cannot be told apart any more.)
UPDATE "vacancies" SET "opened_at" = "created_at" WHERE "status" IN ('open', 'filled', 'closed') AND "opened_at" IS NULL;
