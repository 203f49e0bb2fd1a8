/** Deployment packages (function and layer zips) by CodeSha256, with their extracted files cached. */
import { limits } from '../limits.ts';
import { LambdaError, invalidParameter } from './errors.ts';
import { requestEntityTooLarge } from './validation.ts';
import { MalformedZipError, UnzippedSizeExceededError, base64ToBytes, bytesToBase64, sha256Base64, unzip, unzippedSize, type FileTree } from '../zip.ts';

export interface StoredCode {
  sha: string;
  size: number;
  unzippedSize: number;
  files: FileTree;
}

export class CodeStore {
  readonly #zips: Record<string, string>;
  readonly #files = new Map<string, FileTree>();

  /** Bytes of packages the account may keep (Lambda's code storage quota, 75 GB unless lowered for a shared lab). */
  readonly capacityBytes: number;

  /** `zips` is the state's `code` map (sha -> base64), shared so snapshots see every package. */
  constructor(zips: Record<string, string>, capacityBytes = limits.codeStorage.maxGb * 1024 ** 3) {
    this.#zips = zips;
    this.capacityBytes = capacityBytes;
  }

  /** Bytes of all the packages kept, zipped, as AccountUsage.TotalCodeSize counts them. */
  totalBytes(): number {
    let total = 0;
    for (const b64 of Object.values(this.#zips)) total += Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    return total;
  }

  /** Checks and stores a base64 zip from `Code.ZipFile` / `Content.ZipFile`. */
  put(zipBase64: unknown): Promise<StoredCode> {
    const bytes = typeof zipBase64 === 'string' ? base64ToBytes(zipBase64) : undefined;
    if (!bytes) throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
    return this.putBytes(bytes);
  }

  /** Checks and stores a zip's bytes (from ZipFile, or read from S3). */
  async putBytes(bytes: Uint8Array): Promise<StoredCode> {
    if (bytes.byteLength > limits.deploymentPackage.maxZippedBytes) {
      throw requestEntityTooLarge(`Zipped size must be smaller than ${limits.deploymentPackage.maxZippedBytes} bytes`);
    }
    let files: FileTree;
    try {
      files = unzip(bytes, limits.deploymentPackage.maxUnzippedBytes);
    } catch (err) {
      if (err instanceof UnzippedSizeExceededError) throw invalidParameter(`Unzipped size must be smaller than ${err.limit} bytes`);
      if (err instanceof MalformedZipError) throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
      throw err;
    }
    const size = unzippedSize(files);
    const sha = await sha256Base64(bytes);
    // A package the account already keeps takes no more room.
    if (!Object.hasOwn(this.#zips, sha) && this.totalBytes() + bytes.byteLength > this.capacityBytes) {
      throw new LambdaError('CodeStorageExceededException', 'Code storage limit exceeded.');
    }
    this.#zips[sha] = bytesToBase64(bytes);
    this.#files.set(sha, files);
    return { sha, size: bytes.byteLength, unzippedSize: size, files };
  }

  zipBytes(sha: string): Uint8Array | undefined {
    const b64 = this.#zips[sha];
    return b64 === undefined ? undefined : base64ToBytes(b64);
  }

  files(sha: string): FileTree {
    let files = this.#files.get(sha);
    if (!files) {
      const bytes = this.zipBytes(sha);
      files = bytes ? unzip(bytes) : {};
      this.#files.set(sha, files);
    }
    return files;
  }

  unzippedSize(sha: string): number {
    return unzippedSize(this.files(sha));
  }

  /** Drops packages no function version or layer version refers to any more. */
  collect(inUse: Set<string>): void {
    for (const sha of Object.keys(this.#zips)) {
      if (!inUse.has(sha)) {
        delete this.#zips[sha];
        this.#files.delete(sha);
      }
    }
  }
}
