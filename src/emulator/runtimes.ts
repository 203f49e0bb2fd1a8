import { EMULATED_RUNTIMES } from './runtime/runtimes.ts';
/**
 * Every Lambda runtime identifier the workbook knows, with its lifecycle dates, in one place. The
 * emulator's CreateFunction and UpdateFunction* checks read it (with the date from the injected
 * clock), and the runtimes lesson renders its table from it, so the two cannot disagree.
 *
 * Sources, checked December 2026 (say so here when a date changes):
 * - Deprecation and "Block function update" dates: AWS's "Lambda runtimes" page as recorded by
 *   endoflife.date's scraper of that page (last change May 2026, when AWS moved the update block of
 *   every already-deprecated runtime to 3 March 2027; in January 2026 nodejs20.x's was 30 September 2026).
 * - Node.js 18 and 20, Python 3.9 deprecation dates: also AWS's end-of-support notices.
 * - "Block function create" dates are given only where a source was found: nodejs18.x (1 July 2026,
 *   a reading of AWS's page from December 2025; first announced as 1 October 2025) and nodejs20.x
 *   (31 August 2026, from the course's issue #18). Neither was confirmed on AWS's page itself:
 *   AWS has moved these dates several times, so check the page before relying on them.
 * - Which identifiers CreateFunction accepts at all: the enum in Lambda's own error message, and
 *   the retired identifiers it refuses outright, both recorded against AWS in January 2026.
 */

export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'provided' | 'go';
export type Architecture = 'x86_64' | 'arm64';

export interface Runtime {
  /** The identifier CreateFunction takes: `nodejs22.x`. */
  readonly id: string;
  /** How AWS names it: `Node.js 22`. */
  readonly name: string;
  readonly family: RuntimeFamily;
  /** The Amazon Linux release the runtime runs on. */
  readonly os?: 'Amazon Linux 2023' | 'Amazon Linux 2' | 'Amazon Linux';
  readonly architectures: readonly Architecture[];
  /** End of support (YYYY-MM-DD, UTC): no more patches, gone from the console's list. */
  readonly deprecation?: string;
  /** From this day CreateFunction refuses the runtime. Absent: no verified date (see the header). */
  readonly blockCreate?: string;
  /** From this day updating a function that uses it (code or configuration) is refused. */
  readonly blockUpdate?: string;
  /** Retired long ago: Lambda no longer lists it and refuses it for create and update. */
  readonly retired?: true;
  /** One line for the lesson. */
  readonly note?: string;
}

const both: readonly Architecture[] = ['x86_64', 'arm64'];
const x86: readonly Architecture[] = ['x86_64'];
const AL2023 = 'Amazon Linux 2023';
const AL2 = 'Amazon Linux 2';
const AL1 = 'Amazon Linux';

