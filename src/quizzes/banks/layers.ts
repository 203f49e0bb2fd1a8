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
    {
      id: 'cold-start',
      kind: 'single',
      prompt: 'You move a function’s 40 MB of `node_modules` into a layer. What happens to its cold starts?',
      options: [
        { id: 'same', text: 'Nothing much: the layer is downloaded and extracted into /opt during INIT just the same' },
        { id: 'faster', text: 'They get faster, because layers are cached and pre-loaded' },
        { id: 'none', text: 'They disappear: functions with layers are always warm' },
      ],
      answer: 'same',
      explanation: 'Layers are a packaging tool. Every layer is unpacked into /opt at INIT, so the bytes still cost time; smaller dependencies, fewer imports, more memory or provisioned concurrency shorten cold starts.',
    },
    {
      id: 'share-account',
      kind: 'single',
      prompt: 'Account 210987654321 should be able to use version 3 of your layer. Which command grants it?',
      options: [
        { id: 'layer-permission', text: '`aws lambda add-layer-version-permission --layer-name random-words --version-number 3 --statement-id team-b --action lambda:GetLayerVersion --principal 210987654321`' },
        { id: 'add-permission', text: '`aws lambda add-permission --function-name random-words --action lambda:InvokeFunction --principal 210987654321`' },
        { id: 'iam', text: 'An IAM policy in your own account that allows `lambda:*`' },
      ],
      answer: 'layer-permission',
      explanation: 'A layer version has its own resource-based policy; each statement grants lambda:GetLayerVersion to an account, an organization (principal * with --organization-id) or everyone. add-permission is for invoking functions.',
    },
  ],
} satisfies QuizBank;
