/**
 * The file commands a lesson types (pwd, cd, ls, cat, echo, mkdir, rm, cp, mv, touch, tree) and the
 * shell's own (export, env, history, clear, help), each with the messages and exit statuses of
 * GNU coreutils and bash.
 */
import { basename, FsError, type FsNode } from './file-system.ts';
import type { Command, CommandContext } from './shell.ts';

/** Short options (`-la`, `-r -f`) and operands; `--` ends options. Unknown letters are reported. */
export function readOptions(
  context: CommandContext,
  name: string,
  allowed: string,
  long: Record<string, string> = {},
): { flags: Set<string>; operands: string[] } | undefined {
  const flags = new Set<string>();
  const operands: string[] = [];
  let optionsEnded = false;
  for (const arg of context.args) {
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg.startsWith('--')) {
      const flag = long[arg.slice(2)];
      if (flag === undefined) {
        context.err(`${name}: unrecognized option '${arg}'\nTry '${name} --help' for more information.\n`);
        return undefined;
      }
      flags.add(flag);
    } else {
      for (const letter of arg.slice(1)) {
        if (!allowed.includes(letter)) {
          context.err(`${name}: invalid option -- '${letter}'\nTry '${name} --help' for more information.\n`);
          return undefined;
        }
        flags.add(letter);
      }
    }
  }
  return { flags, operands };
}

/** Runs `action`, printing a file-system failure as `NAME: cannot VERB 'PATH': REASON`. */
function attempt(context: CommandContext, prefix: string, action: () => void): boolean {
  try {
    action();
    return true;
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    context.err(`${prefix}: ${error.reason}\n`);
    return false;
  }
}

const pwd: Command = ({ shell, out }) => {
  out(`${shell.cwd}\n`);
  return 0;
};

const cd: Command = ({ args, shell, fs, err, resolve, out }) => {
  if (args.length > 1) {
    err('bash: cd: too many arguments\n');
    return 1;
  }
  let target = args[0] ?? shell.env.get('HOME') ?? '/';
  if (target === '-') {
    target = shell.env.get('OLDPWD') ?? shell.cwd;
    out(`${target}\n`);
  }
  const path = resolve(target);
  const node = fs.lookup(path);
  if (node === undefined || node.kind !== 'dir') {
    err(`bash: cd: ${target}: ${node === undefined ? 'No such file or directory' : 'Not a directory'}\n`);
    return 1;
  }
  shell.cwd = path;
  return 0;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `ls -l`'s time column: month, day and hour:minute (the learner's own time zone). */
