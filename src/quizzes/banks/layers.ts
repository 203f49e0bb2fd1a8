import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

const MB = 2 ** 20;

export default {
  id: 'layers',
  title: 'Check yourself: layers',
  questions: [
    {
      id: 'node-layout',
      kind: 'single',
      prompt: 'Where must `random-words` be inside a Node.js layer’s .zip so that `import` finds it?',
      options: [
        { id: 'nodejs-node-modules', text: '`nodejs/node_modules/random-words/`' },
        { id: 'node-modules', text: '`node_modules/random-words/`' },
        { id: 'opt', text: '`opt/random-words/`' },
        { id: 'python', text: '`python/lib/random-words/`' },
      ],
      answer: 'nodejs-node-modules',
      explanation: 'The layer extracts into /opt, and Node.js looks in /opt/nodejs/node_modules (and /opt/nodejs/node22/node_modules). A top-level node_modules/ extracts fine but is never searched.',
    },
    {
      id: 'python-layout',
      kind: 'multiple',
      prompt: 'Which paths inside a Python layer’s .zip does the Python runtime search? Choose all that apply.',
      options: [
        { id: 'python', text: '`python/`' },
        { id: 'site-packages', text: '`python/lib/python3.13/site-packages/` (for Python 3.13)' },
        { id: 'top', text: 'The top level of the .zip' },
        { id: 'nodejs', text: '`nodejs/node_modules/`' },
      ],
      answers: ['python', 'site-packages'],
      explanation: '/opt/python and /opt/python/lib/python3.x/site-packages are on the Python path; `pip install -t` into either works.',
    },
    {
      id: 'override',
      kind: 'single',
      prompt: 'Layers A (listed first) and B (listed second) both contain `nodejs/node_modules/util/index.js`. Which one does the function load?',
      options: [
        { id: 'a', text: 'The one from A' },
        { id: 'b', text: 'The one from B' },
        { id: 'error', text: 'Neither: attaching the layers fails' },
      ],
      answer: 'b',
      explanation: 'Layers are extracted into /opt in order, merging folders; a file from a later layer replaces the same path from an earlier one.',
    },
    {
      id: 'max-layers',
      kind: 'number',
      limit: 'layers.maxPerFunction',
      prompt: 'How many layers can a function use at most?',
      units: [{ unit: 'layers', factor: 1 }],
      answer: limits.layers.maxPerFunction,
      explanation: `${limits.layers.maxPerFunction} layers; and function plus layers must fit in ${limits.deploymentPackage.maxUnzippedBytes / MB} MB unzipped.`,
    },
    {
      id: 'unzipped',
      kind: 'number',
      limit: 'deploymentPackage.maxUnzippedBytes',
      prompt: 'What is the most the function and all its layers may add up to, unzipped?',
      units: [
        { unit: 'bytes', factor: 1 },
        { unit: 'MB', factor: MB },
      ],
      answer: limits.deploymentPackage.maxUnzippedBytes,
      explanation: `${limits.deploymentPackage.maxUnzippedBytes / MB} MB. Layers move bytes out of your package but do not raise this ceiling; beyond it, use a container image.`,
    },
    {
      id: 'build-steps',
      kind: 'ordering',
      prompt: 'Put the steps of building and using a Node.js layer in order.',
      items: [
        { id: 'publish', text: 'Publish the layer version (`aws lambda publish-layer-version`)' },
        { id: 'install', text: '`npm install random-words` inside a `nodejs/` folder' },
        { id: 'attach', text: 'Add the layer version’s ARN to the function’s layers' },
        { id: 'zip', text: 'Zip the `nodejs/` folder' },
      ],
      answer: ['install', 'zip', 'publish', 'attach'],
      explanation: 'Install into nodejs/node_modules, zip so that nodejs/ is at the top, publish (directly or from S3), then configure the function with that exact layer version ARN.',
    },
    {
      id: 'versioning',
      kind: 'single',
      prompt: 'You publish version 4 of a layer your function uses at version 3. What does the function use?',
      options: [
        { id: 'v3', text: 'Still version 3, until you update the function’s configuration' },
        { id: 'v4', text: 'Version 4, from its next cold start' },
        { id: 'both', text: 'Both, merged' },
      ],
      answer: 'v3',
      explanation: 'Layer versions are immutable and functions refer to an exact version ARN; each function upgrades when you decide.',
    },
  ],
} satisfies QuizBank;
