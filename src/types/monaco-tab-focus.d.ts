// Monaco's global "Tab moves focus" switch (what Ctrl+M, editor.action.toggleTabFocusMode, flips). It
// ships no .d.ts; this is the part the Code tab's toggle uses.
declare module 'monaco-editor/editor/browser/config/tabFocus.js' {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    setTabFocusMode(tabFocusMode: boolean): void;
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void };
  };
}
