// The terminal's line editing, drawn into a real terminal emulator (xterm.js headless, the same
// parser the page's xterm uses), so what is asserted is what the learner sees on screen.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/headless';
import { LineEditor, type EditorEffect } from '../../src/terminal/line-editor.ts';

const PROMPT = 'learner@workbook:~$ ';

function setup(columns = 80, history: string[] = []) {
  const term = new Terminal({ cols: columns, rows: 10, allowProposedApi: true });
  const editor = new LineEditor(history, PROMPT, () => term.cols);
  const submitted: string[] = [];
  const other: EditorEffect[] = [];
  const apply = async (effects: EditorEffect[]) => {
    for (const effect of effects) {
      if ('write' in effect) await new Promise<void>((resolve) => term.write(effect.write, resolve));
      else if ('submit' in effect) submitted.push(effect.submit);
      else other.push(effect);
    }
  };
  const screen = () => {
    const lines: string[] = [];
    for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)!.translateToString(true));
    while (lines.length && lines.at(-1) === '') lines.pop();
    return lines;
  };
  const cursor = () => ({ x: term.buffer.active.cursorX, y: term.buffer.active.cursorY });
  return { term, editor, submitted, other, apply, screen, cursor, type: (data: string) => apply(editor.feed(data)) };
}

describe('line editor', () => {
  it('echoes typing and submits the line on Enter', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('echo hi');
    expect(t.screen()).toEqual([`${PROMPT}echo hi`]);
    await t.type('\r');
    expect(t.submitted).toEqual(['echo hi']);
    expect(t.cursor()).toEqual({ x: 0, y: 1 });
  });

  it('edits in the middle of the line: arrows, Backspace, Delete, Home and End', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('ecbo hi');
    await t.type('\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D'); // after "ec"
    await t.type('\x1b[3~h'); // delete "b", type "h"
    expect(t.editor.text).toBe('echo hi');
    expect(t.screen()).toEqual([`${PROMPT}echo hi`]);
    expect(t.cursor().x).toBe(PROMPT.length + 3);
    await t.type('\x01#'); // Ctrl+A then type
    expect(t.editor.text).toBe('#echo hi');
    await t.type('\x05\x7f'); // Ctrl+E then Backspace
    expect(t.screen()).toEqual([`${PROMPT}#echo h`]);
  });

  it('Ctrl+U, Ctrl+K and Ctrl+W cut as readline does', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('aws lambda   list-functions');
    await t.type('\x17');
    expect(t.editor.text).toBe('aws lambda   ');
    await t.type('\x17');
    expect(t.editor.text).toBe('aws ');
    await t.type('\x01\x0b');
    expect(t.editor.text).toBe('');
    await t.type('ls -la\x1b[D\x1b[D\x15');
    expect(t.editor.text).toBe('la');
    expect(t.screen()).toEqual([`${PROMPT}la`]);
  });

  it('walks history with Up and Down and keeps the half-typed line', async () => {
    const history = ['pwd', 'ls -l'];
    const t = setup(80, history);
    await t.apply(t.editor.start(PROMPT));
    await t.type('ec');
    await t.type('\x1b[A');
    expect(t.screen()).toEqual([`${PROMPT}ls -l`]);
    await t.type('\x1b[A\x1b[A');
    expect(t.editor.text).toBe('pwd');
    await t.type('\x1b[B\x1b[B');
    expect(t.screen()).toEqual([`${PROMPT}ec`]);
  });

  it('Ctrl+C drops the line with ^C, Ctrl+L clears the screen and keeps the line', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('rm -r x');
    await t.type('\x03');
    expect(t.other).toEqual([{ interrupt: true }]);
    expect(t.screen()).toEqual([`${PROMPT}rm -r x^C`]);
    await t.apply(t.editor.start(PROMPT));
    await t.type('ls');
    await t.type('\x0c');
    expect(t.screen()).toEqual([`${PROMPT}ls`]);
    expect(t.cursor()).toEqual({ x: PROMPT.length + 2, y: 0 });
  });

  it('draws and edits a line longer than the terminal is wide', async () => {
    const t = setup(30);
    await t.apply(t.editor.start(PROMPT));
    const long = 'aws lambda invoke --function-name hello-lambda out.json';
    await t.type(long);
    expect(t.screen().join('')).toBe(PROMPT + long);
    await t.type('\x01'); // to the start: cursor back on the first row, after the prompt
    expect(t.cursor()).toEqual({ x: PROMPT.length, y: 0 });
    await t.type('x');
    expect(t.screen().join('')).toBe(`${PROMPT}x${long}`);
    await t.type('\x05\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f');
    expect(t.screen().join('')).toBe(`${PROMPT}x${long.slice(0, -9)}`);
    await t.type('\r');
    expect(t.submitted).toEqual([`x${long.slice(0, -9)}`]);
  });

  it('an exact multiple of the width leaves the cursor at the start of the next row', async () => {
    const t = setup(25);
    await t.apply(t.editor.start(PROMPT));
    await t.type('x'.repeat(25 - PROMPT.length));
    expect(t.cursor()).toEqual({ x: 0, y: 1 });
    await t.type('y');
    expect(t.screen()).toEqual([`${PROMPT}${'x'.repeat(5)}`, 'y']);
  });

  it('a prompt wider than the terminal wraps, and typing after it draws the prompt once', async () => {
    const t = setup(30);
    const deep = 'learner@workbook:~/starter/random-words-layer$ ';
    await t.apply(t.editor.start(deep));
    await t.type('ls');
    expect(t.screen().join('')).toBe(`${deep}ls`);
    expect(t.screen()).toHaveLength(2);
    await t.type('\x7f\x7fzip');
    expect(t.screen().join('')).toBe(`${deep}zip`);
  });

  it('a paste of several lines submits the first and keeps the rest for the next prompt', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('mkdir -p a\ncd a\n');
    expect(t.submitted).toEqual(['mkdir -p a']);
    await t.apply(t.editor.start(PROMPT));
    await t.type(t.editor.takePending());
    expect(t.submitted).toEqual(['mkdir -p a', 'cd a']);
    expect(t.editor.takePending()).toBe('');
  });

  it('ignores control characters and unknown escape sequences', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('a\x1b[15~\x00\x1b[1;5Cb');
    expect(t.editor.text).toBe('ab');
  });

  it('Tab asks for a completion; one candidate is put in with a space, a directory without', async () => {
    const t = setup();
    await t.apply(t.editor.start(PROMPT));
    await t.type('aws lam');
    await t.type('\t');
    expect(t.other).toEqual([{ complete: { line: 'aws lam', cursor: 7 } }]);
    await t.apply(t.editor.applyCompletion({ start: 4, candidates: ['lambda'] }));
    expect(t.editor.text).toBe('aws lambda ');
    await t.type('\x15cd fun');
    await t.apply(t.editor.applyCompletion({ start: 3, candidates: ['function/'] }));
    expect(t.editor.text).toBe('cd function/');
  });

  it('several candidates: their common start, then the list under the line and the prompt again', async () => {
    const t = setup(40);
    await t.apply(t.editor.start(PROMPT));
    await t.type('aws lambda get-f');
    await t.apply(t.editor.applyCompletion({ start: 11, candidates: ['get-function', 'get-function-configuration', 'get-function-url-config'] }));
    expect(t.editor.text).toBe('aws lambda get-function');
    await t.apply(t.editor.applyCompletion({ start: 11, candidates: ['get-function', 'get-function-configuration', 'get-function-url-config'] }));
    const screen = t.screen();
    expect(screen.slice(1).join('\n')).toContain('get-function-configuration');
    expect(screen.at(-1)).toBe(`${PROMPT}aws lambda get-function`.slice(40));
    expect(t.editor.text).toBe('aws lambda get-function');
    await t.apply(t.editor.applyCompletion({ start: 11, candidates: [] }));
    expect(t.editor.text).toBe('aws lambda get-function');
  });
});
