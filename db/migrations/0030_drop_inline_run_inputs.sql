-- Issue 13.11: the inputs live in match_inputs since 0029.
ALTER TABLE "match_run_inputs" DROP COLUMN "input";
