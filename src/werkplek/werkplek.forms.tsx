import { z } from 'zod';
import { inFormOrder } from '../pages/components.js';
import { h, type Child, type Html } from '../pages/jsx.js';
import { dutchValidationMessage } from '../schemas/messages.js';

/*
 * Form fields of the werkplek (NL Design System classes, labelled, errors linked with
 * aria-describedby) and the zod pieces that read url-encoded form values: an empty field is
 * "not given", a checkbox group sends one value or many, numbers arrive as text.
 */

type Option = { value: string; label: string };

function describedBy(id: string, description?: string, error?: string): string | undefined {
  return [description ? `${id}-uitleg` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldText({ id, description, error }: { id: string; description?: string | undefined; error?: string | undefined }): Html {
  return (
    <span>
      {description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-uitleg`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      ) : null}
    </span>
  );
}

/** A labelled select; `empty` adds a first option without a value ("not chosen"). */
export function SelectField({
  name,
  label,
  options,
  value,
  empty,
  description,
  error,
  id = `veld-${name}`,
  labelLang,
}: {
  name: string;
  label: string;
  /** The label's language where it is not the page's (lang="en" for an English concept label). */
  labelLang?: string | undefined;
  options: Option[];
  value?: string | null | undefined;
  empty?: string;
  description?: string;
  error?: string | undefined;
  id?: string;
}): Html {
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id} lang={labelLang}>
          {label}
        </label>
      </div>
      <FieldText id={id} description={description} error={error} />
      <div class="utrecht-form-field__input">
        <select
          class="utrecht-select utrecht-select--html-select"
          id={id}
          name={name}
          aria-describedby={describedBy(id, description, error)}
          aria-invalid={error ? 'true' : undefined}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((option) => (
            <option value={option.value} selected={option.value === (value ?? '')}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A labelled text area. */
export function TextareaField({
  name,
  label,
  value,
  rows = 3,
  description,
  error,
  id = `veld-${name}`,
}: {
  name: string;
  label: string;
  value?: string | null | undefined;
  rows?: number;
  description?: string;
  error?: string | undefined;
  id?: string;
}): Html {
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      <FieldText id={id} description={description} error={error} />
      <div class="utrecht-form-field__input">
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id={id}
          name={name}
          rows={String(rows)}
          aria-describedby={describedBy(id, description, error)}
          aria-invalid={error ? 'true' : undefined}
        >
          {value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

/** A labelled input with a given id (for repeated rows, where the name repeats). */
export function InputField({
  name,
  label,
  value,
  type = 'text',
  id = `veld-${name}`,
  description,
  error,
  min,
  max,
  step,
  required,
  inputmode,
}: {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  type?: 'text' | 'number' | 'date' | 'time' | 'email' | 'search';
  id?: string;
  description?: string | undefined;
  error?: string | undefined;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  required?: boolean;
  inputmode?: string;
}): Html {
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      <FieldText id={id} description={description} error={error} />
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${type === 'number' ? ' utrecht-textbox--numeric' : ''}${error ? ' utrecht-textbox--invalid' : ''}`}
          id={id}
          name={name}
          type={type}
          value={value ?? undefined}
          min={min}
          max={max}
          step={step}
          required={required}
          inputmode={inputmode}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, description, error)}
        />
      </div>
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup({
  name,
  legend,
  options,
  chosen,
  type = 'radio',
  idPrefix = name,
  description,
  error,
}: {
  name: string;
  legend: Child;
  options: Option[];
  chosen: readonly string[];
  type?: 'radio' | 'checkbox';
  idPrefix?: string;
  description?: string;
  error?: string | undefined;
}): Html {
  const id = `groep-${idPrefix}`;
  return (
    <fieldset class={`utrecht-form-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={describedBy(id, description, error)}>
      <legend class="utrecht-form-fieldset__legend">{legend}</legend>
      <FieldText id={id} description={description} error={error} />
      {options.map((option) => (
        <div class={`utrecht-form-field utrecht-form-field--${type}`}>
          <input
            class={`utrecht-${type === 'radio' ? 'radio-button utrecht-radio-button--html-input' : 'checkbox utrecht-checkbox--html-input'}`}
            type={type}
            id={`${idPrefix}-${option.value}`}
            name={name}
            value={option.value}
            checked={chosen.includes(option.value)}
          />{' '}
          <label class={`utrecht-form-label utrecht-form-label--${type}`} for={`${idPrefix}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Options from a code → label map, in the map's order. */
export function optionsOf(labels: Record<string, string>, codes: readonly string[] = Object.keys(labels)): Option[] {
  return codes.map((code) => ({ value: code, label: labels[code] ?? code }));
}

/** A form text: trimmed; empty is "not given". */
export const formText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.trim())
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** A whole number typed in a form; empty is "not given". */
export const formInt = (min: number, max: number) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.coerce.number().int().min(min).max(max).optional());

/** One value or many (checkbox groups, repeated rows): always a list. */
export const formList = <T extends z.ZodType>(item: T, max = 100) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]), z.array(item).max(max));

/** The CSRF field is checked before validation; bodies still list it so that strict parsing passes. */
export const csrfField = { _csrf: z.string() };

/** Field errors of a failed parse, by dotted path ("shifts.0.start"), in plain Dutch. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    errors[path] =
      issue.code === 'custom' && issue.message
        ? issue.message
        : // A form offers its choices by name; the API's codes for them ("logistics") mean nothing here.
          issue.code === 'invalid_value'
          ? 'Kies een van de mogelijkheden.'
          : dutchValidationMessage(issue);
  }
  return errors;
}

/**
 * Field errors as one list to show above a form (with the field names people read). With `hrefOf`,
 * each line links to its field (the NL Design System error summary), so keyboard users jump there;
 * with `form` as well, the lines come in the order of the fields in that form.
 */
export function ErrorSummary({
  errors,
  names = {},
  hrefOf,
  form,
}: {
  errors: Record<string, string>;
  names?: Record<string, string>;
  hrefOf?: (path: string) => string;
  form?: Html;
}): Html {
  const entries = form && hrefOf ? inFormOrder(Object.entries(errors), form, (path) => hrefOf(path).replace(/^#/, '')) : Object.entries(errors);
  if (entries.length === 0) return <span></span>;
  const nameOf = (path: string) => names[path] ?? names[path.split('.')[0] ?? ''] ?? '';
  return (
    // Focused when the page loads (it only shows after a form was sent): see Alert's `focus`.
    <div class="utrecht-alert utrecht-alert--error" role="alert" aria-labelledby={hrefOf ? 'foutenoverzicht-kop' : undefined} tabindex="-1" autofocus>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <p class="utrecht-paragraph" id={hrefOf ? 'foutenoverzicht-kop' : undefined}>
            Er gaat iets mis. Kijk naar deze punten:
          </p>
          <ul class="utrecht-unordered-list">
            {entries.map(([path, message]) => (
              <li class="utrecht-unordered-list__item">
                {hrefOf ? (
                  <a class="utrecht-link utrecht-link--html-a" href={hrefOf(path)}>
                    {nameOf(path)}
                    {nameOf(path) ? ': ' : ''}
                    {message}
                  </a>
                ) : (
                  <span>
                    {nameOf(path)}
                    {nameOf(path) ? ': ' : ''}
                    {message}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
