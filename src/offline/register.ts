/**
 * Loaded on every built page (service-worker-build.ts injects it): registers the service worker
 * that keeps the workbook working offline, and announces a new version when one is waiting.
 * The page reloads only when the learner presses Reload, after every waiting save is written:
 * progress lives in localStorage, which a reload never clears.
 */
import type { Workbox } from 'workbox-window';
import { flushPendingSaves } from '../progress/pending-saves.ts';

export const UPDATE_MESSAGE = 'A new version of the workbook is ready —';

function registerServiceWorker(): void {
  // The dev server serves no sw.js, and a worker there would cache modules that change on every edit.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const region = announcementRegion();
  const start = () =>
    void import('workbox-window')
      .then(({ Workbox }) => {
        const wb = new Workbox('/sw.js');
        // 'waiting' also fires on a load that finds an update already installed by an earlier page.
        wb.addEventListener('waiting', () => offerReload(region, () => reloadIntoNewVersion(wb)));
        return wb.register();
      })
      .catch(() => {
        /* no service worker (private mode, blocked by policy): the workbook still works online */
      });
  // Once the page has loaded, as Workbox advises: the worker's library (8 KB) and its precaching
  // never compete with the page's first paint.
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}

/** The polite live region the announcement is written into: present from the start, so screen readers notice the change. */
function announcementRegion(): HTMLElement {
  const region = document.createElement('div');
  region.className = 'wb-update';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.dataset['updateRegion'] = '';
  document.body.append(region);
  return region;
}

function offerReload(region: HTMLElement, reload: () => void): void {
  if (region.querySelector('[data-update-reload]')) return;
  const text = document.createElement('span');
  text.textContent = `${UPDATE_MESSAGE} `;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'wb-primary';
  button.dataset['updateReload'] = '';
  button.textContent = 'Reload';
  button.addEventListener('click', () => {
    button.disabled = true;
    reload();
  });
  region.replaceChildren(text, button);
  region.classList.add('wb-update-shown');
}

/** Saves first, then lets the waiting worker take over, and reloads once it controls the page. */
function reloadIntoNewVersion(wb: Workbox): void {
  flushPendingSaves();
  wb.addEventListener('controlling', () => {
    flushPendingSaves();
    location.reload();
  });
  wb.messageSkipWaiting();
}

registerServiceWorker();
