/**
 * The terminal's shell: reads a command line as bash would (see parse.ts), runs each command from
 * its table against the learner's file system, and keeps the working directory, the environment
 * and the history. No DOM: the panel feeds it lines and prints what it writes.
 */
import { FileSystem, FsError, resolvePath } from './file-system.ts';
import { expandBraces, expandWord, parseCommandLine, ShellSyntaxError, type SimpleCommand } from './parse.ts';

export type OutputStream = 'stdout' | 'stderr';

export interface CommandContext {
  /** The words after the command's name, expanded. */
  args: string[];
  fs: FileSystem;
  shell: Shell;
  /** Writes to standard output (the redirect target when there is one). */
  out(text: string): void;
  err(text: string): void;
  /** An absolute path for an operand, from the working directory. */
  resolve(path: string): string;
  /** Aborted by Ctrl+C. */
  signal: AbortSignal;
}

/** A command returns its exit status. */
export type Command = (context: CommandContext) => number | Promise<number>;

export interface ShellOptions {
  fs?: FileSystem;
  commands?: Record<string, Command>;
  env?: Record<string, string>;
  /** Receives everything written, as it is written (the panel prints it). */
  onOutput?: (text: string, stream: OutputStream) => void;
  history?: string[];
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const HOME = '/home/learner';
const HISTORY_LIMIT = 1000;

export class Shell {
  readonly fs: FileSystem;
  readonly env: Map<string, string>;
  readonly history: string[];
  readonly commands: Map<string, Command>;
  lastExitCode = 0;
  private readonly onOutput: ShellOptions['onOutput'];

  constructor(options: ShellOptions = {}) {
    this.fs = options.fs ?? new FileSystem();
    this.env = new Map(Object.entries({ HOME, PWD: HOME, USER: 'learner', SHELL: '/bin/bash', PATH: '/usr/local/bin:/usr/bin:/bin', ...options.env }));
    if (!this.fs.isDirectory(this.cwd)) this.fs.mkdir(this.cwd, { parents: true });
    this.history = options.history ?? [];
    this.commands = new Map(Object.entries(options.commands ?? {}));
    this.onOutput = options.onOutput;
  }

  get cwd(): string {
    return this.env.get('PWD') ?? HOME;
  }

  set cwd(path: string) {
    this.env.set('OLDPWD', this.cwd);
    this.env.set('PWD', path);
  }

  /** The prompt bash shows: the working directory with the home directory as `~`. */
  get prompt(): string {
    const cwd = this.cwd;
    const shown = cwd === HOME ? '~' : cwd.startsWith(`${HOME}/`) ? `~${cwd.slice(HOME.length)}` : cwd;
    return `learner@workbook:${shown}$ `;
  }

  /** Runs one command line; everything written also goes to `onOutput` as it is written. */
  async run(line: string, signal: AbortSignal = new AbortController().signal): Promise<RunResult> {
    const result: RunResult = { exitCode: 0, stdout: '', stderr: '' };
    const write = (text: string, stream: OutputStream): void => {
      result[stream] += text;
      this.onOutput?.(text, stream);
    };
    if (line.trim() !== '') {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    }
    let links;
    try {
      links = parseCommandLine(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      write(`bash: ${error.message}\n`, 'stderr');
      result.exitCode = this.lastExitCode = 2;
      return result;
    }
    for (const { join, command } of links) {
      if (join === '&&' && this.lastExitCode !== 0) continue;
      if (join === '||' && this.lastExitCode === 0) continue;
      if (signal.aborted) break;
      this.lastExitCode = await this.runCommand(command, write, signal);
    }
    result.exitCode = this.lastExitCode;
    return result;
  }

  private async runCommand(command: SimpleCommand, write: (text: string, stream: OutputStream) => void, signal: AbortSignal): Promise<number> {
    const lookup = (name: string): string | undefined => (name === '?' ? String(this.lastExitCode) : this.env.get(name));
    // An assignment (`A={x,y}`) is not brace-expanded; arguments are.
    const braced = command.words.flatMap((word, index) => (index === 0 ? [word] : expandBraces(word)));
    const words = braced.flatMap((word) => expandWord(word, lookup, this.env.get('HOME') ?? HOME));
    let out = (text: string): void => write(text, 'stdout');
    let finish = (): void => {};
    if (command.redirect !== undefined) {
      const targets = expandWord(command.redirect.target, lookup, this.env.get('HOME') ?? HOME);
      if (targets.length !== 1) {
        write('bash: ambiguous redirect\n', 'stderr');
        return 1;
      }
      const path = resolvePath(this.cwd, targets[0]!);
      try {
        // bash opens (and truncates) the target before the command runs.
        this.fs.writeFile(path, new Uint8Array(), { append: command.redirect.append });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        write(`bash: ${targets[0]}: ${error.reason}\n`, 'stderr');
        return 1;
      }
      let buffered = '';
      out = (text) => {
        buffered += text;
      };
      finish = () => this.fs.writeFile(path, buffered, { append: true });
    }
    if (words.length === 0) return 0;
    const [name, ...args] = words as [string, ...string[]];
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(name);
    if (assignment !== null && args.length === 0) {
      this.env.set(assignment[1]!, assignment[2]!);
      return 0;
    }
    const implementation = this.commands.get(name);
    if (implementation === undefined) {
      write(`command not found: ${name} (this terminal supports: ${[...this.commands.keys()].sort().join(', ')})\n`, 'stderr');
      return 127;
    }
    try {
      return await implementation({
        args,
        fs: this.fs,
        shell: this,
        out,
        err: (text) => write(text, 'stderr'),
        resolve: (path) => resolvePath(this.cwd, path),
        signal,
      });
    } finally {
      finish();
    }
  }
}
