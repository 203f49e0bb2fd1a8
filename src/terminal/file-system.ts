/**
 * The learner's file system: an in-memory tree of directories and byte files, addressed by POSIX
 * paths. No DOM and no Node built-ins, so the same tree backs the page's terminal and the tests; it
 * serialises to a plain object so progress can save it.
 */

export interface FileNode {
  kind: 'file';
  data: Uint8Array;
  mtime: number;
}

export interface DirectoryNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtime: number;
}

export type FsNode = FileNode | DirectoryNode;

/** A failed file operation, worded as coreutils words it after the command's name. */
export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL',
    readonly path: string,
  ) {
    super(`${path}: ${FS_MESSAGES[code]}`);
  }
  /** The part coreutils prints after the path. */
  get reason(): string {
    return FS_MESSAGES[this.code];
  }
}

const FS_MESSAGES = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
} as const;

/** What a saved file system looks like: every path with its kind, and files' bytes in base64. */
export interface FileSystemSnapshot {
  entries: { path: string; kind: 'file' | 'dir'; data?: string; mtime: number }[];
}

/** Joins `path` onto `cwd` and removes `.`, `..` and repeated slashes; `..` above `/` stays at `/`. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export const basename = (path: string): string => path.split('/').filter((p) => p !== '').pop() ?? '/';
export const dirname = (path: string): string => {
  const parts = path.split('/').filter((p) => p !== '');
  parts.pop();
  return `/${parts.join('/')}`;
};

export class FileSystem {
  private readonly root: DirectoryNode;
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? (() => Date.now());
    this.root = { kind: 'dir', children: new Map(), mtime: this.now() };
  }

  /** The node at an absolute path, or undefined. */
  lookup(path: string): FsNode | undefined {
    let node: FsNode = this.root;
    for (const part of path.split('/').filter((p) => p !== '')) {
      if (node.kind !== 'dir') return undefined;
      const next = node.children.get(part);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.lookup(path)?.kind === 'dir';
  }

  private directory(path: string): DirectoryNode {
    const node = this.lookup(path);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return node;
  }

  private parentOf(path: string): DirectoryNode {
    if (path === '/') throw new FsError('EINVAL', path);
    return this.directory(dirname(path));
  }

  readFile(path: string): Uint8Array {
    const node = this.lookup(path);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    return node.data;
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  writeFile(path: string, data: Uint8Array | string, options: { append?: boolean } = {}): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const parent = this.parentOf(path);
    const existing = parent.children.get(basename(path));
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    const content = options.append === true && existing !== undefined ? concat(existing.data, bytes) : bytes;
    parent.children.set(basename(path), { kind: 'file', data: content, mtime: this.now() });
    parent.mtime = this.now();
  }

  /** Creates a directory; with `parents`, every missing ancestor too and no error if it exists. */
  mkdir(path: string, options: { parents?: boolean } = {}): void {
    if (options.parents === true) {
      let current = '';
      for (const part of path.split('/').filter((p) => p !== '')) {
        current += `/${part}`;
        const node = this.lookup(current);
        if (node === undefined) this.mkdir(current);
        else if (node.kind !== 'dir') throw new FsError('ENOTDIR', current);
      }
      return;
    }
    const parent = this.parentOf(path);
    if (parent.children.has(basename(path))) throw new FsError('EEXIST', path);
    parent.children.set(basename(path), { kind: 'dir', children: new Map(), mtime: this.now() });
    parent.mtime = this.now();
  }

  /** Names in a directory, sorted as `ls` sorts them in the C locale. */
  readdir(path: string): string[] {
    return [...this.directory(path).children.keys()].sort(compareNames);
  }

  /** Removes a file, or a directory (only an empty one unless `recursive`). */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const node = this.lookup(path);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.kind === 'dir' && options.recursive !== true && node.children.size > 0) throw new FsError('ENOTEMPTY', path);
    const parent = this.parentOf(path);
    parent.children.delete(basename(path));
    parent.mtime = this.now();
  }

  /** Copies a file or (deeply) a directory to a path that becomes the copy. */
  copy(from: string, to: string): void {
    const node = this.lookup(from);
    if (node === undefined) throw new FsError('ENOENT', from);
    const parent = this.parentOf(to);
    parent.children.set(basename(to), cloneNode(node, this.now()));
  }

  /** Moves a node to a path that becomes it; a directory cannot move into itself. */
  move(from: string, to: string): void {
    const node = this.lookup(from);
    if (node === undefined) throw new FsError('ENOENT', from);
    if (to === from || to.startsWith(`${from}/`)) throw new FsError('EINVAL', to);
    const parent = this.parentOf(to);
    this.parentOf(from).children.delete(basename(from));
    parent.children.set(basename(to), node);
  }

  /** Sets a file's time, creating it empty if missing (`touch`). */
  touch(path: string): void {
    const node = this.lookup(path);
    if (node === undefined) this.writeFile(path, new Uint8Array());
    else node.mtime = this.now();
  }

  /** Every path below `path` (not `path` itself), depth first, sorted, directories before their contents. */
  walk(path: string): { path: string; node: FsNode }[] {
    const out: { path: string; node: FsNode }[] = [];
    const visit = (dir: string): void => {
      for (const name of this.readdir(dir)) {
        const child = dir === '/' ? `/${name}` : `${dir}/${name}`;
        const node = this.lookup(child)!;
        out.push({ path: child, node });
        if (node.kind === 'dir') visit(child);
      }
    };
    visit(path);
    return out;
  }

  snapshot(): FileSystemSnapshot {
    return {
      entries: this.walk('/').map(({ path, node }) =>
        node.kind === 'dir' ? { path, kind: 'dir', mtime: node.mtime } : { path, kind: 'file', data: toBase64(node.data), mtime: node.mtime },
      ),
    };
  }

  static fromSnapshot(snapshot: FileSystemSnapshot, options: { now?: () => number } = {}): FileSystem {
    const fs = new FileSystem(options);
    for (const entry of snapshot.entries) {
      if (entry.kind === 'dir') fs.mkdir(entry.path, { parents: true });
      else fs.writeFile(entry.path, fromBase64(entry.data ?? ''));
    }
    // Times last: creating a child would otherwise touch its parent's.
    for (const entry of snapshot.entries) fs.lookup(entry.path)!.mtime = entry.mtime;
    return fs;
  }
}

/** Byte order of names, as `ls` and `tree` sort under LC_ALL=C. */
export const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cloneNode(node: FsNode, mtime: number): FsNode {
  if (node.kind === 'file') return { kind: 'file', data: node.data.slice(), mtime };
  return { kind: 'dir', mtime, children: new Map([...node.children].map(([name, child]) => [name, cloneNode(child, mtime)])) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
