/** What the Tab key does in the code editor, said the same way in the hint and the tests. */

/** Remembers the learner's choice of "Tab moves focus" across pages and visits. */
export const TAB_MOVES_FOCUS_KEY = 'lambda-workbook:tab-moves-focus';

/** The hint shown while the editor has focus, for the mode Tab is in. */
export function tabHint(tabMovesFocus: boolean): string {
  return tabMovesFocus
    ? 'Tab moves focus out of the editor. Press Ctrl+M (Ctrl+Shift+M on a Mac), or untick “Tab moves focus”, to make Tab insert spaces again.'
    : 'Tab inserts spaces. To leave the editor with Tab, press Ctrl+M (Ctrl+Shift+M on a Mac) or tick “Tab moves focus” above.';
}
