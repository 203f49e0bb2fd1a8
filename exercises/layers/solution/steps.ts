/// <reference types="vite/client" />
/** The reference solution of "Layers" as the SDK calls the console (and `aws lambda publish-layer-version`) make, in Node.js or Python. */
import { PublishLayerVersionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, languageOfSteps, referenceRuntimes, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { functionBase, layerBase, overrideLayerBase, libraryDir, pythonLibraryDir } from '../check.ts';
import planetWords from '../starter/planet-words-layer/nodejs/node_modules/random-words/words.js?raw';
import libraryIndex from '../starter/random-words-layer/nodejs/node_modules/random-words/index.js?raw';
import libraryPackage from '../starter/random-words-layer/nodejs/node_modules/random-words/package.json?raw';
import libraryWords from '../starter/random-words-layer/nodejs/node_modules/random-words/words.js?raw';
import starterSource from '../starter/index.mjs?raw';
import pythonPlanetWords from '../starter-python/planet-words-layer/python/random_words/words.py?raw';
import pythonLibraryInit from '../starter-python/random-words-layer/python/random_words/__init__.py?raw';
import pythonLibraryWords from '../starter-python/random-words-layer/python/random_words/words.py?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import indexSource from './index.mjs?raw';

/** The zip a learner makes of starter/random-words-layer: its top level is nodejs/. */
export function randomWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${libraryDir}package.json`]: libraryPackage, [`${libraryDir}index.js`]: libraryIndex, [`${libraryDir}words.js`]: libraryWords });
}

/** The zip of starter/planet-words-layer: only a replacement words.js. */
export function planetWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${libraryDir}words.js`]: planetWords });
}

/** The Python variant's zip of starter-python/random-words-layer: its top level is python/, as `pip install --target python` leaves it. */
export function pythonRandomWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${pythonLibraryDir}__init__.py`]: pythonLibraryInit, [`${pythonLibraryDir}words.py`]: pythonLibraryWords });
}

/** The Python variant's zip of starter-python/planet-words-layer: only a replacement words.py. */
export function pythonPlanetWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${pythonLibraryDir}words.py`]: pythonPlanetWords });
}

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The learner starts with hello-layers created from the starter handler, no layers yet. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  const python = languageOfSteps(ctx) === 'python';
  const runtime = referenceRuntimes[python ? 'python' : 'nodejs'];
  // Task 1: zip nodejs/ (python/) and publish it (aws lambda publish-layer-version --zip-file fileb://layer.zip).
  const words = await lambda.send(
    new PublishLayerVersionCommand({ LayerName: `${ctx.prefix}${layerBase}`, Content: { ZipFile: python ? pythonRandomWordsLayerZip() : randomWordsLayerZip() }, CompatibleRuntimes: [runtime] }),
  );
  // Task 2: Layers, Add a layer, Custom layers.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: [words.LayerVersionArn ?? ''] }));
  await waitUntilSettled(lambda, name);
  // Task 3: the handler imports the library; the function's own zip holds the handler only.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
  // Task 4: a second layer with its own words.js (words.py), listed after the first.
  const planets = await lambda.send(
    new PublishLayerVersionCommand({ LayerName: `${ctx.prefix}${overrideLayerBase}`, Content: { ZipFile: python ? pythonPlanetWordsLayerZip() : planetWordsLayerZip() }, CompatibleRuntimes: [runtime] }),
  );
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: [words.LayerVersionArn ?? '', planets.LayerVersionArn ?? ''] }));
  await waitUntilSettled(lambda, name);
  ctx.answers['layer-wins'] = overrideLayerBase;
}
