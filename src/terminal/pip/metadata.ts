/**
 * A wheel's core metadata (`*.dist-info/METADATA`, an email-header file: PEP 566 / the Core
 * Metadata spec) and the names in it: what the store's index records and what pip's resolver
 * reads (Requires-Dist, Requires-Python).
 */

export interface CoreMetadata {
  name: string;
  version: string;
  summary?: string;
  requiresPython?: string;
  requiresDist: string[];
  /** License-Expression (PEP 639) when the wheel has one, else its License field. */
  license?: string;
  /** The `License ::` trove classifiers, for wheels that name their licence only there. */
  licenseClassifiers: string[];
}

/** The header fields, in order; a field may repeat (Requires-Dist, Classifier). Continuation lines fold into their field. */
export function parseHeaders(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '') break;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last !== undefined) {
      last[1] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

export function parseMetadata(text: string): CoreMetadata {
  const fields = parseHeaders(text);
  const one = (key: string): string | undefined => fields.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  const all = (key: string): string[] => fields.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v);
  const name = one('Name');
  const version = one('Version');
  if (name === undefined || version === undefined) throw new Error('METADATA has no Name or Version');
  const license = one('License-Expression') ?? one('License');
  const summary = one('Summary');
  const requiresPython = one('Requires-Python');
  return {
    name,
    version,
    ...(summary !== undefined ? { summary } : {}),
    ...(requiresPython !== undefined ? { requiresPython } : {}),
    requiresDist: all('Requires-Dist'),
    ...(license !== undefined ? { license } : {}),
    licenseClassifiers: all('Classifier').filter((c) => c.startsWith('License ::')),
  };
}

/** PEP 503's normalized name: how pip compares `Python_Dateutil` with `python-dateutil`. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A wheel file name's parts (PEP 427): `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`. */
export function parseWheelFilename(file: string): { name: string; version: string; python: string; abi: string; platform: string } | undefined {
  const parts = /^(.+?)-(.+?)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$/.exec(file);
  if (parts === null) return undefined;
  return { name: parts[1]!, version: parts[2]!, python: parts[3]!, abi: parts[4]!, platform: parts[5]! };
}
