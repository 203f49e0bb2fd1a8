/**
 * Layers: PublishLayerVersion, GetLayerVersion, ListLayerVersions, ListLayers, DeleteLayerVersion,
 * the permissions that share a version with other accounts (AddLayerVersionPermission,
 * GetLayerVersionPolicy, RemoveLayerVersionPermission), and the /opt merge.
 */
import { layerArn, parseLayerVersionArn, LAYER_VERSION_ARN_PATTERN } from './arn.ts';
import { LambdaError, ValidationErrors, conflict, invalidParameter, notFound, quote, validationError } from './errors.ts';
import type { CodeStore, StoredCode } from './code-store.ts';
import type { LayerRecord, LayerVersionRecord, PolicyStatement } from './state.ts';
import { ARCHITECTURES } from './validation.ts';
import { LAMBDA_RUNTIMES, RETIRED_RUNTIMES } from '../runtimes.ts';
import { limits } from '../limits.ts';
import type { FileTree } from '../zip.ts';
import { dict } from './dict.ts';
import { isoMillis } from './clock.ts';
import { listResponse } from './pagination.ts';
import { stringField, type Json } from './context.ts';

const LAYER_NAME_RE = /^[a-zA-Z0-9-_]{1,140}$/;
const LAYER_ARN_RE = /^arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]{1,140})$/;
const COMPATIBLE_RUNTIMES = [...LAMBDA_RUNTIMES, ...RETIRED_RUNTIMES];

export const LAYER_WITHOUT_RUNTIME_FOLDER_WARNING =
  'This layer has no top-level nodejs/ or python/ folder. Lambda extracts it into /opt as it is, but Node.js only looks for modules in /opt/nodejs/node_modules and /opt/nodejs/node<major>/node_modules, and Python only in /opt/python and /opt/python/lib/python3.<minor>/site-packages, so imports will not find them. Zip the layer with nodejs/node_modules/<package> or python/<package> at its root.';

export interface LayerContext {
  region: string;
  accountId: string;
  code: CodeStore;
  now(): number;
  /** Where Content.Location points: a route on the emulator's endpoint. */
  codeLocation(sha: string): string;
  /** Stores the package `Content` names: its ZipFile, or the S3 object it points at. */
  storeCode(source: Json | undefined): Promise<StoredCode>;
  /** A new RevisionId. */
  uuid(): string;
  /**
   * Another account's layer version, as its owner's policy lets this account use it: the version
   * and its files, 'denied' when the owner has not granted lambda:GetLayerVersion, undefined when
   * there is no such version (a shared lab wires this; alone, an account knows no other).
   */
  foreignVersion?(arn: string): { version: LayerVersionRecord; files: FileTree } | 'denied' | undefined;
}

/** Another account's layer version used by a function, named by its ARN. */
export type ForeignLayerVersion = NonNullable<LayerContext['foreignVersion']>;

/** The patterns Lambda validates AddLayerVersionPermission's members against, as its messages quote them. */
const LAYER_PERMISSION = {
  statementId: '([a-zA-Z0-9-_]+)',
  action: 'lambda:GetLayerVersion',
  principal: '\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root',
  organizationId: 'o-[a-z0-9]{10,32}',
} as const;

const layerPolicyPreconditionFailed = () =>
  new LambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id');

export class LayerRegistry {
  /** The files of other accounts' layer versions this account's functions use. */
  readonly #foreignFiles = new WeakMap<LayerVersionRecord, FileTree>();

  constructor(
    private readonly layers: Record<string, LayerRecord>,
    private readonly ctx: LayerContext,
  ) {}

