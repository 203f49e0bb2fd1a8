/**
 * Checks for "Layers": a layer with the random-words library (Node.js: nodejs/node_modules/random-words;
 * Python: the package random_words under python/), attached to hello-layers, whose handler uses it
 * without bundling it, and a second layer that replaces one of its files to show which layer wins.
 */
import { GetLayerVersionCommand, ListLayerVersionsCommand, type FunctionConfiguration, type LayerVersionsListItem } from '@aws-sdk/client-lambda';
import { answer, missingAnswer, noAnswer } from '../../src/checks/answers.ts';
import { languageOf, type Language } from '../../src/checks/languages.ts';
import { configuration, describeFunctionError, functionCode, getFunction, invoke, isNotFound, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';
import { text, type FileMap } from '../../src/checks/zip.ts';
import { handlerSource } from '../environment-variables/check.ts';

export const functionBase = 'hello-layers';
export const layerBase = 'random-words';
export const overrideLayerBase = 'planet-words';
export const libraryDir = 'nodejs/node_modules/random-words/';
export const wordsFile = `${libraryDir}words.js`;
/** Python finds packages in /opt/python and /opt/python/lib/python3.x/site-packages. */
export const pythonLibraryDir = 'python/random_words/';
export const pythonWordsFile = `${pythonLibraryDir}words.py`;
const pythonPackage = /^python\/(?:lib\/python3\.\d+\/site-packages\/)?random_words\//;
const howToCreate = 'Create it from starter/index.mjs as in "Hello, Lambda" (runtime Node.js, handler index.handler).';

interface AttachedLayer {
  arn: string;
  name: string;
  version: number;
  files: FileMap;
}

const layerVersionArn = /^(arn:[^:]+:lambda:[^:]+:\d{12}:layer:([A-Za-z0-9_-]+)):(\d+)$/;

async function downloadLayer(ctx: CheckContext, layerName: string, version: number): Promise<FileMap> {
  const layer = await ctx.lambda.send(new GetLayerVersionCommand({ LayerName: layerName, VersionNumber: version }));
  const location = layer.Content?.Location;
  if (location === undefined) throw new CheckFailure(`GetLayerVersion returned no Content.Location for ${layerName}:${version}.`, { expected: 'Content.Location in GetLayerVersion', got: 'none' });
  return ctx.downloadZip(location);
}

/** The function's layers in the order the runtime extracts them into /opt. */
async function attachedLayers(ctx: CheckContext, config: FunctionConfiguration): Promise<AttachedLayer[]> {
  const layers: AttachedLayer[] = [];
  for (const layer of config.Layers ?? []) {
    const match = layer.Arn?.match(layerVersionArn);
    if (!match || match[1] === undefined || match[2] === undefined || match[3] === undefined) continue;
    const version = Number(match[3]);
    // A layer in the function's own account is asked for by name; a shared one by its ARN.
    const sameAccount = config.FunctionArn?.split(':')[4] === match[1].split(':')[4];
    layers.push({ arn: layer.Arn ?? '', name: match[2], version, files: await downloadLayer(ctx, sameAccount ? match[2] : match[1], version) });
  }
  return layers;
}

/** /opt as the function sees it: later layers replace the same path in earlier ones. */
function mergeLayers(layers: AttachedLayer[]): FileMap {
  return Object.assign({}, ...layers.map((l) => l.files)) as FileMap;
}

function stringLiterals(source: string): string[] {
  return [...source.matchAll(/(['"])([^'"\\\n]*)\1/g)].map((m) => m[2] ?? '');
}

function isLibraryFile(language: Language, path: string): boolean {
  return language === 'python' ? pythonPackage.test(path) && path.endsWith('.py') : path.startsWith(libraryDir) && path.endsWith('.js');
}

function isWordsFile(language: Language, path: string): boolean {
  return language === 'python' ? pythonPackage.test(path) && path.endsWith('/words.py') : path === wordsFile;
}

/** The word list the runtime imports from /opt: for Python, site-packages comes before python/ on sys.path. */
function wordsFileIn(language: Language, opt: FileMap): string {
  if (language === 'nodejs') return wordsFile;
  const found = Object.keys(opt).filter((p) => isWordsFile('python', p)).sort((a, b) => b.length - a.length);
  return found[0] ?? pythonWordsFile;
}

/** The words the library can return: the literals of its word list, or of the whole package without one. */
function libraryWords(opt: FileMap, language: Language): Set<string> {
  const file = wordsFileIn(language, opt);
  const sources = opt[file] !== undefined
    ? [text(opt[file])]
    : Object.entries(opt).filter(([path]) => isLibraryFile(language, path)).map(([, content]) => text(content));
  return new Set(sources.flatMap(stringLiterals).filter((w) => /^[a-z]+$/i.test(w)));
}

function outputWords(json: unknown): string[] | undefined {
  const list = json && typeof json === 'object' && !Array.isArray(json) ? (json as { words?: unknown }).words : json;
  if (Array.isArray(list) && list.length > 0 && list.every((w) => typeof w === 'string')) return list as string[];
  return undefined;
}

async function publishLayer(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(layerBase);
  let versions: LayerVersionsListItem[];
  try {
    versions = (await ctx.lambda.send(new ListLayerVersionsCommand({ LayerName: name }))).LayerVersions ?? [];
  } catch (err) {
    if (!isNotFound(err)) throw err;
    versions = [];
  }
  const newest = versions.map((v) => v.Version ?? 0).sort((a, b) => b - a)[0];
  if (newest === undefined) return { score: 0, message: `Expected a layer named ${name} with at least one version, found none. Zip the nodejs folder and choose Layers, Create layer.`, mismatches: [{ expected: `a layer ${name} with a version`, got: 'no such layer' }] };
  const files = await downloadLayer(ctx, name, newest);
  const c = new Criteria();
  c.add(1, true, `Layer ${name} has version ${newest}.`);
  const entry = `${libraryDir}index.js`;
  const pythonEntry = Object.keys(files).find((p) => pythonPackage.test(p) && p.endsWith('random_words/__init__.py'));
  if (files[entry] !== undefined) {
    c.add(2, true, `Its zip holds ${entry}.`);
  } else if (pythonEntry !== undefined) {
    c.add(2, true, `Its zip holds ${pythonEntry}.`);
  } else {
    const misplaced = Object.keys(files).find((p) => p.endsWith('random-words/index.js'));
    const misplacedPython = Object.keys(files).find((p) => p.endsWith('random_words/__init__.py'));
    c.add(2, false, misplaced !== undefined
      ? `Version ${newest} holds ${misplaced}, but Node.js looks for modules in /opt/nodejs/node_modules: zip the folder so that its top level is nodejs/ (expected ${entry}).`
      : misplacedPython !== undefined
        ? `Version ${newest} holds ${misplacedPython}, but Python looks for packages in /opt/python: zip the folder so that its top level is python/ (expected ${pythonLibraryDir}__init__.py).`
        : `Expected ${entry} in version ${newest}'s zip, found ${Object.keys(files).slice(0, 6).join(', ') || 'an empty zip'}.`,
      { expected: `${entry} in the zip`, got: misplaced ?? misplacedPython ?? (Object.keys(files).slice(0, 6).join(', ') || 'an empty zip') });
  }
  return c.verdict();
}

async function attachLayer(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const layerName = ctx.name(layerBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const arns = (config.Layers ?? []).map((l) => l.Arn ?? '');
  const attached = arns.find((arn) => arn.match(layerVersionArn)?.[2] === layerName);
  return attached !== undefined
    ? { score: 1, message: `${name} uses ${attached}.` }
    : { score: 0, message: `Expected ${name} to use a version of the layer ${layerName}, found ${arns.length === 0 ? 'no layers' : arns.join(', ')}. Add it under Layers, Add a layer, Custom layers.`, mismatches: [{ expected: `a version of the layer ${layerName}`, got: arns.length === 0 ? 'no layers' : arns.join(', ') }] };
}

const importsLibrary = /require\(\s*['"]random-words['"]\s*\)|from\s+['"]random-words['"]|import\(\s*['"]random-words['"]\s*\)/;
const importsPythonLibrary = /^\s*(?:import\s+random_words\b|from\s+random_words(?:\.\w+)?\s+import\b)/m;

async function useLayer(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const fn = await getFunction(ctx, name, undefined, howToCreate);
  const config = configuration(fn);
  const code = await functionCode(ctx, fn);
  const c = new Criteria();
  const handler = handlerSource(config, code);
  const language = languageOf(config.Runtime) ?? 'nodejs';
  const python = language === 'python';
  const imports = handler !== undefined && (python ? importsPythonLibrary : importsLibrary).test(handler.source);
  c.add(1, imports, imports ? `${handler?.path} loads ${python ? 'random_words' : 'random-words'}.` : python
    ? `Expected the handler file to load the library (from random_words import generate), found ${handler === undefined ? `no file for the handler ${show(config.Handler)}` : `no import of random_words in ${handler.path}`}.`
    : `Expected the handler file to load the library (import { generate } from 'random-words'), found ${handler === undefined ? `no file for the handler ${show(config.Handler)}` : `no import or require of random-words in ${handler.path}`}.`,
    imports ? undefined : { expected: `the handler loading ${python ? 'random_words' : 'random-words'}`, got: handler === undefined ? `no file for the handler ${show(config.Handler)}` : `no import of it in ${handler.path}` });
  const bundled = Object.keys(code).filter((p) => python ? p.includes('random_words/') || p.endsWith('words.py') : p.includes('random-words/') || p.endsWith('words.js'));
  // Not bundling only counts in code that uses the library at all.
  c.add(1, imports && bundled.length === 0, !imports && bundled.length === 0 ? '' : bundled.length === 0
    ? 'The library is not bundled in the function\'s own package.'
    : `The function's own package contains ${bundled.join(', ')}: the library should come from the layer only. Delete it from the function and deploy.`, bundled.length > 0 ? { expected: "the library only in the layer", got: `${bundled.join(', ')} in the function's package` } : undefined);
  const opt = mergeLayers(await attachedLayers(ctx, config));
  const words = libraryWords(opt, language);
  const result = await invoke(ctx, name, {});
  if (result.functionError !== undefined) {
    c.add(2, false, `Invoking ${name}: ${describeFunctionError(result)}.`, { expected: 'a successful invocation', got: describeFunctionError(result) });
    return c.verdict();
  }
  const returned = outputWords(result.json);
  if (returned === undefined) {
    c.add(2, false, `Expected the handler to return { words: [...] } with words from the library, got ${show(result.json ?? result.text)}.`, { expected: '{ words: [...] }', got: show(result.json ?? result.text) });
    return c.verdict();
  }
  const foreign = returned.filter((w) => !words.has(w));
  c.add(2, words.size > 0 && foreign.length === 0, words.size === 0
    ? `None of the function's layers provide ${wordsFileIn(language, opt)}, so ${show(returned)} cannot come from a layer.`
    : foreign.length === 0
      ? `It returned ${show(returned)}, words from the layer.`
      : `It returned ${show(returned)}, but ${foreign.map((w) => JSON.stringify(w)).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not in the layer's word list.`,
    { expected: `words from ${wordsFileIn(language, opt)} in a layer`, got: words.size === 0 ? 'no layer with that file' : show(returned) });
  return c.verdict();
}

/** Accepts a layer name, with or without the class prefix, or its ARN with or without version. */
function layerNameFromAnswer(given: string): string {
  const arn = given.match(/:layer:([A-Za-z0-9_-]+)/);
  return (arn?.[1] ?? given).trim();
}

async function layerOrder(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const layers = await attachedLayers(ctx, config);
  const language = languageOf(config.Runtime) ?? 'nodejs';
  const example = language === 'python' ? pythonWordsFile : wordsFile;
  const c = new Criteria();
  const twoLayers = layers.length >= 2;
  if (!c.add(1, twoLayers, twoLayers ? `${name} uses ${layers.map((l) => `${l.name}:${l.version}`).join(', then ')}.` : `Expected ${name} to use two layers (${ctx.name(layerBase)} and then ${ctx.name(overrideLayerBase)}), found ${layers.length === 0 ? 'none' : layers.map((l) => l.name).join(', ')}.`, { expected: 'two layers', got: layers.length === 0 ? 'none' : layers.map((l) => l.name).join(', ') })) {
    c.add(2, false, 'Which layer wins cannot be judged with fewer than two.');
    return c.verdict();
  }
  const owners = new Map<string, number[]>();
  layers.forEach((layer, index) => Object.keys(layer.files).forEach((path) => owners.set(path, [...(owners.get(path) ?? []), index])));
  const shared = [...owners].filter(([, idx]) => idx.length >= 2).map(([path]) => path);
  const sharedWords = shared.find((p) => isWordsFile(language, p));
  const path = sharedWords ?? shared[0];
  if (!c.add(1, path !== undefined, path !== undefined ? `More than one of them ships ${path}.` : `Expected two of ${name}'s layers to ship the same file (e.g. ${example}), but no path appears twice.`, { expected: `two layers shipping the same file (e.g. ${example})`, got: 'no path in two layers' }) || path === undefined) {
    c.add(1, false, 'Which layer wins cannot be judged without a shared file.');
    return c.verdict();
  }
  const winner = layers[Math.max(...(owners.get(path) ?? []))] as AttachedLayer;
  const given = answer(ctx, 'layer-wins');
  if (given === undefined) {
    c.add(1, false, missingAnswer('layer-wins'), noAnswer('layer-wins'));
  } else {
    const named = layerNameFromAnswer(given);
    const right = named === winner.name || `${ctx.prefix}${named}` === winner.name;
    c.add(1, right, right
      ? `${winner.name} wins: it comes later in the function's layer list, so its ${path} replaces the earlier one in /opt.`
      : `Your answer names ${show(named)}, but the function uses ${path} from ${winner.name}: layers are extracted in order, and the later one replaces the file.`, { expected: 'the layer whose file the function uses', got: show(named) });
  }
  if (path === sharedWords) {
    const result = await invoke(ctx, name, {});
    const returned = outputWords(result.json);
    const winnerWords = new Set(stringLiterals(text(winner.files[path])));
    const fromWinner = result.functionError === undefined && returned !== undefined && returned.every((w) => winnerWords.has(w));
    c.add(1, fromWinner, fromWinner
      ? `The function returned ${show(returned)}, from ${winner.name}'s list.`
      : `Expected the function to return words from ${winner.name}'s ${path}, got ${result.functionError !== undefined ? describeFunctionError(result) : show(result.json ?? result.text)}.`,
      { expected: `words from ${winner.name}'s ${path}`, got: result.functionError !== undefined ? describeFunctionError(result) : show(result.json ?? result.text) });
  }
  return c.verdict();
}

export const checks: ExerciseChecks = {
  slug: 'layers',
  questions: [
    { id: 'layer-wins', task: 'layer-order', prompt: 'Both layers ship the word list (nodejs/node_modules/random-words/words.js, or python/random_words/words.py in Python). Which layer\'s file does the function use? Give the layer\'s name.' },
  ],
  tasks: [
    { id: 'publish-layer', check: publishLayer },
    { id: 'attach-layer', check: attachLayer },
    { id: 'use-layer', check: useLayer },
    { id: 'layer-order', check: layerOrder },
  ],
};
