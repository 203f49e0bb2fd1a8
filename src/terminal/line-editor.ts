/**
 * The terminal's line editing, as readline does it in bash: typing and deleting at the cursor,
 * arrows, Home/End, Ctrl+A/E/U/K/W, history with Up/Down, Ctrl+C, Ctrl+L and Tab completion.
 * No DOM: it takes what xterm.js reports as typed (`onData`) and answers with what to draw and
 * what to do, so the panel stays a thin adapter and every key is unit-tested here.
 */
import type { Completion } from './completion.ts';

export type EditorEffect =
  /** Bytes to write to the terminal (escape sequences included). */
  | { write: string }
  /** The learner pressed Enter on this line. */
  | { submit: string }
  /** Ctrl+C on an empty or half-typed line: the line is dropped, as bash does (`^C`). */
  | { interrupt: true }
  /** Tab: complete the word before the cursor. */
  | { complete: { line: string; cursor: number } };

const ESC = '\x1b';

/** What one `onData` chunk can start with, longest first, so `ESC [ 3 ~` is not read as ESC. */
const KEYS: [string, string][] = [
  [`${ESC}[3~`, 'delete'],
  [`${ESC}[1~`, 'home'],
  [`${ESC}[4~`, 'end'],
  [`${ESC}[A`, 'up'],
  [`${ESC}[B`, 'down'],
  [`${ESC}[C`, 'right'],
  [`${ESC}[D`, 'left'],
  [`${ESC}[H`, 'home'],
  [`${ESC}[F`, 'end'],
  [`${ESC}OA`, 'up'],
  [`${ESC}OB`, 'down'],
  [`${ESC}OC`, 'right'],
  [`${ESC}OD`, 'left'],
  [`${ESC}OH`, 'home'],
  [`${ESC}OF`, 'end'],
  [`${ESC}b`, 'word-left'],
  [`${ESC}f`, 'word-right'],
  ['\r\n', 'enter'],
  ['\r', 'enter'],
  ['\n', 'enter'],
  ['\x7f', 'backspace'],
  ['\b', 'backspace'],
  ['\t', 'tab'],
  ['\x01', 'home'],
  ['\x05', 'end'],
  ['\x02', 'left'],
  ['\x06', 'right'],
  ['\x03', 'interrupt'],
  ['\x0c', 'clear'],
  ['\x15', 'kill-before'],
  ['\x0b', 'kill-after'],
  ['\x17', 'kill-word'],
  ['\x04', 'eof'],
];

export class LineEditor {
  private line = '';
  private cursor = 0;
  /** Rows the last drawing of prompt + line used, and the row the cursor sits on within them. */
  private cursorRow = 0;
  /** Position in history while browsing it; history.length means the line being typed. */
  private historyIndex: number;
  private draft = '';
  /** What was typed or pasted after an Enter, to feed once the next prompt is up. */
  private pending = '';

  constructor(
    private readonly history: string[],
    private prompt: string,
    /** The terminal's width in columns, read on every draw (it changes when the window does). */
    private readonly columns: () => number,
  ) {
    this.historyIndex = history.length;
  }

  get text(): string {
    return this.line;
  }

  /** Starts a fresh line after a command: draws the prompt. */
  start(prompt: string): EditorEffect[] {
    this.prompt = prompt;
    this.line = '';
    this.cursor = 0;
    // A prompt longer than the terminal is wide (a deep working directory on a phone) wraps: the cursor is on its last row.
    this.cursorRow = this.position(prompt.length).row;
    this.historyIndex = this.history.length;
    this.draft = '';
    return [{ write: prompt }];
  }

  /** Typeahead after an Enter, handed back once (feed it after `start`). */
  takePending(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }

  /** Draws the prompt and line again from the top (after Ctrl+L or a completion listing). */
  redraw(): EditorEffect[] {
    this.cursorRow = 0;
    return [{ write: this.prompt + this.render(true) }];
  }

