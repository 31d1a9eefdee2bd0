-- REQUIREMENTS F3 and P3 in the database: a candidate reaches an employer only with a recorded human
-- approval (check constraint on shortlist_candidates) and an active consent to share (this trigger),
-- whatever code path sets shared_at.
CREATE FUNCTION shortlist_share_requires_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.shared_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.shared_at IS NULL) THEN
    IF NOT EXISTS (
      SELECT 1 FROM candidate_consents c
       WHERE c.tenant_id = NEW.tenant_id
         AND c.candidate_id = NEW.candidate_id
         AND c.purpose = 'share_with_employers'
         AND c.withdrawn_at IS NULL
         AND (c.expires_at IS NULL OR c.expires_at > now())
    ) THEN
      RAISE EXCEPTION 'candidate % has no active consent to share with employers', NEW.candidate_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'shortlist_candidates_shared_needs_consent';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER shortlist_candidates_share_consent
  BEFORE INSERT OR UPDATE OF shared_at ON shortlist_candidates
  FOR EACH ROW EXECUTE FUNCTION shortlist_share_requires_consent();
--> statement-breakpoint
-- Withdrawing consent takes the person off every open shortlist at once, before any next share.
CREATE FUNCTION consent_withdrawal_leaves_shortlists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.purpose = 'share_with_employers' AND NEW.withdrawn_at IS NOT NULL AND OLD.withdrawn_at IS NULL THEN
    UPDATE shortlist_candidates sc
       SET removed_at = NEW.withdrawn_at, removed_reason = 'consent_withdrawn', employer_view = NULL, updated_at = NEW.withdrawn_at
      FROM shortlists s
     WHERE sc.tenant_id = NEW.tenant_id
       AND sc.candidate_id = NEW.candidate_id
       AND sc.removed_at IS NULL
       AND s.tenant_id = sc.tenant_id
       AND s.id = sc.shortlist_id
       AND s.status IN ('draft', 'sent');
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER candidate_consents_withdrawal
  AFTER UPDATE OF withdrawn_at ON candidate_consents
  FOR EACH ROW EXECUTE FUNCTION consent_withdrawal_leaves_shortlists();
