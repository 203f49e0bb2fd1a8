/**
 * The learner's progress: schema, store, and the browser's storage. A progress page reads it with
 * `loadProgress(browserStorage())` and regrades quizzes with `gradeSavedQuizzes` (src/grading/quiz.ts);
 * export and import are `serializeProgress` and `parseProgress`. The learner's one emulated account
 * (`progress.account`) is opened with `openAccount` (account.ts), kept out of this barrel so pages
 * without a console never load the emulator's schema.
 */
export * from './schema.ts';
export * from './store.ts';
export { browserStorage } from './browser.ts';
