/**
 * The terminal's offline wheel store: real pure-Python wheels from the registry, fetched with pip
 * when the site is built (src/hosts/node/pip-store.ts), served beside an index.json that pip's
 * resolver reads instead of PyPI's simple index.
 */
import { unzipSync } from 'fflate';
import { canonicalName, parseMetadata, parseWheelFilename } from './metadata.ts';
import { sha256Hex } from './wheel-install.ts';

export interface StoredWheel {
  /** The project's name as its METADATA writes it. */
  name: string;
  version: string;
  /** The wheel's file name in the store, as the registry names it. */
  file: string;
  /** Hex SHA-256 of the wheel, checked before it is unpacked (pip checks the index's hash). */
  sha256: string;
  size: number;
  /** The METADATA file's size: pip fetches it alone first (PEP 658) and prints its size. */
  metadataSize: number;
  requiresPython?: string;
  requiresDist: string[];
  license?: string;
  licenseClassifiers: string[];
  summary?: string;
}

export interface WheelIndex {
  /** The requirements the store was built from. */
  requirements: string[];
  /** The Python the wheels were chosen for. */
  python: string;
  /** Canonical (PEP 503) name to its versions. */
  packages: Record<string, StoredWheel[]>;
}

export interface WheelStore {
  index(): Promise<WheelIndex>;
  wheel(file: string): Promise<Uint8Array>;
}

/** A wheel's index entry, read from the wheel itself (the build and the tests describe wheels the same way). */
export async function describeWheel(file: string, bytes: Uint8Array): Promise<StoredWheel> {
  const parsed = parseWheelFilename(file);
  if (parsed === undefined) throw new Error(`${file} is not a wheel's file name`);
  if (parsed.abi !== 'none' || parsed.platform !== 'any') throw new Error(`${file} is not a pure-Python wheel`);
  const metadataPath = `${parsed.name}-${parsed.version}.dist-info/METADATA`;
  const metadataBytes = unzipSync(bytes, { filter: (entry) => entry.name === metadataPath })[metadataPath];
  if (metadataBytes === undefined) throw new Error(`${file} has no ${metadataPath}`);
  const metadata = parseMetadata(new TextDecoder().decode(metadataBytes));
  return {
    name: metadata.name,
    version: metadata.version,
    file,
    sha256: await sha256Hex(bytes),
    size: bytes.length,
    metadataSize: metadataBytes.length,
    ...(metadata.requiresPython !== undefined ? { requiresPython: metadata.requiresPython } : {}),
    requiresDist: metadata.requiresDist,
    ...(metadata.license !== undefined ? { license: metadata.license } : {}),
    licenseClassifiers: metadata.licenseClassifiers,
    ...(metadata.summary !== undefined ? { summary: metadata.summary } : {}),
  };
}

/** The index of a set of wheels, keyed by canonical name. */
export async function indexWheels(requirements: string[], python: string, wheels: [string, Uint8Array][]): Promise<WheelIndex> {
  const packages: Record<string, StoredWheel[]> = {};
  for (const [file, bytes] of wheels) {
    const wheel = await describeWheel(file, bytes);
    (packages[canonicalName(wheel.name)] ??= []).push(wheel);
  }
  return { requirements, python, packages };
}
