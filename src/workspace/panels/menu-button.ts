/**
 * A menu button as the WAI-ARIA Authoring Practices describe it (the console's "Actions"): the
 * button opens a `role="menu"` list; arrow keys, Home and End move between items, Enter or Space
 * chooses one, Escape closes and gives focus back to the button, Tab closes and moves on.
 */
import { h, id } from '../dom.ts';

export interface MenuItem {
  label: string;
  /** `data-action` of the item, for tests and styles. */
  action: string;
  /** Why the item can't be chosen now; the item is then aria-disabled and says so in its title. */
  disabledReason?: () => string | undefined;
  onSelect(): void;
}

export function menuButton(label: string, items: readonly MenuItem[], attrs: Record<string, string> = {}): HTMLElement {
  const menuId = id('menu');
  const button = h('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId, class: 'wb-menu-button', ...attrs }, label);
  button.id = id('menubutton');
  const entries = items.map((item) => {
    const li = h('li', { role: 'menuitem', tabindex: -1, 'data-action': item.action }, item.label);
    li.addEventListener('click', () => choose(item, li));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose(item, li);
      }
    });
    return { item, li };
  });
  const menu = h('ul', { role: 'menu', id: menuId, 'aria-labelledby': button.id, class: 'wb-menu', hidden: true }, ...entries.map((e) => e.li));
  const wrap = h('div', { class: 'wb-menu-wrap' }, button, menu);

  const isOpen = () => !menu.hidden;
  function openMenu(focus: 'first' | 'last'): void {
    for (const { item, li } of entries) {
      const reason = item.disabledReason?.();
      if (reason) {
        li.setAttribute('aria-disabled', 'true');
        li.title = reason;
      } else {
        li.removeAttribute('aria-disabled');
        li.removeAttribute('title');
      }
    }
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    entries[focus === 'first' ? 0 : entries.length - 1]!.li.focus();
  }
  function closeMenu(returnFocus: boolean): void {
    if (!isOpen()) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  }
  function choose(item: MenuItem, li: HTMLElement): void {
    if (li.getAttribute('aria-disabled') === 'true') return;
    closeMenu(true);
    item.onSelect();
  }

  button.addEventListener('click', () => (isOpen() ? closeMenu(true) : openMenu('first')));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  });
  menu.addEventListener('keydown', (e) => {
    const at = entries.findIndex((x) => x.li === document.activeElement);
    const move = (i: number) => entries[(i + entries.length) % entries.length]!.li.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(entries.length - 1);
    else if (e.key === 'Escape') closeMenu(true);
    else if (e.key === 'Tab') return closeMenu(false);
    else {
      // Type-ahead: the first item whose label starts with the key.
      const next = e.key.length === 1 ? entries.findIndex((x, i) => i > at && x.item.label.toLowerCase().startsWith(e.key.toLowerCase())) : -1;
      const wrapAround = next < 0 && e.key.length === 1 ? entries.findIndex((x) => x.item.label.toLowerCase().startsWith(e.key.toLowerCase())) : next;
      if (wrapAround >= 0) move(wrapAround);
      else return;
    }
    e.preventDefault();
  });
  wrap.addEventListener('focusout', (e) => {
    if (!wrap.contains(e.relatedTarget as Node | null)) closeMenu(false);
  });
  return wrap;
}
