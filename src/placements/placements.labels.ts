/** Dutch words (B1) for the placement codes people read: in a person's history and on werkplek pages. */
export const DROPOUT_REASON_LABELS: Record<string, string> = {
  health: 'gezondheid',
  childcare: 'kinderopvang',
  conflict_at_work: 'conflict op het werk',
  travel: 'reizen',
  contract_ended: 'contract afgelopen',
  mismatch_tasks: 'het werk paste niet',
  personal_circumstances: 'persoonlijke omstandigheden',
  other: 'anders',
};

/** "Gaat het goed?": the employer's answer at a check-in (issue 15.5). */
export const CHECK_IN_GOING_WELL_LABELS: Record<string, string> = { yes: 'ja', partly: 'een beetje', no: 'nee' };
