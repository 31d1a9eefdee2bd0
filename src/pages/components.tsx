import { pageAssets, themeVersion, type TenantTheme } from './assets.js';
import { Fragment, h, type Child, type Html } from './jsx.js';
import type { PagePrincipal } from './sessions.service.js';

/** What every page handler renders with: who is signed in, the form token, the tenant's look. */
export type PageContext = {
  principal: PagePrincipal | null;
  /** The CSRF token for this browser's forms (bound to the session, or to an anonymous cookie before sign-in). */
  csrfToken: string;
  theme: TenantTheme;
  /** The path asked for (nav highlights it). */
  path: string;
};

export type NavItem = { href: string; label: string };

/** The page frame: NL Design System page with the tenant's header, navigation, main and footer. */
export function Layout({ ctx, title, nav = [], children }: { ctx: PageContext; title: string; nav?: NavItem[]; children?: Child }): Html {
  const assets = pageAssets();
  const themeId = ctx.theme.tenantId ?? 'standaard';
  const version = themeVersion(ctx.theme);
  return (
    <html lang="nl" class="utrecht-theme kansrijk-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${ctx.theme.name}`}</title>
        <link rel="stylesheet" href={assets.tokens.path} />
        <link rel="stylesheet" href={assets.components.path} />
        <link rel="stylesheet" href={assets.app.path} />
        <link rel="stylesheet" href={`/assets/thema/${themeId}/thema.css?v=${version}`} />
        <script src={assets.script.path} defer></script>
        <link rel="icon" href={assets.icon.path} type="image/svg+xml" />
      </head>
      <body class="utrecht-page-body utrecht-document kansrijk-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus kansrijk-skip" href="#inhoud">
          Naar de inhoud
        </a>
        <header class="utrecht-page-header kansrijk-page-header">
          <div class="kansrijk-wrap kansrijk-header">
            <a class="kansrijk-brand" href={ctx.principal ? '/' : '/inloggen'}>
              {ctx.theme.logoSvg ? <img src={`/assets/thema/${themeId}/logo.svg?v=${version}`} alt="" /> : null}
              <span>{ctx.theme.name}</span>
            </a>
            {ctx.principal ? (
              <div class="kansrijk-user">
                <span>Ingelogd als {ctx.principal.name}</span>
                <form method="post" action="/uitloggen" class="kansrijk-inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    Uitloggen
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        {nav.length > 0 ? (
          <nav class="utrecht-nav-bar kansrijk-nav" aria-label="Hoofdmenu">
            <div class="kansrijk-wrap">
              <ul class="utrecht-nav-list">
                {nav.map((item) => (
                  <li class="utrecht-nav-list__item">
                    <a class="utrecht-nav-list__link" href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
        <main id="inhoud" class="kansrijk-wrap kansrijk-main kansrijk-stack" tabindex="-1">
          {children}
        </main>
        <footer class="utrecht-page-footer kansrijk-page-footer">
          <div class="kansrijk-wrap kansrijk-footer">
            <p class="utrecht-paragraph">{ctx.theme.name} werkt met Kansrijk: werk vinden op basis van wat iemand kan en wil.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  const bare = path.split('?')[0] ?? path;
  return bare === href || (href.split('/').length > 2 && bare.startsWith(`${href}/`));
}

/** The hidden CSRF field every form carries (REQUIREMENTS A8). */
export function CsrfField({ ctx }: { ctx: PageContext }): Html {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** A form with its CSRF token; method POST (a GET form needs no token: use a plain <form>). */
export function PostForm({
  ctx,
  action,
  confirm,
  children,
  className,
}: {
  ctx: PageContext;
  action: string;
  confirm?: string;
  className?: string;
  children?: Child;
}): Html {
  return (
    <form method="post" action={action} data-confirm={confirm} class={className}>
      <CsrfField ctx={ctx} />
      {children}
    </form>
  );
}

export function Heading({ level = 1, children }: { level?: 1 | 2 | 3 | 4; children?: Child }): Html {
  const tag = `h${level}`;
  return h(tag, { class: `utrecht-heading-${level}` }, children ?? null);
}

/**
 * A wide table's scroll region: at 320 px it scrolls sideways, so it takes the keyboard focus (with
 * a visible ring) and can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
export function TableScroll({ children }: { children?: Child }): Html {
  return (
    <div class="kansrijk-table-scroll" tabindex="0">
      {children}
    </div>
  );
}

export function Paragraph({ children, lead }: { children?: Child; lead?: boolean }): Html {
  return <p class={lead ? 'utrecht-paragraph utrecht-paragraph--lead' : 'utrecht-paragraph'}>{children}</p>;
}

/**
 * Errors in the order their fields have in `form` (the form's markup, rendered before the list):
 * where the element each one links to (`targetOf`, an id) stands. Validation reports in the order of
 * its schema, which is not the order people fill in; what links nowhere in the form goes last.
 */
export function inFormOrder<Entry extends [string, string]>(entries: Entry[], form: Html, targetOf: (field: string) => string): Entry[] {
  const at = (field: string) => {
    const position = form.value.indexOf(`id="${targetOf(field)}"`);
    return position < 0 ? Number.MAX_SAFE_INTEGER : position;
  };
  return entries
    .map((entry) => ({ entry, at: at(entry[0]) }))
    .sort((a, b) => a.at - b.at)
    .map(({ entry }) => entry);
}

/**
 * A message box. `focus`: the box takes the focus when the page loads (an error summary after a form
 * was sent: keyboard and screen-reader users start at what went wrong, not at the top of the page).
 */
export function Alert({ type = 'info', focus = false, children }: { type?: 'info' | 'ok' | 'warning' | 'error'; focus?: boolean; children?: Child }): Html {
  return (
    <div
      class={`utrecht-alert utrecht-alert--${type}`}
      role={type === 'error' || type === 'warning' ? 'alert' : 'status'}
      tabindex={focus ? '-1' : undefined}
      autofocus={focus}
    >
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children?: Child;
  variant?: 'primary' | 'secondary' | 'subtle';
  name?: string;
  value?: string;
}): Html {
  return (
    <button type="submit" class={`utrecht-button utrecht-button--${variant === 'subtle' ? 'subtle' : `${variant}-action`}`} name={name} value={value}>
      {children}
    </button>
  );
}

export function Link({ href, children }: { href: string; children?: Child }): Html {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={href}>
      {children}
    </a>
  );
}

/** A labelled text input with an optional description and error (linked with aria-describedby). */
export function TextField({
  name,
  label,
  value,
  type = 'text',
  description,
  error,
  required,
  autocomplete,
  inputmode,
  maxlength,
}: {
  name: string;
  label: string;
  value?: string | number | null;
  type?: 'text' | 'email' | 'search' | 'number' | 'date' | 'time' | 'datetime-local' | 'tel';
  description?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  /** The most the route's schema takes: the browser stops there instead of the server refusing the page. */
  maxlength?: number;
}): Html {
  const id = `veld-${name}`;
  const describedBy = [description ? `${id}-uitleg` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
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
      {error ? (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
          id={id}
          name={name}
          type={type}
          value={value ?? undefined}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          autocomplete={autocomplete}
          inputmode={inputmode}
          maxlength={maxlength}
        />
      </div>
    </div>
  );
}

export { Fragment };
