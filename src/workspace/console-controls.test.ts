import { describe, expect, it } from 'vitest';
import { unzip } from '../emulator/index.ts';
import { layerArnParts, moveLayer } from './panels/function-layers.ts';
import { runtimeLabel } from './panels/function-bar.ts';
import { downloadButtonName, starterButtonName, starterZip, starterZipName } from './panels/layers.ts';
import { qualifierInAddress, qualifierLabel } from './panels/qualifier.ts';
import { testTargetText } from './panels/test.ts';
import { exerciseFiles } from './exercise-files.ts';
import { missingSendPermission } from './panels/async.ts';

describe('Edit order of a function’s layers', () => {
  it('moves the chosen layer one place earlier or later, and nowhere past either end', () => {
    expect(moveLayer(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveLayer(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveLayer(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveLayer(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveLayer([], 0, 1)).toEqual([]);
  });

  it('reads a layer version ARN into its name and version', () => {
    expect(layerArnParts('arn:aws:lambda:us-east-1:123456789012:layer:random-words:2')).toEqual({ name: 'random-words', version: '2' });
  });
});

describe('the console’s names', () => {
  it('names runtimes as the console lists them', () => {
    expect(runtimeLabel('nodejs22.x')).toBe('Node.js 22.x');
    expect(runtimeLabel('python3.13')).toBe('Python 3.13');
  });

  it('keeps the open qualifier in the address, and reads back only what a qualifier can be', () => {
    expect(qualifierInAddress('?qualifier=2')).toBe('2');
    expect(qualifierInAddress('?qualifier=%24LATEST')).toBe('$LATEST');
    expect(qualifierInAddress('?qualifier=prod&x=1')).toBe('prod');
    expect(qualifierInAddress('')).toBe('');
    expect(qualifierInAddress('?qualifier=%3Cscript%3E')).toBe('');
    expect(qualifierInAddress(`?qualifier=${'a'.repeat(129)}`)).toBe('');
  });

  it('says what Test invokes: the qualifier open in the selector', () => {
    expect(testTargetText('')).toBe('Test invokes the function (unqualified, which runs $LATEST). Open a version or alias in the Qualifier selector to test it.');
    expect(testTargetText('$LATEST')).toBe('Test invokes $LATEST.');
    expect(testTargetText('3')).toBe('Test invokes version 3 (open in the Qualifier selector).');
    expect(testTargetText('live')).toBe('Test invokes alias live (open in the Qualifier selector).');
  });

  it('names qualifiers as the version selector does', () => {
    expect(qualifierLabel('')).toBe('$LATEST');
    expect(qualifierLabel('3')).toBe('Version 3');
    expect(qualifierLabel('prod')).toBe('Alias prod');
  });
});

describe('the layers exercise’s starter, handed over by the page', () => {
  it('zips random-words-layer with nodejs/ at the top, as `zip -r ../random-words.zip nodejs` does', () => {
    const { layers } = exerciseFiles('layers');
    expect(Object.keys(layers).sort()).toEqual(['planet-words', 'random-words']);
    const files = unzip(starterZip(layers['random-words']!));
    expect(Object.keys(files).sort()).toEqual([
      'nodejs/node_modules/random-words/index.js',
      'nodejs/node_modules/random-words/package.json',
      'nodejs/node_modules/random-words/words.js',
    ]);
    expect(new TextDecoder().decode(files['nodejs/node_modules/random-words/package.json'])).toContain('"name"');
    expect(starterZipName('random-words')).toBe('random-words-layer.zip');
    expect(starterButtonName('planet-words')).toBe('Create layer planet-words from starter');
  });

  it('hands over the Python sources too, python/ at the top, as `zip -r ../random-words.zip python` does', () => {
    const { python } = exerciseFiles('layers');
    expect(Object.keys(python.layers).sort()).toEqual(['planet-words', 'random-words']);
    const files = unzip(starterZip(python.layers['random-words']!));
    expect(Object.keys(files).every((p) => p.startsWith('python/random_words/'))).toBe(true);
    expect(Object.keys(files)).toContain('python/random_words/__init__.py');
    // The Python layer sources are not function code: lambda_function.py is the starter's only file.
    expect(Object.keys(python.starter)).toEqual(['lambda_function.py']);
    expect(downloadButtonName('random-words', 'python')).toBe('Download random-words-layer.zip (Python)');
    expect(starterButtonName('random-words', 'python')).toBe('Create layer random-words from Python starter');
  });
});

describe('a destination the execution role may not send to', () => {
  const role = 'arn:aws:iam::000000000000:role/lambda-role';
  it('reads which action on which resource Lambda refused, for a destination and for a dead-letter queue', () => {
    const queue = 'arn:aws:sqs:us-east-1:000000000000:hello-lambda-success';
    expect(missingSendPermission(new Error(`The function's execution role does not have permissions to call SendMessage on ${queue}`), role))
      .toEqual({ roleArn: role, action: 'sqs:SendMessage', resource: queue });
    const topic = 'arn:aws:sns:us-east-1:000000000000:alerts';
    expect(missingSendPermission(new Error(`The function's execution role does not have permissions to call Publish on ${topic}`), role))
      .toEqual({ roleArn: role, action: 'sns:Publish', resource: topic });
    const dlq = 'arn:aws:sqs:us-east-1:000000000000:hello-lambda-dlq';
    expect(missingSendPermission(new Error('The provided execution role does not have permissions to call SendMessage on SQS'), role, '', '', dlq))
      .toEqual({ roleArn: role, action: 'sqs:SendMessage', resource: dlq });
    expect(missingSendPermission(new Error('Function not found'), role)).toBeUndefined();
  });
});
