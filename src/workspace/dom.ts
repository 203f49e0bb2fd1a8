/** A few DOM helpers, so panels read as markup rather than createElement chains. */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else if (key in el && typeof value !== 'string') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(typeof c === 'number' ? String(c) : c);
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

let uid = 0;
/** A page-unique id for label/aria wiring. */
export function id(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: returns the wrapper and the control. */
export function field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(label: string, control: T, hint?: string): HTMLElement {
  control.id ||= id('f');
  const hintId = hint ? id('hint') : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const text = h('label', { for: control.id }, label);
  // A checkbox goes before its label, on the same line, as forms draw them.
  if (control.tagName === 'INPUT' && (control as HTMLInputElement).type === 'checkbox') return h('div', { class: 'wb-field wb-check' }, control, text, hint ? h('small', { id: hintId }, hint) : null);
  return h('div', { class: 'wb-field' }, text, control, hint ? h('small', { id: hintId }, hint) : null);
}

export function select(options: readonly (string | [value: string, label: string])[], value?: string): HTMLSelectElement {
  const el = h('select', {});
  for (const o of options) {
    const [v, l] = typeof o === 'string' ? [o, o] : o;
    el.append(h('option', { value: v, selected: v === value }, l));
  }
  return el;
}

/** Announces a message to screen readers through the workspace's live region. */
export function announce(message: string): void {
  const region = document.getElementById('wb-live');
  if (region) region.textContent = message;
}

/**
 * Shows an error right beside the control that caused it (inside its field, or after its row of
 * buttons), ties it to the control with aria-describedby and announces it: a learner looking at the
 * control, or listening, gets the reason where they acted.
 */
export function showError(control: HTMLElement, message: string): HTMLElement {
  control.id ||= id('c');
  const errorId = `${control.id}-error`;
  let el = document.getElementById(errorId);
  if (!el) {
    el = h('p', { id: errorId, class: 'wb-error wb-inline-error', 'data-inline-error': control.id });
    const field = control.closest('.wb-field');
    const row = control.closest('.wb-row');
    if (field) field.append(el);
    else if (row) row.after(el);
    else control.after(el);
  }
  el.textContent = message;
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  if (!described.includes(errorId)) control.setAttribute('aria-describedby', [...described, errorId].join(' '));
  if (!(control instanceof HTMLButtonElement)) control.setAttribute('aria-invalid', 'true');
  announce(message);
  return el;
}

/** Removes the error showError put beside a control. */
export function clearError(control: HTMLElement): void {
  if (!control.id) return;
  const errorId = `${control.id}-error`;
  document.getElementById(errorId)?.remove();
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== errorId);
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  else control.removeAttribute('aria-describedby');
  control.removeAttribute('aria-invalid');
}
