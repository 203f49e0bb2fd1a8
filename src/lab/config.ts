/**
 * Lab mode: an instructor's build of the site. Set with environment variables at build time:
 * WORKBOOK_LAB_DUE (ISO date), WORKBOOK_LAB_HIDE_SOLUTIONS (1 to hide reference solutions),
 * WORKBOOK_LAB_NAME (course or lab title shown on exercise pages).
 */
export interface LabMode {
  enabled: boolean;
  name?: string;
  due?: string;
  hideSolutions: boolean;
}

export function readLabMode(env: Record<string, string | undefined>): LabMode {
  const due = env.WORKBOOK_LAB_DUE?.trim();
  if (due && Number.isNaN(Date.parse(due))) throw new Error(`WORKBOOK_LAB_DUE="${due}" is not a date (use e.g. 2026-12-15T17:00:00Z).`);
  const hideSolutions = env.WORKBOOK_LAB_HIDE_SOLUTIONS === '1' || env.WORKBOOK_LAB_HIDE_SOLUTIONS === 'true';
  const name = env.WORKBOOK_LAB_NAME?.trim() || undefined;
  return { enabled: Boolean(due || hideSolutions || name), ...(name ? { name } : {}), ...(due ? { due } : {}), hideSolutions };
}

export const labMode: LabMode = readLabMode(typeof process === 'undefined' ? {} : process.env);
