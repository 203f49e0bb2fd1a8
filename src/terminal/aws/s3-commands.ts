/**
 * The CLI's high-level `aws s3` commands (ls, cp, mv, rm, sync, mb, rb) over the learner's file
 * system, made of the same S3 client calls the CLI makes, with its lines (`upload: ./x to
 * s3://b/x`, `(dryrun) delete: ...`), its sync rule (a file goes when the destination lacks it, its
 * size differs, or the source is newer), `--exclude`/`--include` in order (the last match wins)
 * and its exit statuses (1 when a transfer fails, 254 for a service error, 255 for a missing local
 * path). Transfers run one after another, in key order. The CLI's progress line (`Completed 6
 * Bytes/6 Bytes ...`) is timing-dependent and not printed.
 */
import { dirname } from '../file-system.ts';
import type { CommandContext } from '../shell.ts';
import { choiceTable } from './output.ts';

interface S3Like {
  send(command: unknown): Promise<unknown>;
}
type S3Module = Record<string, unknown>;

/** The commands, as the CLI's own usage lists them (the ones this terminal has). */
export const S3_COMMANDS = ['ls', 'cp', 'mv', 'rm', 'sync', 'mb', 'rb'] as const;

const S3_URL = /^s3:\/\/([^/]+)\/?(.*)$/s;
const VALUE_OPTIONS = new Set(['--exclude', '--include']);
const FLAGS = new Set(['--recursive', '--delete', '--dryrun', '--quiet', '--only-show-errors', '--no-progress', '--size-only', '--exact-timestamps', '--human-readable', '--summarize']);

export class S3UsageError extends Error {}

type Location = { kind: 's3'; bucket: string; key: string; given: string } | { kind: 'local'; path: string; given: string };

/** One object or file a transfer reads or a sync compares: its path under the root, size and time. */
interface Entry {
  relative: string;
  size: number;
  modified: number;
}

interface Options {
  flags: Set<string>;
  /** `--exclude`/`--include` in the order given. */
  filters: { include: boolean; pattern: RegExp }[];
}

