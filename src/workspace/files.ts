/**
 * The function's files as the learner edits them: a flat map of paths under /var/task to text.
 * Pure, so the same rules hold in the file tree, in imports of progress files and in tests.
 */
export type { FunctionFiles } from '../progress/workspace-state.ts';
import type { FunctionFiles } from '../progress/workspace-state.ts';

const SEGMENT = /^[A-Za-z0-9._@+-]+$/;

/** Why a path cannot be a file in the function, or undefined when it can. */
export function invalidPathReason(path: string, files: FunctionFiles, renaming?: string): string | undefined {
  if (!path) return 'Enter a file name, for example lib/greet.mjs.';
  if (path.startsWith('/')) return 'Use a path relative to the function root (/var/task), without a leading slash.';
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'A path cannot contain empty, "." or ".." parts.';
  if (!parts.every((p) => SEGMENT.test(p))) return 'Use letters, digits and . _ - @ + in file and folder names.';
  if (path !== renaming && Object.hasOwn(files, path)) return `${path} already exists.`;
  const prefix = `${path}/`;
  if (Object.keys(files).some((f) => f.startsWith(prefix))) return `${path} is a folder.`;
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (Object.hasOwn(files, dir)) return `${dir} is a file, so it cannot hold other files.`;
  }
  return undefined;
}

export function addFile(files: FunctionFiles, path: string, text = ''): FunctionFiles {
  const reason = invalidPathReason(path, files);
  if (reason) throw new Error(reason);
  return { ...files, [path]: text };
}

export function renameFile(files: FunctionFiles, from: string, to: string): FunctionFiles {
  if (!Object.hasOwn(files, from)) throw new Error(`${from} does not exist.`);
  const reason = invalidPathReason(to, files, from);
  if (reason) throw new Error(reason);
  const out: FunctionFiles = {};
  for (const [p, t] of Object.entries(files)) out[p === from ? to : p] = t;
  return out;
}

export function deleteFile(files: FunctionFiles, path: string): FunctionFiles {
  const { [path]: _gone, ...rest } = files;
  return rest;
}

export interface TreeNode {
  name: string;
  path: string;
  children?: TreeNode[];
}

/** Folders first, then files, each alphabetical, as the console's file tree shows them. */
export function fileTree(files: FunctionFiles): TreeNode[] {
  const root: TreeNode = { name: '', path: '', children: [] };
  for (const path of Object.keys(files)) {
    let node = root;
    const parts = path.split('/');
    parts.forEach((name, i) => {
      const sub = parts.slice(0, i + 1).join('/');
      const leaf = i === parts.length - 1;
      let next = node.children!.find((c) => c.name === name && !!c.children === !leaf);
      if (!next) {
        next = leaf ? { name, path: sub } : { name, path: sub, children: [] };
        node.children!.push(next);
      }
      node = next;
    });
  }
  const sort = (nodes: TreeNode[]): TreeNode[] =>
    nodes
      .sort((a, b) => Number(!!b.children) - Number(!!a.children) || a.name.localeCompare(b.name))
      .map((n) => (n.children ? { ...n, children: sort(n.children) } : n));
  return sort(root.children!);
}