  async publish(nameOrArn: string, input: Json): Promise<Json> {
    const layerName = this.#name(nameOrArn);
    const errors = new ValidationErrors();
    const runtimes = input['CompatibleRuntimes'];
    if (runtimes !== undefined) {
      const list = Array.isArray(runtimes) ? runtimes.map(String) : [];
      const bad = list.filter((r) => !COMPATIBLE_RUNTIMES.includes(r));
      if (bad.length > 0 || list.length > 15) {
        errors.add(`'[${list.join(', ')}]'`, 'compatibleRuntimes', `Member must satisfy enum value set: [${COMPATIBLE_RUNTIMES.join(', ')}]`);
      }
    }
    const archs = input['CompatibleArchitectures'];
    if (archs !== undefined) {
      const list = Array.isArray(archs) ? archs.map(String) : [];
      for (const a of list) if (!ARCHITECTURES.includes(a)) errors.add(quote(a), 'compatibleArchitecture', `Member must satisfy enum value set: [${ARCHITECTURES.join(', ')}]`);
    }
    errors.throwIfAny();
    const stored = await this.ctx.storeCode(input['Content'] as Json | undefined);
    const record = (this.layers[layerName] ??= { versions: dict(), nextVersion: 1 });
    const version = record.nextVersion++;
    // The folders the Node.js and Python runtimes search in /opt.
    const hasRuntimeFolder = Object.keys(stored.files).some((p) => p.startsWith('nodejs/') || p.startsWith('python/'));
    const lv: LayerVersionRecord = {
      LayerName: layerName,
      Version: version,
      Description: stringField(input, 'Description') ?? '',
      CreatedDate: isoMillis(this.ctx.now()),
      ...(Array.isArray(runtimes) ? { CompatibleRuntimes: runtimes.map(String) } : {}),
      ...(Array.isArray(archs) ? { CompatibleArchitectures: archs.map(String) } : {}),
      ...(typeof input['LicenseInfo'] === 'string' ? { LicenseInfo: input['LicenseInfo'] } : {}),
      CodeSha256: stored.sha,
      CodeSize: stored.size,
      UnzippedSize: stored.unzippedSize,
      Warnings: hasRuntimeFolder ? [] : [LAYER_WITHOUT_RUNTIME_FOLDER_WARNING],
    };
    record.versions[String(version)] = lv;
    return this.#view(lv, true);
  }

  get(layerName: string, version: number): Json {
    return this.#view(this.#version(layerName, version), true);
  }

  getByArn(arn: string): Json {
    const ref = parseLayerVersionArn(arn);
    if (!ref) throw validationError(quote(arn), 'arn', `Member must satisfy regular expression pattern: ${LAYER_VERSION_ARN_PATTERN}`);
    return this.get(ref.layerName, ref.version);
  }

