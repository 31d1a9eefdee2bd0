/*
 * A JSX runtime that renders to an HTML string and escapes by default.
 *
 * Why our own and not a template library: every string child and attribute value is escaped unless
 * it is wrapped in `raw()`, so forgetting a flag cannot open an XSS hole (with @kitajs/html a child
 * is only escaped when the element carries `safe`). Components are plain typed functions.
 * Files that use JSX import `{ h, Fragment }` from here (tsconfig: jsx "react", jsxFactory "h").
 */

/** HTML that is already safe (rendered by this runtime, or a trusted constant). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks a trusted string as HTML; never pass user input. */
export function raw(value: string): Html {
  return new Html(value);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** What may appear as a child: text and numbers are escaped; null, undefined and booleans render nothing. */
export type Child = Html | string | number | boolean | null | undefined | readonly Child[];

type AttributeValue = string | number | boolean | null | undefined;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function renderChild(child: Child, out: string[]): void {
  if (child === null || child === undefined || typeof child === 'boolean') return;
  if (child instanceof Html) out.push(child.value);
  else if (Array.isArray(child)) for (const item of child as readonly Child[]) renderChild(item, out);
  else out.push(escapeHtml(String(child)));
}

/** An attribute's text: strings and numbers as they are; anything else is a mistake in the page. */
function attributeText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new Error(`attribute value ${typeof value} is not text`);
}

function renderAttributes(attributes: Record<string, unknown>): string {
  let result = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'children' || value === null || value === undefined || value === false) continue;
    // The CSP forbids style attributes; refuse them here so that a page never silently breaks.
    if (name === 'style' || name.startsWith('on')) throw new Error(`attribute ${name} is not allowed (strict CSP)`);
    const attribute = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
    result += value === true ? ` ${attribute}` : ` ${attribute}="${escapeHtml(attributeText(value))}"`;
  }
  return result;
}

type Component<P> = (props: P) => Html;

/** The JSX factory (classic runtime). */
export function h(tag: string | Component<Record<string, unknown>>, attributes: Record<string, unknown> | null, ...children: Child[]): Html {
  if (typeof tag === 'function') {
    return tag({ ...(attributes ?? {}), children: children.length === 1 ? children[0] : children });
  }
  const out: string[] = [`<${tag}${renderAttributes(attributes ?? {})}>`];
  if (VOID_ELEMENTS.has(tag)) return new Html(out[0]!);
  for (const child of children) renderChild(child, out);
  out.push(`</${tag}>`);
  return new Html(out.join(''));
}

export function Fragment(props: { children?: Child }): Html {
  const out: string[] = [];
  renderChild(props.children, out);
  return new Html(out.join(''));
}

/** A whole document: the doctype and the rendered root. */
export function renderDocument(root: Html): string {
  return `<!doctype html>${root.value}`;
}

type Attributes = { [name: string]: AttributeValue | Child; children?: Child };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicElements {
      [tag: string]: Attributes;
    }
  }
}
