/**
 * The heavy part of <TerminalBlock>: the page's shell terminal over the lesson's sandbox emulator
 * (the one its TryIt blocks use), with the workbook's home folder and history.
 */
import { mountShellTerminal, type ShellTerminal } from '../workspace/shell-terminal.ts';
import { lessonEmulator } from './lesson-emulator.ts';

export function openLessonTerminal(root: HTMLElement): ShellTerminal {
  return mountShellTerminal(root, {
    clientConfig: lessonEmulator().clientConfig as unknown as Record<string, unknown>,
    help: "A shell and the AWS CLI over this lesson's own emulator: a sandbox account for this page (your exercises' account is not touched). Your home folder and history are the workbook's.",
    banner: "Lambda Workbook terminal: bash-style commands and the AWS CLI v2, against this lesson's sandbox account.\nType help for the commands.\n",
    focus: true,
  });
}
