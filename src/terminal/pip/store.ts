/**
 * The terminal's offline wheel store: real pure-Python wheels from the registry, fetched with pip
 * when the site is built (src/hosts/node/pip-store.ts), served beside an index.json that pip's
 * resolver reads instead of PyPI's simple index.
 */

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
