import { randomBytes } from 'node:crypto';
import { Layout, type NavItem, type PageContext } from '../pages/components.js';
import { h, type Child, type Html } from '../pages/jsx.js';

/** The employer pages' menu: short words, so that it fits a phone in two lines at most. */
export const WERKGEVER_NAV: NavItem[] = [
  { href: '/werkgever', label: 'Overzicht' },
  { href: '/werkgever/shortlists', label: 'Kandidaten' },
  { href: '/werkgever/vacatures', label: 'Vacatures' },
  { href: '/werkgever/groeiplannen', label: 'Groeiplannen' },
  { href: '/werkgever/medewerkers', label: 'Medewerkers' },
];

/** An employer page: the shared layout with the employer menu. */
export function WerkgeverPage({ ctx, title, children }: { ctx: PageContext; title: string; children?: Child }): Html {
  return (
    <Layout ctx={ctx} title={title} nav={WERKGEVER_NAV}>
      {children}
    </Layout>
  );
}

/**
 * A fresh key for one rendering of a form: sending the same form twice (a double tap, a reload that
 * posts again) records one answer (src/http/idempotency.ts).
 */
export function FormKey(): Html {
  return <input type="hidden" name="_sleutel" value={`form-${randomBytes(16).toString('base64url')}`} />;
}

/** A group of radio buttons or checkboxes with its legend (NL Design System fieldset). */
export function Fieldset({
  legend,
  description,
  id,
  error,
  children,
}: {
  legend: string;
  description?: string;
  id?: string;
  error?: string | undefined;
  children?: Child;
}): Html {
  const describedBy = [description && id ? `${id}-uitleg` : '', error && id ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={id}
      aria-describedby={describedBy}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {description ? (
        <div class="utrecht-form-field-description" id={id ? `${id}-uitleg` : undefined}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field-error-message" id={id ? `${id}-fout` : undefined}>
          {error}
        </div>
      ) : null}
      {children}
    </fieldset>
  );
}

/** One radio button or checkbox with its label. */
export function Choice({
  type,
  name,
  value,
  id,
  checked,
  children,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  value: string;
  id: string;
  checked?: boolean;
  children?: Child;
}): Html {
  return (
    <div class={`utrecht-form-field utrecht-form-field--${type === 'radio' ? 'radio' : 'checkbox'} werkgever-choice`}>
      <input
        class={`utrecht-${type === 'radio' ? 'radio-button' : 'checkbox'} utrecht-${type === 'radio' ? 'radio-button' : 'checkbox'}--html-input`}
        type={type}
        name={name}
        value={value}
        id={id}
        checked={checked}
      />
      <label class={`utrecht-form-label utrecht-form-label--${type}`} for={id}>
        {children}
      </label>
    </div>
  );
}

/** A labelled textarea. */
export function TextArea({
  name,
  label,
  id,
  value,
  description,
  rows = 3,
}: {
  name: string;
  label: string;
  id: string;
  value?: string | null;
  description?: string;
  rows?: number;
}): Html {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-uitleg`}>
          {description}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id={id}
          name={name}
          rows={String(rows)}
          aria-describedby={description ? `${id}-uitleg` : undefined}
        >
          {value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

/** A labelled select. */
export function Select({
  name,
  label,
  id,
  options,
  value,
}: {
  name: string;
  label: string;
  id: string;
  options: Array<{ value: string; label: string }>;
  value?: string | null;
}): Html {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <select class="utrecht-select utrecht-select--html-select" id={id} name={name}>
          {options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
