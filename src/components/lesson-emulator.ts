/**
 * The one emulator a lesson page's blocks share (TryIt and the terminal): a sandbox account of
 * this page, not the learner's workbook account, made on first use.
 */
import { createPageEmulator, type PageEmulator } from '../hosts/page/page-emulator.ts';

let emulator: PageEmulator | undefined;

export function lessonEmulator(): PageEmulator {
  emulator ??= createPageEmulator();
  return emulator;
}
