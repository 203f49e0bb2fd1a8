/**
 * Every question bank, by id (the lesson slug). Banks are plain data: importing this file pulls
 * in no schema library, so the quiz page and the grader can use it freely.
 */
import type { QuizBank } from './schema.ts';
import whatIsLambda from './banks/what-is-lambda.ts';
import programmingModel from './banks/programming-model.ts';
import executionEnvironment from './banks/execution-environment.ts';
import limitsBank from './banks/limits.ts';
import invocation from './banks/invocation.ts';
import environmentVariables from './banks/environment-variables.ts';
import versionsAndAliases from './banks/versions-and-aliases.ts';
import layers from './banks/layers.ts';
import runtimesAndPackaging from './banks/runtimes-and-packaging.ts';
import permissions from './banks/permissions.ts';
import concurrencyAndScaling from './banks/concurrency-and-scaling.ts';
import connectingServices from './banks/connecting-services.ts';
import pricing from './banks/pricing.ts';
import eventSources from './banks/event-sources.ts';
import httpAndFunctionUrls from './banks/http-and-function-urls.ts';
import observability from './banks/observability.ts';
import whatsNew from './banks/whats-new.ts';

/** In lesson order. */
export const quizBanks: readonly QuizBank[] = [
  whatIsLambda,
  programmingModel,
  executionEnvironment,
  limitsBank,
  invocation,
  eventSources,
  httpAndFunctionUrls,
  environmentVariables,
  versionsAndAliases,
  layers,
  runtimesAndPackaging,
  permissions,
  concurrencyAndScaling,
  pricing,
  observability,
  connectingServices,
  whatsNew,
];

export function getQuizBank(id: string): QuizBank | undefined {
  return quizBanks.find((b) => b.id === id);
}
