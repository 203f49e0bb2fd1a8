/**
 * Where Lambda puts things in a Python execution environment, laid out in one interpreter's
 * (Emscripten) file system: the code read-only at /var/task, the merged layers read-only at /opt,
 * /tmp writable up to the function's ephemeral storage, and nothing else writable.
 */
import type { PyodideAPI } from 'pyodide';
import type { EnvironmentSpec } from '../contract.ts';
import { joinPath } from '../file-system.ts';
import { pythonMinor } from '../runtimes.ts';

const MB = 1024 * 1024;

/**
 * sys.path ahead of the interpreter's own entries, as Lambda's Python runtime sets it: the code,
 * then the layer folders for the runtime's own minor version (not the interpreter's), then
 * /var/runtime (PYTHONPATH), where boto3 lives.
 */
export function pythonSearchPath(runtime: string): string[] {
  return ['/var/task', `/opt/python/lib/python${pythonMinor(runtime)}/site-packages`, '/opt/python', '/var/runtime'];
}

/** The parts of Emscripten's FS this module uses (Pyodide's typings leave them out). */
interface FsNode {
  mount: unknown;
  usedBytes?: number;
  contents?: Record<string, FsNode> | Uint8Array | null;
  mode: number;
}
interface FsStream {
  node: FsNode;
}
interface EmscriptenFs {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array): void;
  mount(type: unknown, opts: object, mountpoint: string): FsNode;
  isDir(mode: number): boolean;
  getPath(node: FsNode): string;
  nodePermissions(node: FsNode, perms: string): number;
  ErrnoError: new (errno: number) => Error;
  filesystems: { MEMFS: MemFs };
}
/** MEMFS copies its operations into ops_table when it makes its first node: files use these. */
interface MemFs {
  ops_table: {
    file: {
      stream: { write: (stream: FsStream, buffer: Uint8Array, offset: number, length: number, position: number, canOwn?: boolean) => number };
      node: { setattr: (node: FsNode, attr: { size?: number }) => void };
    };
  };
}

/** Paths under which the guest may write: /tmp, and the devices (/dev/null) every process writes to. */
const WRITABLE = /^\/(?:tmp|dev)(?:\/|$)/;

export function layOutFileSystem(py: PyodideAPI, spec: EnvironmentSpec): void {
  const fs = py.FS as unknown as EmscriptenFs;
  const memfs = fs.filesystems.MEMFS;
  for (const [root, files] of [['/opt', spec.opt], ['/var/task', spec.code]] as const) {
    fs.mkdirTree(root);
    for (const [rel, bytes] of Object.entries(files)) {
      const path = joinPath(root, rel);
      fs.mkdirTree(path.slice(0, path.lastIndexOf('/')) || '/');
      fs.writeFile(path, bytes);
    }
  }
  const tmp = fs.mount(memfs, {}, '/tmp').mount;
  const quotaBytes = spec.ephemeralStorage * MB;
  const { EROFS, ENOSPC } = py.ERRNO_CODES as Record<string, number>;

  // Read-only everywhere but /tmp and /dev: EROFS, as Lambda's read-only file system answers.
  const permissions = fs.nodePermissions.bind(fs);
  fs.nodePermissions = (node, perms) => (perms.includes('w') && !WRITABLE.test(fs.getPath(node)) ? EROFS! : permissions(node, perms));

  // /tmp holds at most the ephemeral storage: a write that would grow it past that fails with ENOSPC.
  const used = (node: FsNode): number => {
    if (node.contents && !(node.contents instanceof Uint8Array) && fs.isDir(node.mode)) {
      let total = 0;
      for (const child of Object.values(node.contents)) total += used(child);
      return total;
    }
    return node.usedBytes ?? 0;
  };
  const tmpRoot = () => (tmp as { root: FsNode }).root;
  const reserve = (node: FsNode, newSize: number) => {
    const growth = newSize - (node.usedBytes ?? 0);
    if (node.mount === tmp && growth > 0 && used(tmpRoot()) + growth > quotaBytes) throw new fs.ErrnoError(ENOSPC!);
  };
  const fileOps = memfs.ops_table.file;
  const write = fileOps.stream.write;
  fileOps.stream.write = (stream, buffer, offset, length, position, canOwn) => {
    reserve(stream.node, position + length);
    return write(stream, buffer, offset, length, position, canOwn);
  };
  const setattr = fileOps.node.setattr;
  fileOps.node.setattr = (node, attr) => {
    if (attr.size !== undefined) reserve(node, attr.size);
    setattr(node, attr);
  };
}
