/** Running exercise checks against any Lambda endpoint: the in-page emulator or a real account. */
export { runChecks, defaultTaskTimeoutMs, type RunOptions } from './run';
export { exercises, findExercise } from './registry';
export { WriteRefusedError, fetchDownload, requestHandlerDownload, type Download, type RequestHandlerLike } from './context';
export { describeError } from './errors';
export type { CheckContext, CheckReport, CheckTarget, Exercise, ExerciseChecks, Question, TaskCheck, TaskResult, Verdict } from './types';
