/** Writing graded submissions in the format asked for; shared by `npm run grade` and `npm run check -- --class`. */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { HiddenVisibility } from '../grading/instructor-bank.ts';
import { csvReport } from '../grading/reports/csv.ts';
import { gradescopeResults } from '../grading/reports/gradescope.ts';
import { jsonReport } from '../grading/reports/json.ts';
import { junitReport } from '../grading/reports/junit.ts';
import { classTable, learnerSummary } from '../grading/reports/table.ts';
import type { GradeColumn, SubmissionGrade } from '../grading/results.ts';

export const formats = ['table', 'csv', 'gradescope', 'junit', 'json'] as const;
export type ReportFormat = (typeof formats)[number];

export class ReportUsageError extends Error {}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes the report to `out` (or stdout). Gradescope's results.json holds one learner: several need a directory. */
export function writeReport(grades: readonly SubmissionGrade[], columns: readonly GradeColumn[], format: ReportFormat, out: string | undefined, visibility: HiddenVisibility): void {
  const emit = (text: string): void => {
    if (out === undefined) process.stdout.write(text);
    else writeFileSync(out, text);
  };
  switch (format) {
    case 'table':
      return emit(`${[...grades.map(learnerSummary), classTable(grades, columns)].join('\n\n')}\n`);
    case 'csv':
      return emit(csvReport(grades, columns));
    case 'junit':
      return emit(junitReport(grades));
    case 'json':
      return emit(jsonReport(grades));
    case 'gradescope': {
      if (out !== undefined && isDirectory(out)) {
        mkdirSync(out, { recursive: true });
        const used = new Set<string>();
        for (const grade of grades) {
          let name = `${basename(grade.file).replace(/\.json$/i, '')}.results.json`;
          for (let n = 2; used.has(name); n++) name = `${basename(grade.file).replace(/\.json$/i, '')}-${n}.results.json`;
          used.add(name);
          writeFileSync(join(out, name), `${JSON.stringify(gradescopeResults(grade, visibility), null, 2)}\n`);
        }
        return;
      }
      if (grades.length !== 1) throw new ReportUsageError(`--format gradescope writes one learner's results.json; ${grades.length} submissions were given. Pass an existing directory to --out for one file each.`);
      return emit(`${JSON.stringify(gradescopeResults(grades[0]!, visibility), null, 2)}\n`);
    }
  }
}
