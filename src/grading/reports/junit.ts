/**
 * JUnit XML for CI dashboards: one <testsuite> per learner and part, one <testcase> per task or
 * question. A partly or not passed test is a <failure>; a corrupt file or a grader failure is an <error>.
 */
import type { SubmissionGrade } from '../results.ts';
import { deductionLines, mismatchLines } from './feedback.ts';

export function xmlEscape(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (pairs: Record<string, string | number>): string => Object.entries(pairs).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');

function who(grade: SubmissionGrade): string {
  return grade.learner.id ? `${grade.learner.name} (${grade.learner.id})` : grade.learner.name;
}

export function junitReport(grades: readonly SubmissionGrade[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const grade of grades) {
    const learnerKey = grade.learner.id || grade.learner.name;
    if (grade.status !== 'graded') {
      tests++;
      errors++;
      suites.push(
        `  <testsuite${attrs({ name: who(grade), tests: 1, failures: 0, errors: 1 })}>\n` +
          `    <testcase${attrs({ classname: learnerKey, name: `read ${grade.file}` })}>\n` +
          `      <error${attrs({ type: grade.status, message: grade.problem ?? '' })}/>\n` +
          `    </testcase>\n  </testsuite>`,
      );
      continue;
    }
    for (const part of grade.parts) {
      const failed = part.tests.filter((t) => t.status !== 'passed').length;
      tests += part.tests.length;
      failures += failed;
      const cases = part.tests.map((t) => {
        const head = `    <testcase${attrs({ classname: `${learnerKey}.${part.id}`, name: t.name })}>`;
        const extra = [
          ...(t.hidden ? [{ name: 'hidden', value: 'true' }] : []),
          ...(t.mismatches ?? []).flatMap((m) => (t.status === 'passed' ? [] : [{ name: 'expected', value: m.expected }, { name: 'got', value: m.got }])),
          ...deductionLines(t).map((value) => ({ name: 'deduction', value })),
        ];
        const props = `      <properties><property${attrs({ name: 'score', value: t.score })}/><property${attrs({ name: 'max_score', value: t.maxScore })}/>${extra.map((p) => `<property${attrs(p)}/>`).join('')}</properties>`;
        const body = mismatchLines(t).join('\n');
        const failure = t.status === 'passed' ? '' : `\n      <failure${attrs({ type: t.timedOut ? 'timed out' : t.status, message: `${t.score}/${t.maxScore}: ${t.output}` })}${body === '' ? '/>' : `>${xmlEscape(body)}</failure>`}`;
        return `${head}\n${props}${failure}\n    </testcase>`;
      });
      suites.push(
        `  <testsuite${attrs({ name: `${who(grade)} / ${part.title}`, tests: part.tests.length, failures: failed, errors: 0 })}>\n` +
          `    <properties><property${attrs({ name: 'score', value: part.score })}/><property${attrs({ name: 'max_score', value: part.maxScore })}/>${part.kind === 'exercise' && grade.late !== undefined ? `<property${attrs({ name: 'late', value: grade.late.note })}/>` : ''}${deductionLines(part).map((value) => `<property${attrs({ name: 'deduction', value })}/>`).join('')}</properties>\n` +
          `${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'Lambda Workbook grades', tests, failures, errors })}>\n${suites.join('\n')}\n</testsuites>\n`;
}
