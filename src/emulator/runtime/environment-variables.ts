/** The variables Lambda sets in a Node.js or Python execution environment, then the function's own. */
import type { EnvironmentSpec } from './contract.ts';
import { md5Hex } from '../md5.ts';
import { nodeMajor } from './file-system.ts';
import { functionLogGroup } from './log-format.ts';
import { runtimeFamily } from './runtimes.ts';

/** `process.version` per Node.js major the emulator imitates. */
const nodeVersions: Record<string, string> = { '18': 'v18.20.8', '20': 'v20.19.5', '22': 'v22.21.1', '24': 'v24.11.1' };

export function nodeVersion(runtime: string): string {
  return nodeVersions[nodeMajor(runtime)] ?? nodeVersions['22']!;
}

function randomChars(random: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

const HEX_DIGITS = '0123456789abcdef';
/** `n` hex digits, eight from each draw: every invocation makes a trace id, so this stays cheap. */
function randomHex(random: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 8) {
    let bits = (random() * 0x100000000) >>> 0;
    for (let j = 0; j < 8; j++, bits >>>= 4) s += HEX_DIGITS[bits & 15];
  }
  return s.length > n ? s.slice(0, n) : s;
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** What differs by family: the execution-env name and the module search path (Python's as recorded on python3.12 to 3.14). */
function familyVariables(runtime: string): { executionEnv: string; searchPath: Record<string, string> } {
  if (runtimeFamily(runtime) === 'python') return { executionEnv: `AWS_Lambda_${runtime}`, searchPath: { PYTHONPATH: '/var/runtime', LC_CTYPE: 'C.UTF-8' } };
  const major = nodeMajor(runtime);
  return {
    executionEnv: `AWS_Lambda_nodejs${major}.x`,
    searchPath: { NODE_PATH: `/opt/nodejs/node${major}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task` },
  };
}

export function buildEnvironmentVariables(spec: EnvironmentSpec, logStreamName: string, random: () => number): Record<string, string> {
  const { executionEnv, searchPath } = familyVariables(spec.runtime);
  return {
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_EXECUTION_ENV: executionEnv,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logging?.logGroup ?? functionLogGroup(spec.functionName),
    // The runtime interface clients read these to write JSON records and drop those below the level.
    ...(spec.logging?.format === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: spec.logging.applicationLogLevel ?? 'INFO' } : {}),
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: spec.initializationType ?? 'on-demand',
    AWS_LAMBDA_RUNTIME_API: '169.254.100.1:9001',
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_ACCESS_KEY_ID: `ASIA${randomChars(random, UPPER_DIGITS, 16)}`,
    AWS_SECRET_ACCESS_KEY: randomChars(random, BASE64, 40),
    AWS_SESSION_TOKEN: `IQoJb3JpZ2luX2Vj${randomChars(random, BASE64, 200)}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.100.1:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '169.254.100.1',
    _AWS_XRAY_DAEMON_PORT: '2000',
    _HANDLER: spec.handler,
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LD_LIBRARY_PATH: '/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib',
    ...searchPath,
    PWD: '/var/task',
    SHLVL: '0',
    ...spec.environment,
  };
}

/**
 * `Root=1-<8 hex seconds>-<24 hex>;Parent=<16 hex>;Sampled=0;Lineage=1:<function's hash>:0`, for an
 * invocation that starts a trace. The Lineage counts how often each function was invoked in the
 * chain of events (recursive loop detection, service/recursion.ts), so its hash names the function.
 */
export function traceId(epochMs: number, random: () => number, functionArn: string): string {
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  const hex = randomHex(random, 48);
  return `Root=1-${seconds}-${hex.slice(0, 24)};Parent=${hex.slice(24, 40)};Sampled=0;Lineage=1:${lineageHash(functionArn)}:0`;
}

/** A function's 8 hex digits in a trace header's Lineage: the same for all its versions and aliases. */
export function lineageHash(functionArn: string): string {
  let hash = lineageHashes.get(functionArn);
  if (hash === undefined) {
    // Every invocation's trace header carries it: hashed once per ARN, in a bounded memo.
    if (lineageHashes.size >= 1024) lineageHashes.clear();
    hash = md5Hex(new TextEncoder().encode(functionArn.split(':').slice(0, 7).join(':'))).slice(0, 8);
    lineageHashes.set(functionArn, hash);
  }
  return hash;
}
const lineageHashes = new Map<string, string>();