  list(nameOrArn: string, input: { marker?: string; maxItems?: number; runtime?: string; architecture?: string }): Json {
    const layerName = this.#name(nameOrArn);
    const record = this.layers[layerName];
    const all = record ? Object.values(record.versions).sort((a, b) => b.Version - a.Version).filter((v) => matches(v, input)) : [];
    return listResponse('LayerVersions', all, input.marker, input.maxItems, (v) => this.#view(v, false));
  }

  listLayers(input: { marker?: string; maxItems?: number; runtime?: string; architecture?: string }): Json {
    const all = Object.keys(this.layers)
      .sort()
      .map((name) => {
        const versions = Object.values(this.layers[name]!.versions).filter((v) => matches(v, input));
        const latest = versions.sort((a, b) => b.Version - a.Version)[0];
        return latest ? { LayerName: name, LayerArn: layerArn(this.ctx.region, this.ctx.accountId, name), LatestMatchingVersion: this.#view(latest, false) } : undefined;
      })
      .filter((x) => x !== undefined);
    return listResponse('Layers', all, input.marker, input.maxItems);
  }

  delete(nameOrArn: string, version: number): void {
    const layerName = this.#name(nameOrArn);
    const record = this.layers[layerName];
    if (record) delete record.versions[String(version)];
  }

  /** Checks a function's `Layers` list and returns the resolved versions in order. */
  resolveForFunction(arns: unknown): LayerVersionRecord[] {
    if (arns === undefined || arns === null) return [];
    if (!Array.isArray(arns)) throw validationError(quote(String(arns)), 'layers', 'Member must be a list of layer version ARNs');
    const list = arns.map(String);
    if (list.some((arn) => !parseLayerVersionArn(arn))) {
      throw validationError(`'[${list.join(', ')}]'`, 'layers', `Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${LAYER_VERSION_ARN_PATTERN}, Member must not be null]`);
    }
    if (list.length > limits.layers.maxPerFunction) throw invalidParameter(`Cannot reference more than ${limits.layers.maxPerFunction} layers.`);
    const seen = new Map<string, string>();
    const out: LayerVersionRecord[] = [];
    for (const arn of list) {
      const ref = parseLayerVersionArn(arn)!;
      if (ref.region !== this.ctx.region) {
        throw invalidParameter(`Layers are not in the same region as the function. Layers are expected to be in region ${this.ctx.region}.`);
      }
      const base = layerArn(ref.region, ref.accountId, ref.layerName);
      const prior = seen.get(base);
      if (prior !== undefined) {
        throw invalidParameter(
          `Two different versions of the same layer are not allowed to be referenced in the same function. ${prior} and ${arn} are versions of the same layer.`,
        );
      }
      seen.set(base, arn);
      const lv = ref.accountId === this.ctx.accountId ? this.layers[ref.layerName]?.versions[String(ref.version)] : this.#foreign(arn, true);
      if (!lv) throw invalidParameter(`Layer version ${arn} does not exist.`);
      out.push(lv);
    }
    return out;
  }

  /** Layers extracted into /opt in the order listed: the same path in a later layer wins. */
  mergeOpt(versions: readonly LayerVersionRecord[]): FileTree {
    const opt: FileTree = dict();
    for (const lv of versions) Object.assign(opt, this.#foreignFiles.get(lv) ?? this.ctx.code.files(lv.CodeSha256));
    return opt;
  }

  /** AddLayerVersionPermission: one statement letting an account, an organization or everyone use this version. */
  addPermission(nameOrArn: string, version: number, input: Json, revisionId: string | undefined): Json {
    const errors = new ValidationErrors();
    const sid = stringField(input, 'StatementId');
    const action = stringField(input, 'Action');
    const principal = stringField(input, 'Principal');
    const organizationId = stringField(input, 'OrganizationId');
    const check = (value: string | undefined, member: keyof typeof LAYER_PERMISSION, max?: number) => {
      if (value === undefined) errors.add('null', member, 'Member must not be null');
      else if (max !== undefined && value.length > max) errors.add(quote(value), member, `Member must have length less than or equal to ${max}`);
      else if (!new RegExp(`^(${LAYER_PERMISSION[member]})$`).test(value)) errors.add(quote(value), member, `Member must satisfy regular expression pattern: ${LAYER_PERMISSION[member]}`);
    };
    check(sid, 'statementId', 100);
    check(action, 'action');
    check(principal, 'principal');
    if (organizationId !== undefined) check(organizationId, 'organizationId', 34);
    errors.throwIfAny();
    const lv = this.#version(nameOrArn, version);
    if (revisionId !== undefined && revisionId !== lv.Policy?.RevisionId) throw layerPolicyPreconditionFailed();
    if (lv.Policy?.Statement.some((s) => s.Sid === sid)) {
      throw conflict(`The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
    }
    const statement: PolicyStatement = {
      Sid: sid!,
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : { AWS: /^\d{12}$/.test(principal!) ? `arn:aws:iam::${principal}:root` : principal! },
      Action: action!,
      Resource: `${layerArn(this.ctx.region, this.ctx.accountId, lv.LayerName)}:${lv.Version}`,
      ...(organizationId !== undefined ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } } : {}),
    };
    lv.Policy = { RevisionId: this.ctx.uuid(), Statement: [...(lv.Policy?.Statement ?? []), statement] };
    return { Statement: JSON.stringify(statement), RevisionId: lv.Policy.RevisionId };
  }

  /** GetLayerVersionPolicy. */
  getPolicy(nameOrArn: string, version: number): Json {
    const lv = this.#version(nameOrArn, version);
    if (!lv.Policy) throw notFound('No policy is associated with the given resource.');
    return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: lv.Policy.Statement }), RevisionId: lv.Policy.RevisionId };
  }

  /** RemoveLayerVersionPermission. */
  removePermission(nameOrArn: string, version: number, statementId: string, revisionId: string | undefined): void {
    const lv = this.#version(nameOrArn, version);
    if (revisionId !== undefined && revisionId !== lv.Policy?.RevisionId) throw layerPolicyPreconditionFailed();
    const remaining = (lv.Policy?.Statement ?? []).filter((s) => s.Sid !== statementId);
    if (!lv.Policy || remaining.length === lv.Policy.Statement.length) throw notFound(`Statement ${statementId} is not found in resource policy.`);
    // Unlike a function's, a layer version's policy stays (empty) once it has had one.
    lv.Policy = { RevisionId: this.ctx.uuid(), Statement: remaining };
  }

  versionByArn(arn: string): LayerVersionRecord | undefined {
    const ref = parseLayerVersionArn(arn);
    if (ref && ref.accountId !== this.ctx.accountId) return this.#foreign(arn, false);
    return ref ? this.layers[ref.layerName]?.versions[String(ref.version)] : undefined;
  }

  /** Another account's version, when its owner lets this account use it; `refuse`: a denial is AccessDeniedException. */
  #foreign(arn: string, refuse: boolean): LayerVersionRecord | undefined {
    const found = this.ctx.foreignVersion?.(arn);
    if (found === 'denied') {
      if (!refuse) return undefined;
      throw new LambdaError('AccessDeniedException', `User: arn:aws:iam::${this.ctx.accountId}:root is not authorized to perform: lambda:GetLayerVersion on resource: ${arn}`);
    }
    if (found) this.#foreignFiles.set(found.version, found.files);
    return found?.version;
  }

  shasInUse(): string[] {
    return Object.values(this.layers).flatMap((l) => Object.values(l.versions).map((v) => v.CodeSha256));
  }

  /** The bare layer name from a name or a layer ARN, as every layer operation accepts either. */
  #name(raw: string): string {
    const arn = LAYER_ARN_RE.exec(raw);
    if (!arn) {
      this.#checkName(raw);
      return raw;
    }
    const [, region, accountId, name] = arn;
    if (region !== this.ctx.region || accountId !== this.ctx.accountId) throw notFound(`Layer ${raw} does not exist.`);
    return name!;
  }

  #checkName(name: string): void {
    if (!LAYER_NAME_RE.test(name)) {
      throw validationError(quote(name), 'layerName', 'Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+');
    }
  }

  #version(nameOrArn: string, version: number): LayerVersionRecord {
    const layerName = this.#name(nameOrArn);
    if (!(version >= 1)) throw invalidParameter('Layer Version Cannot be less than 1');
    const lv = this.layers[layerName]?.versions[String(version)];
    if (!lv) throw notFound(`Layer version ${layerArn(this.ctx.region, this.ctx.accountId, layerName, version)} does not exist.`);
    return lv;
  }

  #view(lv: LayerVersionRecord, withContent: boolean): Json {
    const arn = layerArn(this.ctx.region, this.ctx.accountId, lv.LayerName);
    return {
      ...(withContent ? { Content: { CodeSha256: lv.CodeSha256, CodeSize: lv.CodeSize, Location: this.ctx.codeLocation(lv.CodeSha256) } } : {}),
      ...(lv.CompatibleArchitectures ? { CompatibleArchitectures: lv.CompatibleArchitectures } : {}),
      ...(lv.CompatibleRuntimes ? { CompatibleRuntimes: lv.CompatibleRuntimes } : {}),
      CreatedDate: lv.CreatedDate,
      Description: lv.Description,
      ...(withContent ? { LayerArn: arn } : {}),
      LayerVersionArn: `${arn}:${lv.Version}`,
      ...(lv.LicenseInfo !== undefined ? { LicenseInfo: lv.LicenseInfo } : {}),
      Version: lv.Version,
      // Not part of Lambda's API (SDKs drop it); raw HTTP clients and the inspection API see it.
      ...(lv.Warnings.length > 0 ? { EmulatorWarnings: lv.Warnings } : {}),
    };
  }
}

function matches(v: LayerVersionRecord, input: { runtime?: string; architecture?: string }): boolean {
  if (input.runtime && !(v.CompatibleRuntimes ?? []).includes(input.runtime)) return false;
  if (input.architecture && !(v.CompatibleArchitectures ?? []).includes(input.architecture)) return false;
  return true;
}
