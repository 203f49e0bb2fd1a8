/// <reference types="vite/client" />
/** The reference solution of "Layers" as the SDK calls the console (and `aws lambda publish-layer-version`) make. */
import { PublishLayerVersionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createNodeFunction, referenceRuntime, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { functionBase, layerBase, overrideLayerBase, libraryDir } from '../check.ts';
import planetWords from '../starter/planet-words-layer/nodejs/node_modules/random-words/words.js?raw';
import libraryIndex from '../starter/random-words-layer/nodejs/node_modules/random-words/index.js?raw';
import libraryPackage from '../starter/random-words-layer/nodejs/node_modules/random-words/package.json?raw';
import libraryWords from '../starter/random-words-layer/nodejs/node_modules/random-words/words.js?raw';
import starterSource from '../starter/index.mjs?raw';
import indexSource from './index.mjs?raw';

/** The zip a learner makes of starter/random-words-layer: its top level is nodejs/. */
export function randomWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${libraryDir}package.json`]: libraryPackage, [`${libraryDir}index.js`]: libraryIndex, [`${libraryDir}words.js`]: libraryWords });
}

/** The zip of starter/planet-words-layer: only a replacement words.js. */
export function planetWordsLayerZip(): Uint8Array {
  return zipFiles({ [`${libraryDir}words.js`]: planetWords });
}

/** The learner starts with hello-layers created from starter/index.mjs, no layers yet. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  await createNodeFunction(lambda, ctx, functionBase, { 'index.mjs': starterSource });
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: zip nodejs/ and publish it (aws lambda publish-layer-version --zip-file fileb://layer.zip).
  const words = await lambda.send(
    new PublishLayerVersionCommand({ LayerName: `${ctx.prefix}${layerBase}`, Content: { ZipFile: randomWordsLayerZip() }, CompatibleRuntimes: [referenceRuntime] }),
  );
  // Task 2: Layers, Add a layer, Custom layers.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: [words.LayerVersionArn ?? ''] }));
  await waitUntilSettled(lambda, name);
  // Task 3: the handler imports the library; the function's own zip holds index.mjs only.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles({ 'index.mjs': indexSource }) }));
  await waitUntilSettled(lambda, name);
  // Task 4: a second layer with its own words.js, listed after the first.
  const planets = await lambda.send(
    new PublishLayerVersionCommand({ LayerName: `${ctx.prefix}${overrideLayerBase}`, Content: { ZipFile: planetWordsLayerZip() }, CompatibleRuntimes: [referenceRuntime] }),
  );
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: [words.LayerVersionArn ?? '', planets.LayerVersionArn ?? ''] }));
  await waitUntilSettled(lambda, name);
  ctx.answers['layer-wins'] = overrideLayerBase;
}
