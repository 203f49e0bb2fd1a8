/** How every Node process of the project runs TypeScript: tsx, plus the `?raw` text imports the emulator's guest runtime uses. */
import { fileURLToPath } from 'node:url';

/** Arguments for `tsx` (before the script) or for `node` after `--import tsx`. */
export const TEXT_IMPORTS_ARGS: readonly string[] = ['--import', fileURLToPath(new URL('./text-imports.mjs', import.meta.url))];

/** execArgv for a worker thread whose entry is TypeScript. */
export const TSX_WORKER_EXEC_ARGV: string[] = ['--import', 'tsx', ...TEXT_IMPORTS_ARGS];
