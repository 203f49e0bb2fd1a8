/**
 * The CLI's high-level `aws s3` commands (mb, rb, ls, cp, rm) over the learner's file system, made
 * of the same S3 client calls the CLI makes, with its lines (`upload: ./x to s3://b/x`) and exit
 * statuses (1 when a transfer fails, 254 for a service error). The CLI's progress line (`Completed
 * 6 Bytes/6 Bytes (148 Bytes/s) ...`) is timing-dependent and not printed.
 */
import type { CommandContext } from '../shell.ts';

interface S3Like {
  send(command: unknown): Promise<unknown>;
}
type S3Module = Record<string, unknown>;

const S3_URL = /^s3:\/\/([^/]+)\/?(.*)$/s;

export class S3UsageError extends Error {}

/** `aws s3 <command> ...`; returns the exit status. */
export async function runS3Command(context: CommandContext, module: S3Module, client: S3Like, args: string[]): Promise<number> {
  const make = (name: string, input: Record<string, unknown>): unknown => new (module[`${name}Command`] as new (input: Record<string, unknown>) => unknown)(input);
  const [command, ...rest] = args;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const paths = rest.filter((a) => !a.startsWith('--'));
  const serviceError = (error: unknown, operation: string): string => {
    const failure = error as { name?: string; Code?: string; message?: string };
    return `An error occurred (${failure.Code ?? failure.name}) when calling the ${operation} operation: ${failure.message ?? ''}`;
  };

  switch (command) {
    case 'mb':
    case 'rb': {
      const bucket = S3_URL.exec(paths[0] ?? '')?.[1];
      if (bucket === undefined) throw new S3UsageError(`<S3Uri>\nError: Invalid argument type`);
      const operation = command === 'mb' ? 'CreateBucket' : 'DeleteBucket';
      try {
        await client.send(make(operation, { Bucket: bucket }));
      } catch (error) {
        context.err(`${command === 'mb' ? 'make_bucket' : 'remove_bucket'} failed: s3://${bucket} ${serviceError(error, operation)}\n`);
        return 1;
      }
      context.out(`${command === 'mb' ? 'make_bucket' : 'remove_bucket'}: ${bucket}\n`);
      return 0;
    }
    case 'ls': {
      try {
        if (paths[0] === undefined) {
          const { Buckets = [] } = (await client.send(make('ListBuckets', {}))) as { Buckets?: { Name: string; CreationDate: Date }[] };
          for (const bucket of Buckets) context.out(`${localTime(bucket.CreationDate)} ${bucket.Name}\n`);
          return 0;
        }
        const match = S3_URL.exec(paths[0]);
        if (match === null) throw new S3UsageError(`<S3Uri>\nError: Invalid argument type`);
        const [, bucket, prefix] = match as unknown as [string, string, string];
        const recursive = flags.has('--recursive');
        let token: string | undefined;
        do {
          const page = (await client.send(make('ListObjectsV2', { Bucket: bucket, Prefix: prefix, ContinuationToken: token, ...(recursive ? {} : { Delimiter: '/' }) }))) as {
            CommonPrefixes?: { Prefix: string }[];
            Contents?: { Key: string; Size: number; LastModified: Date }[];
            NextContinuationToken?: string;
          };
          const shownFrom = recursive ? 0 : prefix.lastIndexOf('/') + 1;
          for (const { Prefix } of page.CommonPrefixes ?? []) context.out(`${' '.repeat(27)}PRE ${Prefix.slice(shownFrom)}\n`);
          for (const object of page.Contents ?? []) context.out(`${localTime(object.LastModified)} ${String(object.Size).padStart(10)} ${object.Key.slice(shownFrom)}\n`);
          token = page.NextContinuationToken;
        } while (token !== undefined);
        return 0;
      } catch (error) {
        if (error instanceof S3UsageError) throw error;
        context.err(`\n${serviceError(error, 'ListObjectsV2')}\n`);
        return 254;
      }
    }
    case 'cp': {
      const [from, to] = paths;
      if (from === undefined || to === undefined) throw new S3UsageError('the following arguments are required: paths');
      const source = S3_URL.exec(from);
      const target = S3_URL.exec(to);
      if (source === null && target !== null) {
        const path = context.resolve(from);
        if (context.fs.lookup(path)?.kind !== 'file') {
          context.err(`\nThe user-provided path ${from} does not exist.\n`);
          return 255;
        }
        const key = target[2] === '' || target[2]!.endsWith('/') ? `${target[2]}${path.split('/').pop()}` : target[2]!;
        try {
          await client.send(make('PutObject', { Bucket: target[1], Key: key, Body: context.fs.readFile(path) }));
        } catch (error) {
          context.err(`upload failed: ${displayLocal(from)} to s3://${target[1]}/${key} ${serviceError(error, 'PutObject')}\n`);
          return 1;
        }
        context.out(`upload: ${displayLocal(from)} to s3://${target[1]}/${key}\n`);
        return 0;
      }
      if (source !== null && target === null) {
        const destination = context.fs.isDirectory(context.resolve(to)) ? `${to.replace(/\/$/, '')}/${source[2]!.split('/').pop()}` : to;
        try {
          const object = (await client.send(make('GetObject', { Bucket: source[1], Key: source[2] }))) as { Body: { transformToByteArray(): Promise<Uint8Array> } };
          context.fs.writeFile(context.resolve(destination), await object.Body.transformToByteArray());
        } catch (error) {
          context.err(`download failed: ${from} to ${displayLocal(destination)} ${serviceError(error, 'GetObject')}\n`);
          return 1;
        }
        context.out(`download: ${from} to ${displayLocal(destination)}\n`);
        return 0;
      }
      if (source !== null && target !== null) {
        const key = target[2] === '' || target[2]!.endsWith('/') ? `${target[2]}${source[2]!.split('/').pop()}` : target[2]!;
        try {
          await client.send(make('CopyObject', { Bucket: target[1], Key: key, CopySource: `${source[1]}/${source[2]}` }));
        } catch (error) {
          context.err(`copy failed: ${from} to s3://${target[1]}/${key} ${serviceError(error, 'CopyObject')}\n`);
          return 1;
        }
        context.out(`copy: ${from} to s3://${target[1]}/${key}\n`);
        return 0;
      }
      throw new S3UsageError('Error: Invalid argument type');
    }
    case 'rm': {
      const match = S3_URL.exec(paths[0] ?? '');
      if (match === null) throw new S3UsageError('<S3Uri>\nError: Invalid argument type');
      try {
        await client.send(make('DeleteObject', { Bucket: match[1], Key: match[2] }));
      } catch (error) {
        context.err(`delete failed: ${paths[0]} ${serviceError(error, 'DeleteObject')}\n`);
        return 1;
      }
      context.out(`delete: ${paths[0]}\n`);
      return 0;
    }
    default:
      throw new S3UsageError(`argument subcommand: Invalid choice, valid choices are:\n\nls                                       | cp                                      \nrm                                       | mb                                      \nrb                                       | help                                    `);
  }
}

/** How the CLI names a local path in its lines: relative ones start with `./`. */
const displayLocal = (path: string): string => (path.startsWith('/') || path.startsWith('./') || path.startsWith('../') ? path : `./${path}`);

/** `aws s3 ls`'s times: local, `YYYY-MM-DD HH:MM:SS`. */
function localTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
