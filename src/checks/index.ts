/** Running exercise checks against any Lambda endpoint: the in-page emulator or a real account. */
export { runChecks, defaultTaskTimeoutMs, type RunOptions } from './run.ts';
export { exercises, findExercise } from '../../exercises/index.ts';
export { WriteRefusedError, fetchDownload, requestHandlerDownload, type Download, type RequestHandlerLike } from './context.ts';
export { credentialErrors, describeError } from './errors.ts';
export type { CheckContext, CheckReport, CheckTarget, Exercise, ExerciseChecks, Question, TaskCheck, TaskResult, Verdict } from './types.ts';
