/**
 * Every question bank, by id (the lesson slug). Banks are plain data: importing this file pulls
 * in no schema library, so the quiz page and the grader can use it freely.
 */
import type { QuizBank } from './schema';
import whatIsLambda from './banks/what-is-lambda';
import programmingModel from './banks/programming-model';
import executionEnvironment from './banks/execution-environment';
import limitsBank from './banks/limits';
import invocation from './banks/invocation';
import environmentVariables from './banks/environment-variables';
import versionsAndAliases from './banks/versions-and-aliases';
import layers from './banks/layers';
import permissions from './banks/permissions';
import concurrencyAndScaling from './banks/concurrency-and-scaling';
import connectingServices from './banks/connecting-services';

/** In lesson order. */
export const quizBanks: readonly QuizBank[] = [
  whatIsLambda,
  programmingModel,
  executionEnvironment,
  limitsBank,
  invocation,
  environmentVariables,
  versionsAndAliases,
  layers,
  permissions,
  concurrencyAndScaling,
  connectingServices,
];

export function getQuizBank(id: string): QuizBank | undefined {
  return quizBanks.find((b) => b.id === id);
}
