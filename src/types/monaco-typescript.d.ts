// Monaco 0.57 ships types for the TypeScript language feature under languages/features; this path re-exports it.
declare module 'monaco-editor/language/typescript/monaco.contribution.js' {
  export * from 'monaco-editor/languages/features/typescript/register.js';
}