/** Newest first within each language, as the lesson shows them. */
export const runtimes: readonly Runtime[] = [
  { id: 'nodejs24.x', name: 'Node.js 24', family: 'nodejs', os: AL2023, architectures: both, deprecation: '2028-04-30', blockUpdate: '2028-07-01', note: 'Callback-style handlers are gone: write async handlers.' },
  { id: 'nodejs22.x', name: 'Node.js 22', family: 'nodejs', os: AL2023, architectures: both, deprecation: '2027-04-30', blockUpdate: '2027-07-01' },
  { id: 'nodejs20.x', name: 'Node.js 20', family: 'nodejs', os: AL2023, architectures: both, deprecation: '2026-04-30', blockCreate: '2026-08-31', blockUpdate: '2027-03-03' },
  { id: 'nodejs18.x', name: 'Node.js 18', family: 'nodejs', os: AL2, architectures: both, deprecation: '2025-09-01', blockCreate: '2026-07-01', blockUpdate: '2027-03-03' },
  { id: 'nodejs16.x', name: 'Node.js 16', family: 'nodejs', os: AL2, architectures: both, deprecation: '2024-06-12', blockUpdate: '2027-03-03' },
  { id: 'python3.14', name: 'Python 3.14', family: 'python', os: AL2023, architectures: both, deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  { id: 'python3.13', name: 'Python 3.13', family: 'python', os: AL2023, architectures: both, deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  { id: 'python3.12', name: 'Python 3.12', family: 'python', os: AL2023, architectures: both, deprecation: '2028-10-31', blockUpdate: '2029-01-10' },
  { id: 'python3.11', name: 'Python 3.11', family: 'python', os: AL2, architectures: both, deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  { id: 'python3.10', name: 'Python 3.10', family: 'python', os: AL2, architectures: both, deprecation: '2026-10-31', blockUpdate: '2027-03-03' },
  { id: 'python3.9', name: 'Python 3.9', family: 'python', os: AL2, architectures: both, deprecation: '2025-12-15', blockUpdate: '2027-03-03' },
  { id: 'python3.8', name: 'Python 3.8', family: 'python', os: AL2, architectures: both, deprecation: '2024-10-14', blockUpdate: '2027-03-03' },
  { id: 'java25', name: 'Java 25', family: 'java', os: AL2023, architectures: both, deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  { id: 'java21', name: 'Java 21', family: 'java', os: AL2023, architectures: both, deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  { id: 'java17', name: 'Java 17', family: 'java', os: AL2, architectures: both, deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  { id: 'java11', name: 'Java 11', family: 'java', os: AL2, architectures: both, deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  { id: 'java8.al2', name: 'Java 8 (Amazon Linux 2)', family: 'java', os: AL2, architectures: both, deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  { id: 'dotnet10', name: '.NET 10', family: 'dotnet', os: AL2023, architectures: both, deprecation: '2028-11-14', blockUpdate: '2029-01-15', note: 'Today\'s answer to the notes\' ".NET Core".' },
  { id: 'dotnet8', name: '.NET 8', family: 'dotnet', os: AL2023, architectures: both, deprecation: '2026-11-10', blockUpdate: '2027-03-03' },
  { id: 'dotnet6', name: '.NET 6', family: 'dotnet', os: AL2, architectures: both, deprecation: '2024-12-20', blockUpdate: '2027-03-03' },
  { id: 'ruby3.4', name: 'Ruby 3.4', family: 'ruby', os: AL2023, architectures: both, deprecation: '2028-03-31', blockUpdate: '2028-05-31' },
  { id: 'ruby3.3', name: 'Ruby 3.3', family: 'ruby', os: AL2023, architectures: both, deprecation: '2027-03-31', blockUpdate: '2027-05-31' },
  { id: 'ruby3.2', name: 'Ruby 3.2', family: 'ruby', os: AL2, architectures: both, deprecation: '2026-03-31', blockUpdate: '2027-03-03' },
  { id: 'provided.al2023', name: 'OS-only runtime (Amazon Linux 2023)', family: 'provided', os: AL2023, architectures: both, deprecation: '2029-06-30', blockUpdate: '2029-08-31', note: 'For Go, Rust, C++ and custom runtimes: you supply the bootstrap executable.' },
  { id: 'provided.al2', name: 'OS-only runtime (Amazon Linux 2)', family: 'provided', os: AL2, architectures: both, deprecation: '2026-07-31', blockUpdate: '2027-03-03' },
  // Retired: not in Lambda's list of valid runtimes any more, refused for create and update.
  { id: 'go1.x', name: 'Go 1.x', family: 'go', os: AL1, architectures: x86, deprecation: '2024-01-08', retired: true, note: 'Go now builds a bootstrap binary for provided.al2023.' },
  { id: 'provided', name: 'Custom runtime (Amazon Linux)', family: 'provided', os: AL1, architectures: x86, deprecation: '2024-01-08', retired: true },
  { id: 'java8', name: 'Java 8 (Amazon Linux)', family: 'java', os: AL1, architectures: x86, deprecation: '2024-01-08', retired: true },
  { id: 'ruby2.7', name: 'Ruby 2.7', family: 'ruby', os: AL2, architectures: both, deprecation: '2023-12-07', retired: true },
  { id: 'nodejs14.x', name: 'Node.js 14', family: 'nodejs', os: AL2, architectures: both, deprecation: '2023-12-04', retired: true },
  { id: 'python3.7', name: 'Python 3.7', family: 'python', os: AL1, architectures: x86, deprecation: '2023-12-04', retired: true },
  { id: 'dotnetcore3.1', name: '.NET Core 3.1', family: 'dotnet', os: AL2, architectures: both, deprecation: '2023-04-03', retired: true, note: 'The notes\' ".NET Core" ended here; .NET 5 and later dropped "Core".' },
  { id: 'nodejs12.x', name: 'Node.js 12', family: 'nodejs', os: AL2, architectures: both, deprecation: '2023-03-31', retired: true },
  { id: 'python3.6', name: 'Python 3.6', family: 'python', os: AL1, architectures: x86, deprecation: '2022-07-18', retired: true },
  { id: 'dotnetcore2.1', name: '.NET Core 2.1', family: 'dotnet', os: AL1, architectures: x86, deprecation: '2022-01-05', retired: true },
  { id: 'nodejs10.x', name: 'Node.js 10', family: 'nodejs', os: AL2, architectures: x86, deprecation: '2021-07-30', retired: true },
  { id: 'ruby2.5', name: 'Ruby 2.5', family: 'ruby', os: AL1, architectures: x86, deprecation: '2021-07-30', retired: true },
  { id: 'python2.7', name: 'Python 2.7', family: 'python', os: AL1, architectures: x86, deprecation: '2021-07-15', retired: true },
  { id: 'nodejs8.10', name: 'Node.js 8.10', family: 'nodejs', os: AL1, architectures: x86, deprecation: '2020-03-06', retired: true },
  { id: 'nodejs4.3', name: 'Node.js 4.3', family: 'nodejs', os: AL1, architectures: x86, deprecation: '2020-03-05', retired: true },
  { id: 'nodejs4.3-edge', name: 'Node.js 4.3 edge', family: 'nodejs', os: AL1, architectures: x86, deprecation: '2020-03-05', retired: true },
  { id: 'nodejs6.10', name: 'Node.js 6.10', family: 'nodejs', os: AL1, architectures: x86, deprecation: '2019-08-12', retired: true },
  { id: 'dotnetcore1.0', name: '.NET Core 1.0', family: 'dotnet', os: AL1, architectures: x86, deprecation: '2019-06-27', retired: true },
  { id: 'dotnetcore2.0', name: '.NET Core 2.0', family: 'dotnet', os: AL1, architectures: x86, deprecation: '2019-05-30', retired: true },
  { id: 'nodejs', name: 'Node.js 0.10', family: 'nodejs', os: AL1, architectures: x86, deprecation: '2016-08-30', retired: true },
];

/** The valid-runtime enum exactly as Lambda lists it in its error message (recorded January 2026), in its order. */
export const LAMBDA_RUNTIMES: readonly string[] = [
  'nodejs20.x', 'python3.14', 'provided.al2023', 'python3.12', 'python3.13', 'nodejs24.x', 'nodejs22.x', 'java25',
  'python3.10', 'python3.11', 'java21', 'ruby3.3', 'ruby3.4', 'ruby3.2', 'python3.8', 'python3.9', 'java17',
  'nodejs16.x', 'dotnet10', 'dotnet8', 'java11', 'dotnet6', 'nodejs18.x', 'provided.al2', 'java8.al2',
];

/** Retired identifiers, in the order Lambda's layer API lists them after the valid ones. */
export const RETIRED_RUNTIMES: readonly string[] = [
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x',
  'python2.7', 'python3.6', 'python3.7', 'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1',
  'go1.x', 'ruby2.5', 'ruby2.7', 'provided',
];

/** The runtimes this emulator can execute (QuickJS with a Node.js surface). */
// What the emulator runs is the engines' fact (runtime/runtimes.ts); this file adds AWS's dates.
export { EMULATED_RUNTIMES } from './runtime/runtimes.ts';

export function runtimeById(id: string): Runtime | undefined {
  return runtimes.find((r) => r.id === id);
}

/** Midnight UTC of a YYYY-MM-DD date, as epoch milliseconds. */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Whether `operation` is refused for this runtime at `nowMs` (its block date has come, or it is retired). */
export function isBlocked(runtime: Runtime, operation: 'create' | 'update', nowMs: number): boolean {
  if (runtime.retired) return true;
  const from = operation === 'create' ? runtime.blockCreate : runtime.blockUpdate;
  return from !== undefined && nowMs >= dayStart(from);
}

export function isDeprecated(runtime: Runtime, nowMs: number): boolean {
  return runtime.retired === true || (runtime.deprecation !== undefined && nowMs >= dayStart(runtime.deprecation));
}

/** What the console offers for a new function: the emulated runtimes still supported at `nowMs`, newest first. */
export function consoleRuntimes(nowMs: number, families: readonly RuntimeFamily[] = ['nodejs', 'python']): string[] {
  return runtimes
    .filter((r) => EMULATED_RUNTIMES.includes(r.id) && families.includes(r.family) && !isDeprecated(r, nowMs))
    .map((r) => r.id);
}