function lsTime(mtime: number): string {
  const d = new Date(mtime);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function longLines(entries: { name: string; node: FsNode }[]): string[] {
  const sizes = entries.map(({ node }) => String(node.kind === 'dir' ? 4096 : node.data.length));
  const width = Math.max(0, ...sizes.map((s) => s.length));
  return entries.map(({ name, node }, i) => {
    const mode = node.kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
    const links = node.kind === 'dir' ? 2 + [...node.children.values()].filter((c) => c.kind === 'dir').length : 1;
    return `${mode} ${links} learner learner ${sizes[i]!.padStart(width)} ${lsTime(node.mtime)} ${name}`;
  });
}

const ls: Command = (context) => {
  const options = readOptions(context, 'ls', 'laA1', { all: 'a' });
  if (options === undefined) return 2;
  const { flags, operands } = options;
  const { fs, out, err, resolve } = context;
  const all = flags.has('a');
  const long = flags.has('l');
  let status = 0;
  const files: { name: string; node: FsNode }[] = [];
  const directories: { name: string; path: string }[] = [];
  for (const operand of operands.length === 0 ? ['.'] : operands) {
    const path = resolve(operand);
    const node = fs.lookup(path);
    if (node === undefined) {
      err(`ls: cannot access '${operand}': No such file or directory\n`);
      status = 2;
    } else if (node.kind === 'dir') directories.push({ name: operand, path });
    else files.push({ name: operand, node });
  }
  const print = (entries: { name: string; node: FsNode }[], total: boolean): void => {
    if (long) {
      if (total) out(`total ${entries.reduce((sum, { node }) => sum + (node.kind === 'dir' ? 4 : Math.ceil(node.data.length / 4096) * 4), 0)}\n`);
      for (const line of longLines(entries)) out(`${line}\n`);
    } else if (entries.length > 0) {
      out(`${entries.map((e) => e.name).join(flags.has('1') ? '\n' : '  ')}\n`);
    }
  };
  print(files, false);
  directories.forEach(({ name, path }, index) => {
    if (operands.length > 1) out(`${files.length > 0 || index > 0 ? '\n' : ''}${name}:\n`);
    const entries = fs.readdir(path).filter((n) => all || flags.has('A') || !n.startsWith('.')).map((n) => ({ name: n, node: fs.lookup(`${path === '/' ? '' : path}/${n}`)! }));
    if (all) entries.unshift({ name: '.', node: fs.lookup(path)! }, { name: '..', node: fs.lookup(path === '/' ? '/' : path.replace(/\/[^/]+$/, '') || '/')! });
    print(entries, true);
  });
  return status;
};

const cat: Command = ({ args, fs, out, err, resolve }) => {
  let status = 0;
  for (const operand of args) {
    try {
      out(new TextDecoder().decode(fs.readFile(resolve(operand))));
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      err(`cat: ${operand}: ${error.reason}\n`);
      status = 1;
    }
  }
  return status;
};

const echo: Command = ({ args, out }) => {
  let newline = true;
  let escapes = false;
  let index = 0;
  for (; index < args.length && /^-[neE]+$/.test(args[index]!); index++) {
    for (const letter of args[index]!.slice(1)) {
      if (letter === 'n') newline = false;
      else escapes = letter === 'e';
    }
  }
  let text = args.slice(index).join(' ');
  if (escapes) text = text.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
  out(newline ? `${text}\n` : text);
  return 0;
};

const mkdir: Command = (context) => {
  const options = readOptions(context, 'mkdir', 'p', { parents: 'p' });
  if (options === undefined) return 1;
  if (options.operands.length === 0) {
    context.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const operand of options.operands) {
    const ok = attempt(context, `mkdir: cannot create directory ‘${operand}’`, () => context.fs.mkdir(context.resolve(operand), { parents: options.flags.has('p') }));
    if (!ok) status = 1;
  }
  return status;
};

const rm: Command = (context) => {
  const options = readOptions(context, 'rm', 'rRf', { recursive: 'r', force: 'f' });
  if (options === undefined) return 1;
  const { flags, operands } = options;
  const recursive = flags.has('r') || flags.has('R');
  if (operands.length === 0 && !flags.has('f')) {
    context.err("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const operand of operands) {
    const path = context.resolve(operand);
    const node = context.fs.lookup(path);
    if (path === '/' && recursive) {
      // GNU rm's --preserve-root, which this terminal never lets go of.
      context.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
    } else if (basename(operand) === '.' || basename(operand) === '..') {
      context.err(`rm: refusing to remove '.' or '..' directory: skipping '${operand}'\n`);
      status = 1;
    } else if (node === undefined) {
      if (!flags.has('f')) {
        context.err(`rm: cannot remove '${operand}': No such file or directory\n`);
        status = 1;
      }
    } else if (node.kind === 'dir' && !recursive) {
      context.err(`rm: cannot remove '${operand}': Is a directory\n`);
      status = 1;
    } else {
      context.fs.remove(path, { recursive: true });
    }
  }
  return status;
};

/** cp and mv: the last operand is the destination; into it when it is a directory. */
function transfer(name: 'cp' | 'mv'): Command {
  return (context) => {
    const options = readOptions(context, name, name === 'cp' ? 'rRf' : 'f', { recursive: 'r' });
    if (options === undefined) return 1;
    const { flags, operands } = options;
    if (operands.length < 2) {
      context.err(operands.length === 0 ? `${name}: missing file operand\n` : `${name}: missing destination file operand after '${operands[0]}'\n`);
      context.err(`Try '${name} --help' for more information.\n`);
      return 1;
    }
    const destination = operands.pop()!;
    const destinationPath = context.resolve(destination);
    const intoDirectory = context.fs.isDirectory(destinationPath);
    if (operands.length > 1 && !intoDirectory) {
      context.err(`${name}: target '${destination}': ${context.fs.exists(destinationPath) ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    let status = 0;
    for (const operand of operands) {
      const from = context.resolve(operand);
      const node = context.fs.lookup(from);
      const to = intoDirectory ? `${destinationPath === '/' ? '' : destinationPath}/${basename(from)}` : destinationPath;
      if (node === undefined) {
        context.err(`${name}: cannot stat '${operand}': No such file or directory\n`);
        status = 1;
      } else if (name === 'cp' && node.kind === 'dir' && !flags.has('r') && !flags.has('R')) {
        context.err(`cp: -r not specified; omitting directory '${operand}'\n`);
        status = 1;
      } else if (to === from || to.startsWith(`${from}/`)) {
        context.err(
          to === from
            ? `${name}: '${operand}' and '${destination}' are the same file\n`
            : `${name}: cannot ${name === 'cp' ? 'copy' : 'move'} '${operand}' to a subdirectory of itself, '${destination}/${basename(from)}'\n`,
        );
        status = 1;
      } else if (context.fs.lookup(to)?.kind === 'dir' && node.kind !== 'dir') {
        context.err(`${name}: cannot overwrite directory '${to}' with non-directory\n`);
        status = 1;
      } else {
        const ok = attempt(context, `${name}: cannot create '${destination}'`, () => (name === 'cp' ? context.fs.copy(from, to) : context.fs.move(from, to)));
        if (!ok) status = 1;
      }
    }
    return status;
  };
}

const touch: Command = (context) => {
  let status = 0;
  if (context.args.length === 0) {
    context.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  for (const operand of context.args) {
    if (!attempt(context, `touch: cannot touch '${operand}'`, () => context.fs.touch(context.resolve(operand)))) status = 1;
  }
  return status;
};

const tree: Command = (context) => {
  const options = readOptions(context, 'tree', 'a');
  if (options === undefined) return 1;
  const { fs, out } = context;
  let directories = 0;
  let files = 0;
  for (const operand of options.operands.length === 0 ? ['.'] : options.operands) {
    const path = context.resolve(operand);
    if (!fs.isDirectory(path)) {
      out(`${operand}  [error opening dir]\n`);
      continue;
    }
    out(`${operand}\n`);
    const visit = (dir: string, indent: string): void => {
      const names = fs.readdir(dir).filter((n) => options.flags.has('a') || !n.startsWith('.'));
      names.forEach((name, index) => {
        const last = index === names.length - 1;
        const child = `${dir === '/' ? '' : dir}/${name}`;
        out(`${indent}${last ? '└── ' : '├── '}${name}\n`);
        if (fs.isDirectory(child)) {
          directories++;
          visit(child, indent + (last ? '    ' : '│   '));
        } else files++;
      });
    };
    visit(path, '');
  }
  out(`\n${directories} director${directories === 1 ? 'y' : 'ies'}, ${files} file${files === 1 ? '' : 's'}\n`);
  return 0;
};

const exportCommand: Command = ({ args, shell, out }) => {
  if (args.length === 0) {
    for (const [name, value] of [...shell.env].sort(([a], [b]) => (a < b ? -1 : 1))) out(`declare -x ${name}="${value}"\n`);
    return 0;
  }
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) shell.env.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return 0;
};

const env: Command = ({ shell, out }) => {
  for (const [name, value] of shell.env) out(`${name}=${value}\n`);
  return 0;
};

const unset: Command = ({ args, shell }) => {
  for (const name of args) shell.env.delete(name);
  return 0;
};

const history: Command = ({ shell, out, args }) => {
  if (args[0] === '-c') {
    shell.history.length = 0;
    return 0;
  }
  shell.history.forEach((line, index) => out(`${String(index + 1).padStart(5)}  ${line}\n`));
  return 0;
};

const clear: Command = ({ out }) => {
  out('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

const help: Command = ({ shell, out }) => {
  out(`This terminal runs: ${[...shell.commands.keys()].sort().join(', ')}.\n`);
  out('Quoting, $VARIABLES, > and >> and && work as in bash; pipes do not.\n');
  return 0;
};

export const coreutils: Record<string, Command> = {
  pwd,
  cd,
  ls,
  cat,
  echo,
  mkdir,
  rm,
  cp: transfer('cp'),
  mv: transfer('mv'),
  touch,
  tree,
  export: exportCommand,
  env,
  unset,
  history,
  clear,
  help,
};