/** fnmatch's pattern as a regular expression: `*` crosses `/`, as the CLI's filters do. */
function fnmatch(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Python's os.path.relpath of the file's folder from the working directory, joined with its name: `./a.txt`, `dir/a.txt`, `../a.txt`. */
function relativePath(path: string, cwd: string): string {
  const from = cwd.split('/').filter(Boolean);
  const to = dirname(path).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  const folder = [...up, ...to.slice(common)].join('/') || '.';
  return `${folder}/${path.split('/').pop()}`;
}

/** `aws s3 <command> ...`; returns the exit status. */
export async function runS3Command(context: CommandContext, module: S3Module, client: S3Like, args: string[]): Promise<number> {
  const make = (name: string, input: Record<string, unknown>): unknown => new (module[`${name}Command`] as new (input: Record<string, unknown>) => unknown)(input);
  const [command, ...rest] = args;
  const options: Options = { flags: new Set(), filters: [] };
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (VALUE_OPTIONS.has(arg)) {
      const value = rest[++i];
      if (value === undefined) throw new S3UsageError(`argument ${arg}: expected one argument`);
      options.filters.push({ include: arg === '--include', pattern: fnmatch(value) });
    } else if (FLAGS.has(arg)) options.flags.add(arg);
    else if (arg.startsWith('--')) throw new S3UsageError(`Unknown options: ${arg}`);
    else paths.push(arg);
  }
  const serviceError = (error: unknown, operation: string): string => {
    const failure = error as { name?: string; Code?: string; message?: string };
    return `An error occurred (${failure.Code ?? failure.name}) when calling the ${operation} operation: ${failure.message ?? ''}`;
  };
  /** HeadObject's failure as botocore words it: a HEAD answer has no body, so the status code stands for the error code. */
  const headFailure = (error: unknown): { status: number; text: string } => {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
    const reason = status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : ((error as { message?: string }).message ?? '');
    return { status, text: `An error occurred (${status}) when calling the HeadObject operation: ${reason}` };
  };
  const location = (given: string): Location => {
    const match = S3_URL.exec(given);
    return match === null ? { kind: 'local', path: context.resolve(given), given } : { kind: 's3', bucket: match[1]!, key: match[2]!, given };
  };
  const show = (where: Location): string => (where.kind === 's3' ? `s3://${where.bucket}/${where.key}` : relativePath(where.path, context.shell.cwd));
  const quiet = options.flags.has('--quiet');
  const dryrun = options.flags.has('--dryrun');
  const line = (text: string): void => {
    if (!quiet && !options.flags.has('--only-show-errors')) context.out(`${dryrun ? '(dryrun) ' : ''}${text}\n`);
  };
  const included = (relative: string): boolean => options.filters.reduce((keep, f) => (f.pattern.test(relative) ? f.include : keep), true);

  /** The listing call a service error came from (transfers report their own). */
  let listing = 'ListObjectsV2';
  /** Every object under the prefix, by key order. */
  const listObjects = async (bucket: string, prefix: string): Promise<Map<string, Entry>> => {
    const found = new Map<string, Entry>();
    let token: string | undefined;
    do {
      const page = (await client.send(make('ListObjectsV2', { Bucket: bucket, Prefix: prefix, ContinuationToken: token }))) as {
        Contents?: { Key: string; Size: number; LastModified: Date }[];
        NextContinuationToken?: string;
      };
      for (const object of page.Contents ?? []) found.set(object.Key.slice(prefix.length), { relative: object.Key.slice(prefix.length), size: object.Size, modified: object.LastModified.getTime() });
      token = page.NextContinuationToken;
    } while (token !== undefined);
    return found;
  };
  /** Every file under the folder, by path. */
  const listFiles = (dir: string): Map<string, Entry> => {
    const found = new Map<string, Entry>();
    for (const { path, node } of context.fs.walk(dir)) {
      if (node.kind !== 'file') continue;
      const relative = path.slice(dir === '/' ? 1 : dir.length + 1);
      found.set(relative, { relative, size: node.data.length, modified: node.mtime });
    }
    return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const under = (root: Location, relative: string): Location =>
    root.kind === 's3'
      ? { kind: 's3', bucket: root.bucket, key: `${root.key}${relative}`, given: '' }
      : { kind: 'local', path: `${root.path === '/' ? '' : root.path}/${relative}`, given: '' };
  /** A folder-like root: S3 prefixes end in `/` (none for the whole bucket). */
  const asFolder = (where: Location): Location => (where.kind === 's3' && where.key !== '' && !where.key.endsWith('/') ? { ...where, key: `${where.key}/` } : where);

  /** One transfer (upload, download or copy) and, for mv, the source's removal; returns whether it succeeded. */
  const transfer = async (from: Location, to: Location, verb: 'cp' | 'mv', modified?: number): Promise<boolean> => {
    const kind = from.kind === 'local' ? 'upload' : to.kind === 'local' ? 'download' : 'copy';
    const name = verb === 'mv' ? 'move' : kind;
    const operation = kind === 'upload' ? 'PutObject' : kind === 'download' ? 'GetObject' : 'CopyObject';
    if (dryrun) {
      line(`${name}: ${show(from)} to ${show(to)}`);
      return true;
    }
    try {
      if (from.kind === 'local' && to.kind === 's3') await client.send(make('PutObject', { Bucket: to.bucket, Key: to.key, Body: context.fs.readFile(from.path) }));
      else if (from.kind === 's3' && to.kind === 'local') {
        const object = (await client.send(make('GetObject', { Bucket: from.bucket, Key: from.key }))) as { Body: { transformToByteArray(): Promise<Uint8Array> }; LastModified?: Date };
        const bytes = await object.Body.transformToByteArray();
        // `-` is standard output, as the CLI has it: the object's bytes and no transfer line.
        if (to.given === '-') {
          context.out(new TextDecoder().decode(bytes));
          return true;
        }
        if (!context.fs.isDirectory(dirname(to.path))) context.fs.mkdir(dirname(to.path), { parents: true });
        context.fs.writeFile(to.path, bytes);
        // As the CLI does: the file takes the object's time, so the next sync finds them equal.
        const time = modified ?? object.LastModified?.getTime();
        const node = context.fs.lookup(to.path);
        if (time !== undefined && node !== undefined) node.mtime = time;
      } else if (from.kind === 's3' && to.kind === 's3') await client.send(make('CopyObject', { Bucket: to.bucket, Key: to.key, CopySource: `${from.bucket}/${encodeURI(from.key)}` }));
      if (verb === 'mv') {
        if (from.kind === 'local') context.fs.remove(from.path);
        else await client.send(make('DeleteObject', { Bucket: from.bucket, Key: from.key }));
      }
    } catch (error) {
      context.err(`${name} failed: ${show(from)} to ${show(to)} ${serviceError(error, operation)}\n`);
      return false;
    }
    line(`${name}: ${show(from)} to ${show(to)}`);
    return true;
  };
  const remove = async (where: Location): Promise<boolean> => {
    if (!dryrun) {
      try {
        if (where.kind === 'local') context.fs.remove(where.path);
        else await client.send(make('DeleteObject', { Bucket: where.bucket, Key: where.key }));
      } catch (error) {
        context.err(`delete failed: ${show(where)} ${serviceError(error, 'DeleteObject')}\n`);
        return false;
      }
    }
    line(`delete: ${show(where)}`);
    return true;
  };
  /** The sources under a folder-like root, filtered; undefined (after saying so) when a local root is missing. */
  const sources = async (root: Location): Promise<Map<string, Entry> | undefined> => {
    if (root.kind === 'local' && !context.fs.isDirectory(root.path)) {
      context.err(`\nThe user-provided path ${root.given} does not exist.\n`);
      return undefined;
    }
    const all = root.kind === 's3' ? await listObjects(root.bucket, root.key) : listFiles(root.path);
    return new Map([...all].filter(([relative]) => included(relative)));
  };

  try {
    switch (command) {
      case 'mb':
      case 'rb': {
        const bucket = S3_URL.exec(paths[0] ?? '')?.[1];
        if (bucket === undefined) throw new S3UsageError(`<S3Uri>\nError: Invalid argument type`);
        const operation = command === 'mb' ? 'CreateBucket' : 'DeleteBucket';
        const label = command === 'mb' ? 'make_bucket' : 'remove_bucket';
        if (dryrun) {
          line(`${label}: ${bucket}`);
          return 0;
        }
        try {
          await client.send(make(operation, { Bucket: bucket }));
        } catch (error) {
          context.err(`${label} failed: s3://${bucket} ${serviceError(error, operation)}\n`);
          return 1;
        }
        line(`${label}: ${bucket}`);
        return 0;
      }
      case 'ls':
        return await list(paths[0]);
      case 'cp':
      case 'mv': {
        const [fromArg, toArg] = paths;
        if (fromArg === undefined || toArg === undefined) throw new S3UsageError('the following arguments are required: paths');
        const from = location(fromArg);
        const to = location(toArg);
        if (from.kind === 'local' && to.kind === 'local') throw new S3UsageError('Error: Invalid argument type');
        if (options.flags.has('--recursive')) {
          const root = asFolder(from);
          const found = await sources(root);
          if (found === undefined) return 255;
          let ok = true;
          for (const entry of found.values()) ok = (await transfer(under(root, entry.relative), under(asFolder(to), entry.relative), command, entry.modified)) && ok;
          return ok ? 0 : 1;
        }
        if (from.kind === 'local' && context.fs.lookup(from.path)?.kind !== 'file') {
          context.err(`\nThe user-provided path ${fromArg} does not exist.\n`);
          return 255;
        }
        // One object from S3: the CLI heads it first, and a missing key is a fatal error in its own words
        // (to standard output, `-`, the failure is the download's).
        if (from.kind === 's3') {
          try {
            await client.send(make('HeadObject', { Bucket: from.bucket, Key: from.key }));
          } catch (error) {
            const failure = headFailure(error);
            if (to.kind === 'local' && to.given === '-') {
              context.err(`download failed: ${show(from)} to - ${failure.text}\n`);
              return 1;
            }
            context.err(`fatal error: ${failure.status === 404 ? `An error occurred (404) when calling the HeadObject operation: Key "${from.key}" does not exist` : failure.text}\n`);
            return 1;
          }
        }
        const name = from.kind === 'local' ? from.path.split('/').pop()! : from.key.split('/').pop()!;
        const target: Location =
          to.kind === 's3'
            ? { ...to, key: to.key === '' || to.key.endsWith('/') ? `${to.key}${name}` : to.key }
            : context.fs.isDirectory(to.path) || toArg.endsWith('/') ? { ...to, path: `${to.path.replace(/\/$/, '')}/${name}` } : to;
        return (await transfer(from, target, command)) ? 0 : 1;
      }
      case 'rm': {
        const where = location(paths[0] ?? '');
        if (where.kind !== 's3') throw new S3UsageError('<S3Uri>\nError: Invalid argument type');
        if (options.flags.has('--recursive')) {
          const root = asFolder(where);
          const found = await sources(root);
          let ok = true;
          for (const entry of found!.values()) ok = (await remove(under(root, entry.relative))) && ok;
          return ok ? 0 : 1;
        }
        return (await remove(where)) ? 0 : 1;
      }
      case 'sync': {
        const [fromArg, toArg] = paths;
        if (fromArg === undefined || toArg === undefined) throw new S3UsageError('the following arguments are required: paths');
        const from = asFolder(location(fromArg));
        const to = asFolder(location(toArg));
        if (from.kind === 'local' && to.kind === 'local') throw new S3UsageError('Error: Invalid argument type');
        const found = await sources(from);
        if (found === undefined) return 255;
        const there = to.kind === 's3' ? await listObjects(to.bucket, to.key) : context.fs.isDirectory(to.path) ? listFiles(to.path) : new Map<string, Entry>();
        const download = to.kind === 'local';
        let ok = true;
        for (const entry of found.values()) {
          const existing = there.get(entry.relative);
          // The CLI's rule: missing, a different size, or a newer source (for downloads: a local copy newer than the object).
          const newer = download ? existing !== undefined && (existing.modified > entry.modified || (options.flags.has('--exact-timestamps') && existing.modified !== entry.modified)) : existing !== undefined && existing.modified < entry.modified;
          const stale = existing === undefined || existing.size !== entry.size || (!options.flags.has('--size-only') && newer);
          if (stale) ok = (await transfer(under(from, entry.relative), under(to, entry.relative), 'cp', entry.modified)) && ok;
        }
        if (options.flags.has('--delete')) {
          for (const entry of there.values()) if (!found.has(entry.relative) && included(entry.relative)) ok = (await remove(under(to, entry.relative))) && ok;
        }
        return ok ? 0 : 1;
      }
      default:
        throw new S3UsageError(`argument subcommand: Invalid choice, valid choices are:\n\n${choiceTable([...S3_COMMANDS, 'help'])}`);
    }
  } catch (error) {
    if (error instanceof S3UsageError) throw error;
    context.err(`\n${serviceError(error, listing)}\n`);
    return 254;
  }

  async function list(given: string | undefined): Promise<number> {
    if (given === undefined) {
      listing = 'ListBuckets';
      const { Buckets = [] } = (await client.send(make('ListBuckets', {}))) as { Buckets?: { Name: string; CreationDate: Date }[] };
      for (const bucket of Buckets) context.out(`${localTime(bucket.CreationDate)} ${bucket.Name}\n`);
      return 0;
    }
    const match = S3_URL.exec(given);
    if (match === null) throw new S3UsageError(`<S3Uri>\nError: Invalid argument type`);
    const [, bucket, prefix] = match as unknown as [string, string, string];
    const recursive = options.flags.has('--recursive');
    const size = (n: number) => (options.flags.has('--human-readable') ? humanReadableSize(n) : String(n));
    let objects = 0;
    let bytes = 0;
    let token: string | undefined;
    do {
      const page = (await client.send(make('ListObjectsV2', { Bucket: bucket, Prefix: prefix, ContinuationToken: token, ...(recursive ? {} : { Delimiter: '/' }) }))) as {
        CommonPrefixes?: { Prefix: string }[];
        Contents?: { Key: string; Size: number; LastModified: Date }[];
        NextContinuationToken?: string;
      };
      const shownFrom = recursive ? 0 : prefix.lastIndexOf('/') + 1;
      for (const { Prefix } of page.CommonPrefixes ?? []) context.out(`${' '.repeat(27)}PRE ${Prefix.slice(shownFrom)}\n`);
      for (const object of page.Contents ?? []) {
        objects++;
        bytes += object.Size;
        context.out(`${localTime(object.LastModified)} ${size(object.Size).padStart(10)} ${object.Key.slice(shownFrom)}\n`);
      }
      token = page.NextContinuationToken;
    } while (token !== undefined);
    if (options.flags.has('--summarize')) context.out(`\nTotal Objects: ${objects}\n   Total Size: ${size(bytes)}\n`);
    return 0;
  }
}

/** `--human-readable`: `1 Byte`, `10 Bytes`, `1.0 KiB`, ... in base-2 units, as awscli's human_readable_size writes them. */
export function humanReadableSize(value: number): string {
  if (value === 1) return '1 Byte';
  if (value < 1024) return `${value} Bytes`;
  const suffixes = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  for (const [i, suffix] of suffixes.entries()) {
    const unit = 1024 ** (i + 2);
    if (Math.round((value / unit) * 1024) < 1024 || i === suffixes.length - 1) return `${((1024 * value) / unit).toFixed(1)} ${suffix}`;
  }
  return `${value} Bytes`;
}

/** `aws s3 ls`'s times: local, `YYYY-MM-DD HH:MM:SS`. */
function localTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
