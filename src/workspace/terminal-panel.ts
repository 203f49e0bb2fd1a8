/**
 * The Terminal tab's insides: the page's shell terminal (shell-terminal.ts) with the function's
 * code as the folder `~/<function-name>/`, kept in step with the Code tab before and after every
 * command line, `edit FILE` to open one of its files in the editor, and the exercise's layer
 * sources where its text says they are. Loaded on first open only (see panels/terminal.ts).
 */
import { HOME, type Command, type FileSystem } from '../terminal/index.ts';
import type { Ctx } from './context.ts';
import { mountShellTerminal } from './shell-terminal.ts';
import { functionFolder, readFunctionFiles, runsAws, sameFiles, writeFunctionFiles } from './terminal-files.ts';

export function mountTerminal(root: HTMLElement, ctx: Ctx): void {
  const functionName = ctx.state.functionName ?? ctx.exercise.functionName;
  const folder = functionFolder(functionName);
  const shown = `~/${functionName}`;
  // Set by `prepare`, before the first command line: the restored home folder.
  let fs: FileSystem | undefined;

  const syncToTerminal = () => {
    if (fs) writeFunctionFiles(fs, folder, ctx.state.files);
  };
  const syncFromTerminal = (say: (text: string) => void) => {
    if (!fs) return;
    if (!fs.isDirectory(folder)) {
      say(`${shown} was removed; the Code tab keeps the function's files, and the folder comes back with the next command.`);
      return;
    }
    const files = readFunctionFiles(fs, folder);
    if (sameFiles(files, ctx.state.files)) return;
    if (Object.keys(files).length === 0) {
      say(`${shown} is empty; the Code tab keeps the function's files.`);
      return;
    }
    ctx.state.files = files;
    if (ctx.state.activeFile === undefined || !Object.hasOwn(files, ctx.state.activeFile)) ctx.state.activeFile = Object.keys(files)[0];
    ctx.changed('files');
  };

  /** `edit FILE`: opens one of the function's files in the Code tab's editor. */
  const edit: Command = ({ args, resolve, err }) => {
    if (args.length !== 1) {
      err('usage: edit FILE\n');
      return 2;
    }
    const path = resolve(args[0]!);
    if (!path.startsWith(`${folder}/`)) {
      err(`edit: ${args[0]}: only the function's files (${shown}/) open in the editor; use cat to read other files\n`);
      return 1;
    }
    if (!fs!.exists(path)) fs!.writeFile(path, '');
    syncFromTerminal(() => {});
    const relative = path.slice(folder.length + 1);
    if (!Object.hasOwn(ctx.state.files, relative)) {
      err(`edit: ${args[0]}: not a text file\n`);
      return 1;
    }
    ctx.state.activeFile = relative;
    ctx.changed('files');
    ctx.showTab('code');
    return 0;
  };

  mountShellTerminal(root, {
    clientConfig: ctx.emu.clientConfig as unknown as Record<string, unknown>,
    commands: { edit },
    help: `A shell and the AWS CLI over this page's emulator. The function's code is in ${shown}/ (changes show in the Code tab, and the other way round).`,
    banner: `Lambda Workbook terminal: bash-style commands and the AWS CLI v2, against this page's emulator.\nYour function's code is in ${shown}/. Type help for the commands.\n`,
    prepare(restored) {
      fs = restored;
      // The exercise's layer sources, once, where its text says they are: ~/starter/<name>-layer/.
      for (const [name, files] of Object.entries(ctx.exercise.layers ?? {})) {
        const layerFolder = `${HOME}/starter/${name}-layer`;
        if (!restored.exists(layerFolder)) writeFunctionFiles(restored, layerFolder, files);
      }
      // The Python sources likewise, where the text's "In Python?" says: ~/starter-python/<name>-layer/.
      for (const [name, files] of Object.entries(ctx.exercise.python?.layers ?? {})) {
        const layerFolder = `${HOME}/starter-python/${name}-layer`;
        if (!restored.exists(layerFolder)) writeFunctionFiles(restored, layerFolder, files);
      }
    },
    beforeLine: syncToTerminal,
    afterLine: (say, line) => {
      syncFromTerminal(say);
      // An aws command may have changed the account (a role, a policy, the configuration): the views that show them read it again.
      if (runsAws(line)) ctx.changed('config');
    },
  });
}
