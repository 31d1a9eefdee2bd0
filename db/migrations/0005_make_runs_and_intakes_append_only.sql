-- Ranking runs (F2) are written once: no update, delete or truncate. Intake answers are stored as
-- given: no update (erasure of a person removes them through the candidate's cascade delete).
CREATE TRIGGER match_runs_append_only
  BEFORE UPDATE OR DELETE ON match_runs
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER match_runs_no_truncate
  BEFORE TRUNCATE ON match_runs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER intakes_no_update
  BEFORE UPDATE ON intakes
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
