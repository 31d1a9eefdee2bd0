import { Button } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import type { TaxonomyService } from '../taxonomy/taxonomy.service.js';
import { Choice, Fieldset } from './werkgever.layout.js';

/*
 * Picking an occupation without JavaScript (issue 14 and 15): a submit button sends the form as it
 * is, the page answers with the taxonomy look-up's suggestions (the service behind
 * GET /v1/taxonomy/occupations?q=) as radio buttons, with "Geen van deze". Shared by the vacancy
 * form (employer pages and werkplek) and the first step of the werkplek intake; each words its own
 * notices (an employer is "u", a colleague "je").
 */

/** An occupation as the pick shows it: its URI, and its Dutch label (English where ESCO has none yet). */
export type OccupationHit = { uri: string; label: string; labelLanguage: 'nl' | 'en' };

/**
 * Occupations for the words typed, at most `max`: ESCO occupations only (ISCO groups, the
 * look-up's broader answers, are left out, so two more are asked for). `none` when nothing fits,
 * `unavailable` when the search server cannot answer.
 */
export async function lookUpOccupations(
  taxonomy: TaxonomyService,
  q: string,
  max: number,
): Promise<{ hits: OccupationHit[] } | { problem: 'none' | 'unavailable' }> {
  try {
    const found = await taxonomy.searchOccupations({ q, limit: max + 2 });
    const hits = found.items
      .filter((item) => item.kind === 'occupation')
      .slice(0, max)
      .map((item) => ({ uri: item.uri, label: item.label, labelLanguage: item.labelLanguage }));
    return hits.length > 0 ? { hits } : { problem: 'none' };
  } catch {
    return { problem: 'unavailable' };
  }
}

/** The labels of chosen occupations by URI (those no longer in the taxonomy are left out). */
export async function occupationLabels(
  taxonomy: TaxonomyService,
  tenantId: string,
  uris: readonly string[],
): Promise<Record<string, Pick<OccupationHit, 'label' | 'labelLanguage'>>> {
  const labels: Record<string, Pick<OccupationHit, 'label' | 'labelLanguage'>> = {};
  for (const uri of uris) {
    const found = await taxonomy.getOccupation(uri.split('/').pop() ?? '', tenantId).catch(() => null);
    if (found?.uri === uri) labels[uri] = { label: found.label, labelLanguage: found.labelLanguage };
  }
  return labels;
}

/** A label in its own language: English ESCO labels are marked for screen readers. */
export function OccupationLabel({ hit }: { hit: Pick<OccupationHit, 'label' | 'labelLanguage'> }): Html {
  return hit.labelLanguage === 'en' ? <span lang="en">{hit.label}</span> : <Fragment>{hit.label}</Fragment>;
}

/**
 * The suggestions as radio buttons in a fieldset, "Geen van deze" last (chosen when nothing else
 * is), and a button that sends the pick (`name=value` of `button`) without saving the form.
 */
export function OccupationChoices({
  name,
  legend,
  id,
  hits,
  chosen,
  error,
  button,
}: {
  name: string;
  legend: string;
  /** The fieldset's id (error links point here); each option's id is `<name>-<end of its URI>`. */
  id: string;
  hits: readonly OccupationHit[];
  chosen: string | undefined;
  error?: string | undefined;
  button: { name: string; value: string; label: string };
}): Html {
  return (
    <Fieldset legend={legend} id={id} error={error}>
      {hits.map((hit) => (
        <Choice type="radio" name={name} value={hit.uri} id={`${name}-${hit.uri.split('/').pop()}`} checked={chosen === hit.uri}>
          <OccupationLabel hit={hit} />
        </Choice>
      ))}
      <Choice type="radio" name={name} value="" id={`${name}-geen`} checked={!hits.some((hit) => hit.uri === chosen)}>
        Geen van deze
      </Choice>
      <Button variant="secondary" name={button.name} value={button.value}>
        {button.label}
      </Button>
    </Fieldset>
  );
}
