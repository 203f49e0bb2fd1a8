/** What every console panel gets: the exercise, the in-page emulator's clients and the saved state. */
import type { PageEmulator } from '../hosts/page/page-emulator.ts';
import type { WorkspaceState } from '../progress/workspace-state.ts';
import type { FunctionFiles } from './files.ts';

export interface ExerciseBundle {
  slug: string;
  title: string;
  functionName: string;
  tasks: { id: string; title: string; points: number }[];
  starter: FunctionFiles;
  solution: FunctionFiles;
  /** Layer sources that come with the exercise: name → files (nodejs/...). */
  layers?: Record<string, FunctionFiles>;
  /** The exercise's Python starter (and, off lab mode, solution): lambda_function.py. */
  python?: { starter: FunctionFiles; solution: FunctionFiles; layers?: Record<string, FunctionFiles> };
  /** Lab mode's settings the page needs; absent on the self-paced site. */
  lab?: { askLearner: boolean };
}

export type Topic = 'functions' | 'code' | 'config' | 'versions' | 'layers' | 'logs' | 'async' | 'files' | 'qualifier';

export interface Ctx {
  exercise: ExerciseBundle;
  emu: PageEmulator;
  state: WorkspaceState;
  /** Persists the state and the emulator's snapshot. */
  save(): void;
  /** Tells panels that something they show may have changed. */
  changed(topic: Topic): void;
  on(topic: Topic, listener: () => void): void;
  /** Runs an action, showing progress and turning an AWS error into a readable message. */
  run<T>(label: string, work: () => Promise<T>, near?: HTMLElement): Promise<T | undefined>;
  /** Shows a status line; an error also appears beside `near`, the control that caused it. */
  status(message: string, kind?: 'info' | 'error' | 'success', near?: HTMLElement): void;
  /** The browser storage the workspace keeps its work in (drafts, the code before a reset). */
  storage: Storage;
  /** Selects a console tab by id. */
  showTab(id: string): void;
}

/** An AWS-style error as the console prints it: `ResourceNotFoundException: Function not found: ...`. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: string; message?: string };
    if (e.name && e.message) return e.name === 'Error' ? e.message : `${e.name}: ${e.message}`;
  }
  return String(err);
}
