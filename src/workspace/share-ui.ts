/**
 * The console's share controls: "Share function" and "Share test event" make a link whose
 * fragment holds the code, configuration or event (share.ts); opening such a link asks first
 * ("Import shared function X?") and then creates the function in the learner's account or saves
 * the event. Nothing is sent anywhere: the fragment never leaves the browser.
 */
import { CreateFunctionCommand, GetFunctionConfigurationCommand, GetFunctionCommand, type Runtime } from '@aws-sdk/client-lambda';
import { limits, zip } from '../emulator/index.ts';
import { h, id } from './dom.ts';
import { describeError, type Ctx } from './context.ts';
import { decodeShare, encodeShare, SHARE_FORMAT, type Shared, type SharedFunction } from './share.ts';
import { createConsoleRole, currentFunction, NO_FUNCTION_YET } from './panels/function-bar.ts';
import { filesHash } from '../progress/workspace-state.ts';

function linkFor(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}${fragment}`;
}

/** Shows a made link, with a Copy button (the clipboard may be refused; the field can always be copied by hand). */
function showLink(ctx: Ctx, what: string, link: string): void {
  const heading = id('wb-share');
  const input = h('input', { type: 'text', readonly: true, value: link, 'data-share-link': '', 'aria-describedby': `${heading}-note` });
  const copied = h('p', { role: 'status' });
  const copy = h('button', { type: 'button', class: 'wb-primary', 'data-action': 'copy-share-link' }, 'Copy link');
  copy.addEventListener('click', () => {
    input.select();
    navigator.clipboard?.writeText(link).then(
      () => (copied.textContent = 'Copied.'),
      () => (copied.textContent = 'Your browser did not allow copying: select the link and copy it yourself.'),
    );
  });
  const dialog = h(
    'dialog',
    { class: 'wb-dialog', 'aria-labelledby': heading, 'data-share-dialog': '' },
    h('h2', { id: heading }, `Share ${what}`),
    h('p', { id: `${heading}-note` }, `Everything is in the link itself (after the #), compressed: nothing is uploaded or sent anywhere. Whoever opens it sees ${what} and is asked before anything is imported.`),
    h('label', { for: (input.id ||= id('f')) }, 'Link'),
    input,
    copied,
    h('div', { class: 'wb-row' }, copy, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  input.select();
  ctx.status(`Made a link that shares ${what}.`, 'success');
}

async function shareFunction(ctx: Ctx): Promise<void> {
  const name = currentFunction(ctx);
  if (name === undefined) return ctx.status(NO_FUNCTION_YET, 'error');
  const config = await ctx.run(`Reading ${name}`, () => ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })));
  if (config === undefined) return;
  const env = config.Environment?.Variables;
  const shared: SharedFunction = {
    v: SHARE_FORMAT,
    kind: 'function',
    name,
    // The editor's files: what the learner reads and edits (deploy first to share what runs).
    files: { ...ctx.state.files },
    config: {
      Runtime: config.Runtime ?? 'nodejs22.x',
      Handler: config.Handler ?? 'index.handler',
      ...(config.Description ? { Description: config.Description } : {}),
      ...(config.Timeout !== undefined ? { Timeout: config.Timeout } : {}),
      ...(config.MemorySize !== undefined ? { MemorySize: config.MemorySize } : {}),
      ...(config.EphemeralStorage?.Size !== undefined ? { EphemeralStorageSize: config.EphemeralStorage.Size } : {}),
      ...(config.Architectures?.[0] ? { Architectures: [config.Architectures[0] as 'x86_64' | 'arm64'] as ['x86_64' | 'arm64'] } : {}),
      ...(env && Object.keys(env).length > 0 ? { Environment: { ...env } } : {}),
    },
    events: ctx.state.testEvents.map((e) => ({ ...e })),
  };
  const made = encodeShare(shared);
  if (!made.ok) return ctx.status(`No link was made: ${made.reason}.`, 'error');
  showLink(ctx, `the function ${name}`, linkFor(made.fragment));
}

function shareEvent(ctx: Ctx): void {
  const event = ctx.state.testEvents.find((e) => e.name === ctx.state.selectedEvent) ?? ctx.state.testEvents[0];
  if (event === undefined) return ctx.status('There is no saved test event to share: save one on the Test tab first.', 'error');
  const made = encodeShare({ v: SHARE_FORMAT, kind: 'event', name: event.name, json: event.json });
  if (!made.ok) return ctx.status(`No link was made: ${made.reason}.`, 'error');
  showLink(ctx, `the test event ${event.name}`, linkFor(made.fragment));
}

export function shareControls(ctx: Ctx): HTMLElement[] {
  return [
    h('button', { type: 'button', 'data-action': 'share-function', onclick: () => void shareFunction(ctx) }, 'Share function'),
    h('button', { type: 'button', 'data-action': 'share-event', onclick: () => shareEvent(ctx) }, 'Share test event'),
  ];
}