  /** Handles what the terminal reports as typed; a paste arrives as one chunk, newlines included. */
  feed(data: string): EditorEffect[] {
    const effects: EditorEffect[] = [];
    let text = '';
    const flushText = () => {
      if (text === '') return;
      this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
      this.cursor += text.length;
      text = '';
      effects.push({ write: this.render() });
    };
    let i = 0;
    while (i < data.length) {
      const key = KEYS.find(([seq]) => data.startsWith(seq, i));
      if (key === undefined) {
        const ch = data[i]!;
        // Other control characters and unknown escape sequences are not text.
        if (ch === ESC) {
          const unknown = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|.)?/.exec(data.slice(i))![0];
          i += unknown.length;
        } else {
          if (ch >= ' ') text += ch;
          i++;
        }
        continue;
      }
      flushText();
      i += key[0].length;
      effects.push(...this.key(key[1]));
      if (key[1] === 'enter' || key[1] === 'interrupt') {
        // A pasted block: the rest waits for the next prompt, as a terminal's typeahead does.
        this.pending = data.slice(i);
        return effects;
      }
    }
    flushText();
    return effects;
  }

  /** Puts a completion's result in the line: the one candidate, or the candidates' common start; lists them when that adds nothing. */
  applyCompletion(completion: Completion): EditorEffect[] {
    const { start, candidates } = completion;
    const word = this.line.slice(start, this.cursor);
    if (candidates.length === 0) return [{ write: '\x07' }];
    if (candidates.length === 1) {
      const only = candidates[0]!;
      return this.replaceWord(start, only.endsWith('/') ? only : `${only} `);
    }
    const common = candidates.reduce((a, b) => {
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      return a.slice(0, n);
    });
    if (common.length > word.length) return this.replaceWord(start, common);
    // Show the choices as bash does on a second Tab: below the line, then the prompt again.
    const width = Math.max(...candidates.map((c) => c.length)) + 2;
    const perRow = Math.max(1, Math.floor(this.columns() / width));
    const rows: string[] = [];
    for (let r = 0; r < candidates.length; r += perRow) rows.push(candidates.slice(r, r + perRow).map((c) => c.padEnd(width)).join('').trimEnd());
    return [{ write: `${this.moveToEnd()}\r\n${rows.join('\r\n')}\r\n` }, ...this.redraw()];
  }

  private replaceWord(start: number, replacement: string): EditorEffect[] {
    this.line = this.line.slice(0, start) + replacement + this.line.slice(this.cursor);
    this.cursor = start + replacement.length;
    return [{ write: this.render() }];
  }

  private key(name: string): EditorEffect[] {
    switch (name) {
      case 'enter': {
        const submitted = this.line;
        return [{ write: `${this.moveToEnd()}\r\n` }, { submit: submitted }];
      }
      case 'interrupt':
        return [{ write: `${this.moveToEnd()}^C\r\n` }, { interrupt: true }];
      case 'clear':
        return [{ write: `${ESC}[H${ESC}[2J` }, ...this.redraw()];
      case 'tab':
        return [{ complete: { line: this.line, cursor: this.cursor } }];
      case 'eof':
        // bash exits on Ctrl+D at an empty prompt; a page's terminal stays, and deletes forward otherwise.
        return this.line === '' ? [] : this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
      case 'backspace':
        return this.cursor === 0 ? [] : this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
      case 'delete':
        return this.cursor === this.line.length ? [] : this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
      case 'left':
        return this.edit(this.line, Math.max(0, this.cursor - 1));
      case 'right':
        return this.edit(this.line, Math.min(this.line.length, this.cursor + 1));
      case 'home':
        return this.edit(this.line, 0);
      case 'end':
        return this.edit(this.line, this.line.length);
      case 'word-left':
        return this.edit(this.line, this.wordStart());
      case 'word-right': {
        const m = /^\s*\S*/.exec(this.line.slice(this.cursor))!;
        return this.edit(this.line, this.cursor + m[0].length);
      }
      case 'kill-before':
        return this.edit(this.line.slice(this.cursor), 0);
      case 'kill-after':
        return this.edit(this.line.slice(0, this.cursor), this.cursor);
      case 'kill-word': {
        const from = this.wordStart();
        return this.edit(this.line.slice(0, from) + this.line.slice(this.cursor), from);
      }
      case 'up':
      case 'down':
        return this.browseHistory(name === 'up' ? -1 : 1);
      default:
        return [];
    }
  }

  /** Where the word before the cursor starts, as readline's Ctrl+W and Alt+B find it: back over spaces, then over non-spaces. */
  private wordStart(): number {
    let i = this.cursor;
    while (i > 0 && this.line[i - 1] === ' ') i--;
    while (i > 0 && this.line[i - 1] !== ' ') i--;
    return i;
  }

  private browseHistory(step: number): EditorEffect[] {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return [];
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = next;
    const line = next === this.history.length ? this.draft : this.history[next]!;
    return this.edit(line, line.length);
  }

  private edit(line: string, cursor: number): EditorEffect[] {
    const before = this.line;
    const beforeCursor = this.cursor;
    this.line = line;
    this.cursor = cursor;
    if (before === line && beforeCursor === cursor) return [];
    return [{ write: this.render() }];
  }

  /** Escape sequences that take the cursor from where it is to the end of the drawn line. */
  private moveToEnd(): string {
    const { row: endRow } = this.position(this.prompt.length + this.line.length);
    const down = endRow - this.cursorRow;
    this.cursorRow = endRow;
    return down > 0 ? `${ESC}[${down}B` : '';
  }

  /** Row and column of a character offset in the prompt + line, wrapped at the terminal's width. */
  private position(offset: number): { row: number; col: number } {
    const cols = Math.max(1, this.columns());
    return { row: Math.floor(offset / cols), col: offset % cols };
  }

  /**
   * Draws the line again: up to the prompt's first row, clear to the end of the screen, prompt and
   * line, then back to the cursor. Works for lines longer than one row.
   */
  private render(fromPromptStart = false): string {
    let out = '';
    if (!fromPromptStart) {
      out += this.cursorRow > 0 ? `${ESC}[${this.cursorRow}A\r` : '\r';
      out += `${ESC}[J${this.prompt}`;
    } else {
      out += `${ESC}[J`;
    }
    out += this.line;
    const total = this.prompt.length + this.line.length;
    const end = this.position(total);
    // At an exact multiple of the width the terminal waits to wrap; a CRLF puts the cursor where the next character goes.
    if (total > 0 && end.col === 0) out += '\r\n';
    const at = this.position(this.prompt.length + this.cursor);
    const up = end.row - at.row;
    if (up > 0) out += `${ESC}[${up}A`;
    out += '\r';
    if (at.col > 0) out += `${ESC}[${at.col}C`;
    this.cursorRow = at.row;
    return out;
  }
}
