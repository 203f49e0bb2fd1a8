import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

const MB = 2 ** 20;

export default {
  id: 'runtimes-and-packaging',
  title: 'Check yourself: runtimes and packaging',
  questions: [
    {
      id: 'deprecation-steps',
      kind: 'ordering',
      prompt: 'Put the steps of a runtime’s end of support in the order they happen.',
      items: [
        { id: 'block-update', text: 'Updating functions that use it is refused' },
        { id: 'deprecation', text: 'Deprecation: no more patches, gone from the console' },
        { id: 'block-create', text: 'Creating functions with it is refused' },
      ],
      answer: ['deprecation', 'block-create', 'block-update'],
      explanation: 'Deprecation comes first, then Lambda blocks CreateFunction, then updates (except moving to a supported runtime). Invocations are never blocked.',
    },
    {
      id: 'still-runs',
      kind: 'single',
      prompt: 'A function still uses `nodejs18.x`, whose create and update blocks have passed. What happens when an event arrives?',
      options: [
        { id: 'runs', text: 'It runs as before, on an unpatched runtime' },
        { id: 'fails', text: 'The invocation fails with InvalidParameterValueException' },
        { id: 'upgraded', text: 'Lambda runs it on nodejs22.x instead' },
      ],
      answer: 'runs',
      explanation: 'Lambda never blocks invocations of a deprecated runtime. It no longer patches it, and you cannot create functions on it or (after the update block) change them, except to move them to a supported runtime.',
    },
    {
      id: 'create-blocked',
      kind: 'single',
      prompt: 'What does `aws lambda create-function --runtime nodejs18.x ...` answer today?',
      options: [
        { id: 'no-longer', text: 'InvalidParameterValueException: The runtime parameter of nodejs18.x is no longer supported for creating or updating AWS Lambda functions. …' },
        { id: 'created', text: 'A new function, with a deprecation warning' },
        { id: 'not-found', text: 'ResourceNotFoundException: runtime not found' },
      ],
      answer: 'no-longer',
      explanation: 'Once a runtime’s create block has passed, CreateFunction fails with InvalidParameterValueException and the “no longer supported” message. Choose nodejs22.x or nodejs24.x.',
    },
    {
      id: 'go-today',
      kind: 'single',
      prompt: 'The course notes list Go as a Lambda language. How do you run a Go function today?',
      options: [
        { id: 'provided', text: 'Build a binary named bootstrap and use the OS-only runtime provided.al2023' },
        { id: 'go1x', text: 'Choose the go1.x runtime' },
        { id: 'impossible', text: 'You cannot: Go is no longer supported' },
      ],
      answer: 'provided',
      explanation: 'go1.x is retired. Go compiles to a bootstrap executable that implements the Runtime API loop (aws-lambda-go does it for you), deployed on provided.al2023 or provided.al2.',
    },
    {
      id: 'runtime-api-loop',
      kind: 'ordering',
      prompt: 'Put the steps of a custom runtime’s `bootstrap` loop in order, for one request.',
      items: [
        { id: 'response', text: 'POST /runtime/invocation/{id}/response with the result' },
        { id: 'next', text: 'GET /runtime/invocation/next and wait for an event' },
        { id: 'handle', text: 'Run the handler with the event' },
      ],
      answer: ['next', 'handle', 'response'],
      explanation: 'bootstrap asks for the next event (the call blocks until one arrives), runs the handler, posts the response (or /error), and asks for the next event again.',
    },
    {
      id: 'big-package',
      kind: 'single',
      prompt: `Your zipped package is 70 MB, more than the ${limits.deploymentPackage.maxZippedBytes / MB} MB direct upload allows, and 160 MB unzipped. How do you deploy it?`,
      options: [
        { id: 's3', text: 'Copy it to S3 with `aws s3 cp`, then `aws lambda update-function-code --s3-bucket … --s3-key …`' },
        { id: 'split', text: 'Split it into two functions' },
        { id: 'quota', text: 'Ask for a quota increase of the direct upload limit' },
      ],
      answer: 's3',
      explanation: `Packages over ${limits.deploymentPackage.maxZippedBytes / MB} MB zipped go through an S3 bucket in the function’s Region; the ${limits.deploymentPackage.maxUnzippedBytes / MB} MB unzipped limit still applies. Beyond that, use a container image.`,
    },
    {
      id: 'image-handler',
      kind: 'multiple',
      prompt: 'A function is packaged as a container image from `public.ecr.aws/lambda/nodejs:22`. Which statements are true? Choose all that apply.',
      options: [
        { id: 'cmd', text: 'The Dockerfile’s CMD names the handler, e.g. `index.handler`' },
        { id: 'size', text: `The image may be up to ${limits.deploymentPackage.containerImageGb} GB` },
        { id: 'layers', text: 'You attach layers to it with --layers' },
        { id: 'runtime', text: 'You still pass --runtime nodejs22.x to create-function' },
      ],
      answers: ['cmd', 'size'],
      explanation: 'The base image is the runtime, so there is no --runtime or --handler: CMD names the handler. Layers do not apply to images; copy dependencies into the image instead.',
    },
  ],
} satisfies QuizBank;
