/**
 * Which version of the function the console shows: $LATEST (unqualified, editable), a published
 * version or an alias (read-only, as on the console's version pages). Kept in the page's address
 * (`?qualifier=2`), as the console's version pages have it in theirs, so a reload stays on it.
 */
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import type { Ctx } from '../context.ts';

const open = new WeakMap<Ctx, string>();

/** Why edit controls are disabled on a version's page: Lambda's own rule, in the console's words. */
export const READ_ONLY_REASON = "Published versions can't be changed. To change the code or the configuration, open $LATEST, edit it, and publish a new version.";

/** The address's query parameter that names the open qualifier. */
export const QUALIFIER_PARAM = 'qualifier';

/** The qualifier in an address's query: what a reload opens. */
export function qualifierInAddress(search: string): string {
  const q = new URLSearchParams(search).get(QUALIFIER_PARAM) ?? '';
  // Only what Lambda's qualifiers can be: $LATEST, a version number or an alias name.
  return /^(\$LATEST|\d{1,10}|[a-zA-Z0-9_-]{1,128})$/.test(q) ? q : '';
}

/** The qualifier shown: '' for the unqualified function, '$LATEST', a version number or an alias name. */
export function qualifierOf(ctx: Ctx): string {
  let q = open.get(ctx);
  if (q === undefined) {
    q = typeof location === 'undefined' ? '' : qualifierInAddress(location.search);
    open.set(ctx, q);
  }
  return q;
}

export function openQualifier(ctx: Ctx, qualifier: string): void {
  if (qualifier === qualifierOf(ctx)) return;
  open.set(ctx, qualifier);
  if (typeof history !== 'undefined') {
    const url = new URL(location.href);
    if (qualifier) url.searchParams.set(QUALIFIER_PARAM, qualifier);
    else url.searchParams.delete(QUALIFIER_PARAM);
    history.replaceState(history.state, '', url);
  }
  ctx.changed('qualifier');
}

/** A version number or alias can't be edited; $LATEST can. */
export function isReadOnly(ctx: Ctx): boolean {
  const q = qualifierOf(ctx);
  return q !== '' && q !== '$LATEST';
}

/** The version a qualifier names: an alias resolves to its primary version. */
export async function versionOf(ctx: Ctx, functionName: string, qualifier: string): Promise<string> {
  if (qualifier === '' || qualifier === '$LATEST') return '$LATEST';
  if (/^\d+$/.test(qualifier)) return qualifier;
  const alias = await ctx.emu.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: qualifier }));
  return alias.FunctionVersion ?? '$LATEST';
}

/** How the console names a qualifier in headings: "Version 1", "Alias prod", "$LATEST". */
export function qualifierLabel(qualifier: string): string {
  if (qualifier === '' || qualifier === '$LATEST') return '$LATEST';
  return /^\d+$/.test(qualifier) ? `Version ${qualifier}` : `Alias ${qualifier}`;
}