/** Asks before importing: a modal dialog listing exactly what the link holds. */
function askToImport(title: string, details: (HTMLElement | string)[]): Promise<boolean> {
  return new Promise((resolve) => {
    const heading = id('wb-import');
    let accepted = false;
    const dialog = h(
      'dialog',
      { class: 'wb-dialog', 'aria-labelledby': heading, 'data-import-shared': '' },
      h('h2', { id: heading }, title),
      ...details,
      h(
        'div',
        { class: 'wb-row' },
        h('button', { type: 'button', class: 'wb-primary', 'data-action': 'import-shared', onclick: () => ((accepted = true), dialog.close()) }, 'Import'),
        h('button', { type: 'button', 'data-action': 'cancel-shared', onclick: () => dialog.close() }, 'Cancel'),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(accepted);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

async function functionExists(ctx: Ctx, name: string): Promise<boolean> {
  try {
    await ctx.emu.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    return true;
  } catch {
    return false;
  }
}

/** A name for the imported function that does not replace one of the learner's. */
async function freeName(ctx: Ctx, name: string): Promise<string> {
  if (!(await functionExists(ctx, name))) return name;
  for (let n = 1; ; n++) {
    const tail = n === 1 ? '-shared' : `-shared-${n}`;
    const candidate = `${name.slice(0, 64 - tail.length)}${tail}`;
    if (!(await functionExists(ctx, candidate))) return candidate;
  }
}

async function importFunction(ctx: Ctx, shared: SharedFunction): Promise<void> {
  const name = await freeName(ctx, shared.name);
  const c = shared.config;
  const renamed = name !== shared.name ? h('p', {}, `Your account already has a function ${shared.name}; this one will be created as ${name}, and yours stays as it is.`) : null;
  const ok = await askToImport(`Import shared function ${shared.name}?`, [
    h('p', {}, 'Someone shared this function with a link. Importing creates it in your emulated account and opens its code here. Read the code before you run it.'),
    ...(renamed ? [renamed] : []),
    h('ul', {}, ...[`Runtime ${c.Runtime}, handler ${c.Handler}`, `Memory ${c.MemorySize ?? 128} MB, timeout ${c.Timeout ?? 3} s`, `Files: ${Object.keys(shared.files).join(', ')}`, ...(c.Environment ? [`Environment variables: ${Object.keys(c.Environment).join(', ')}`] : []), ...(shared.events?.length ? [`Test events: ${shared.events.map((e) => e.name).join(', ')}`] : [])].map((t) => h('li', {}, t))),
  ]);
  if (!ok) return ctx.status(`The shared function ${shared.name} was not imported.`, 'info');
  const files = Object.fromEntries(Object.entries(shared.files).map(([p, t]) => [p, new TextEncoder().encode(t)]));
  const created = await ctx.run(`Creating ${name}`, () =>
    ctx.emu.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: c.Runtime as Runtime,
        Handler: c.Handler,
        Role: createConsoleRole(ctx, name),
        Code: { ZipFile: zip(files) },
        ...(c.Description !== undefined ? { Description: c.Description } : {}),
        ...(c.Timeout !== undefined ? { Timeout: c.Timeout } : {}),
        ...(c.MemorySize !== undefined ? { MemorySize: c.MemorySize } : {}),
        ...(c.EphemeralStorageSize !== undefined ? { EphemeralStorage: { Size: c.EphemeralStorageSize } } : {}),
        ...(c.Architectures ? { Architectures: [...c.Architectures] } : {}),
        ...(c.Environment ? { Environment: { Variables: c.Environment } } : {}),
      }),
    ),
  );
  // ctx.run has shown Lambda's own error (a reserved variable, a bad handler) if creating failed.
  if (created === undefined) return;
  ctx.state.functionName = name;
  ctx.state.files = { ...shared.files };
  ctx.state.activeFile = Object.keys(shared.files)[0];
  ctx.state.deployedHash = filesHash(ctx.state.files);
  if (shared.events?.length) {
    ctx.state.testEvents = shared.events.slice(0, limits.testEvents.maxPerFunction).map((e) => ({ ...e }));
    ctx.state.selectedEvent = ctx.state.testEvents[0]!.name;
  }
  ctx.changed('files');
  ctx.changed('functions');
  ctx.status(`Imported the shared function as ${name}.`, 'success');
}

async function importEvent(ctx: Ctx, shared: Extract<Shared, { kind: 'event' }>): Promise<void> {
  const replaces = ctx.state.testEvents.some((e) => e.name === shared.name);
  const full = !replaces && ctx.state.testEvents.length >= limits.testEvents.maxPerFunction;
  if (full) return ctx.status(`The shared test event ${shared.name} was not imported: you can save up to ${limits.testEvents.maxPerFunction} test events. Delete one on the Test tab, then open the link again.`, 'error');
  const ok = await askToImport(`Import shared test event ${shared.name}?`, [
    h('p', {}, replaces ? `It replaces your saved test event ${shared.name}.` : 'It is saved with your test events and selected on the Test tab.'),
    h('pre', { class: 'wb-mono', 'data-shared-event': '' }, shared.json.length > 2000 ? `${shared.json.slice(0, 2000)}…` : shared.json),
  ]);
  if (!ok) return ctx.status(`The shared test event ${shared.name} was not imported.`, 'info');
  const at = ctx.state.testEvents.findIndex((e) => e.name === shared.name);
  if (at >= 0) ctx.state.testEvents[at] = { name: shared.name, json: shared.json };
  else ctx.state.testEvents.push({ name: shared.name, json: shared.json });
  ctx.state.selectedEvent = shared.name;
  ctx.save();
  ctx.showTab('test');
  ctx.status(`Imported the shared test event ${shared.name}.`, 'success');
}

/**
 * Opens the page's share link, if it has one: validated, then imported only if the learner says
 * so. The fragment is removed from the address either way, so a reload does not ask again.
 */
export async function openSharedLink(ctx: Ctx): Promise<void> {
  const result = decodeShare(location.hash);
  if (result === undefined) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  if (!result.ok) return ctx.status(result.reason, 'error');
  try {
    if (result.shared.kind === 'event') await importEvent(ctx, result.shared);
    else await importFunction(ctx, result.shared);
  } catch (err) {
    ctx.status(`The shared link could not be imported: ${describeError(err)}`, 'error');
  }
}
