/**
 * The learner's progress: schema, store, and the browser's storage. A progress page reads it with
 * `loadProgress(browserStorage())` and regrades quizzes with `gradeSavedQuizzes` (src/grading/quiz.ts);
 * export and import are `serializeProgress` and `parseProgress`.
 */
export * from './schema.ts';
export * from './store.ts';
export { browserStorage } from './browser.ts';
