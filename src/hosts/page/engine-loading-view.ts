/**
 * A first Python start in a browser downloads Pyodide (CPython compiled to WebAssembly, about
 * 14 MB): shown as a progress bar inside what waits for it (the Test tab's result, a Try-it's
 * output), then gone. The browser caches the files, so a later visit shows it only briefly.
 */
import type { PageEmulator } from './page-emulator.ts';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** Starts showing downloads in `container`; call the returned function when the invocation ends. */
export function showEngineLoading(emulator: Pick<PageEmulator, 'onEngineLoading'>, container: HTMLElement): () => void {
  let box: HTMLElement | undefined;
  let progress: HTMLProgressElement | undefined;
  let figures: HTMLElement | undefined;
  const stopHearing = emulator.onEngineLoading((loading) => {
    if (!box) {
      box = document.createElement('div');
      box.className = 'wb-engine-loading';
      box.dataset.engineLoading = '';
      // Said once to a screen reader; the bar carries the figures for whoever asks.
      const message = document.createElement('p');
      message.setAttribute('role', 'status');
      message.textContent = 'Downloading Python for its first start in this browser (Pyodide: CPython compiled to WebAssembly). Later runs start from the browser cache.';
      progress = document.createElement('progress');
      progress.setAttribute('aria-label', 'Python download');
      figures = document.createElement('span');
      figures.setAttribute('aria-hidden', 'true');
      box.append(message, progress, figures);
      container.append(box);
    }
    if (loading.totalBytes > 0) {
      progress!.max = loading.totalBytes;
      progress!.value = Math.min(loading.loadedBytes, loading.totalBytes);
    } else progress!.removeAttribute('value');
    figures!.textContent = loading.done
      ? ` ${mb(loading.loadedBytes)} downloaded; starting Python…`
      : ` ${mb(loading.loadedBytes)}${loading.totalBytes > 0 ? ` of ${mb(loading.totalBytes)}` : ''}`;
  });
  return () => {
    stopHearing();
    box?.remove();
  };
}
