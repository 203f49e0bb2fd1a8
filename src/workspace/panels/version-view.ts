/**
 * A published version's page: what the console shows when a version or an alias is chosen in the
 * qualifier selector. Its code is shown read-only, every edit control is disabled, and the page
 * says why: a published version never changes.
 */
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { unzip } from '../../emulator/index.ts';
import { h, clear } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { currentFunction } from './function-bar.ts';
import { isReadOnly, openQualifier, qualifierLabel, qualifierOf, READ_ONLY_REASON, versionOf } from './qualifier.ts';

/** The notice every read-only panel shows, with the way back to $LATEST. Its id is what disabled controls point to. */
export function readOnlyNotice(ctx: Ctx, noticeId: string): HTMLElement {
  return h(
    'div',
    { class: 'wb-notice', id: noticeId, 'data-read-only-notice': '' },
    h('p', {}, READ_ONLY_REASON),
    h('button', { type: 'button', 'data-action': 'open-latest', onclick: () => openQualifier(ctx, '') }, 'Open $LATEST'),
  );
}

/** Disables a control on a version's page, pointing it at the notice that says why. */
export function disableForVersion(control: HTMLButtonElement | HTMLInputElement, noticeId: string): void {
  control.disabled = true;
  control.setAttribute('aria-describedby', noticeId);
}

/** The bar under the function picker: which version is open, its ARN. */
export function versionBanner(ctx: Ctx): HTMLElement {
  const banner = h('div', { class: 'wb-version-banner', 'data-version-banner': '', hidden: true, role: 'region', 'aria-label': 'Open version' });
  let generation = 0;
  async function render(): Promise<void> {
    const mine = ++generation;
    const fn = currentFunction(ctx);
    const q = qualifierOf(ctx);
    if (!fn || q === '') {
      banner.hidden = true;
      return clear(banner);
    }
    const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn, Qualifier: q }));
    const version = await versionOf(ctx, fn, q);
    if (mine !== generation) return;
    banner.hidden = false;
    clear(
      banner,
      h('h3', {}, `${fn}: ${qualifierLabel(q)}`, q !== version ? ` (version ${version})` : ''),
      h('p', {}, 'Function ARN: ', h('code', { 'data-qualified-arn': '' }, `${cfg.FunctionArn}`)),
      isReadOnly(ctx) ? readOnlyNotice(ctx, 'wb-banner-read-only') : null,
    );
  }
  for (const topic of ['qualifier', 'functions', 'versions'] as const) ctx.on(topic, () => void render().catch(() => undefined));
  return banner;
}

/**
 * The Code tab, aware of the open version: $LATEST shows the editor (the code panel as given);
 * a version shows its deployed files read-only, as the console's editor does on a version page.
 */
export function versionAwareCode(ctx: Ctx, editor: HTMLElement): HTMLElement {
  const view = h('div', { class: 'wb-version-code', 'data-version-code': '', hidden: true });
  let generation = 0;
  async function render(): Promise<void> {
    const mine = ++generation;
    const fn = currentFunction(ctx);
    if (!fn || !isReadOnly(ctx)) {
      view.hidden = true;
      editor.hidden = false;
      return clear(view);
    }
    const q = qualifierOf(ctx);
    const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn, Qualifier: q }));
    const bytes = cfg.CodeSha256 ? ctx.emu.service.codeZip(cfg.CodeSha256) : undefined;
    const files = bytes ? unzip(bytes) : {};
    const decoder = new TextDecoder();
    if (mine !== generation) return;
    editor.hidden = true;
    view.hidden = false;
    clear(
      view,
      h('h3', {}, `Code source: ${qualifierLabel(q)} (read-only)`),
      readOnlyNotice(ctx, 'wb-code-read-only'),
      ...Object.keys(files)
        .sort()
        .map((path) =>
          h(
            'section',
            { class: 'wb-readonly-file' },
            h('h4', {}, h('code', {}, path)),
            // A named, focusable region, so the keyboard can scroll a long file.
            h('pre', { class: 'wb-mono', tabindex: 0, role: 'region', 'aria-label': `${path} (read-only)`, 'data-readonly-file': path }, decoder.decode(files[path]!)),
          ),
        ),
    );
  }
  for (const topic of ['qualifier', 'functions', 'versions'] as const) ctx.on(topic, () => void render().catch((e) => ctx.status(String(e), 'error')));
  void render().catch(() => undefined);
  return h('div', { class: 'wb-code-tab' }, view, editor);
}
