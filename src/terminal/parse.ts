/**
 * Command lines as bash reads them, for the subset this terminal runs: words with single quotes,
 * double quotes, backslashes and `$VAR`/`${VAR}`/`$?`; `>`/`>>` redirections; commands joined by
 * `&&`, `||` and `;`. Words are expanded when their command runs, so `export A=1 && echo $A` sees A.
 */

/** One piece of a word: literal text, or a variable to expand; `quoted` pieces are never split. */
export type WordPart = { text: string; quoted: boolean } | { variable: string; quoted: boolean };
export type Word = WordPart[];

export interface Redirect {
  append: boolean;
  target: Word;
}

export interface SimpleCommand {
  words: Word[];
  redirect?: Redirect;
}

/** A command and how it joins the previous one (`;` for the first). */
export interface ChainLink {
  join: '&&' | '||' | ';';
  command: SimpleCommand;
}

export class ShellSyntaxError extends Error {}

const OPERATOR_START = new Set(['&', '|', ';', '>', '<']);

export function parseCommandLine(line: string): ChainLink[] {
  const links: ChainLink[] = [];
  let join: ChainLink['join'] = ';';
  let command: SimpleCommand = { words: [] };
  let pendingRedirect: boolean | undefined; // append flag of a `>`/`>>` awaiting its target
  let i = 0;

  const endCommand = (next: ChainLink['join'], operator: string): void => {
    if (pendingRedirect !== undefined) throw new ShellSyntaxError(`syntax error near unexpected token \`${operator}'`);
    if (command.words.length === 0) {
      if (operator === 'newline' && links.length === 0 && command.redirect === undefined) return;
      throw new ShellSyntaxError(`syntax error near unexpected token \`${operator}'`);
    }
    links.push({ join, command });
    join = next;
    command = { words: [] };
  };

  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      i++;
      continue;
    }
    if (ch === '#' ) break;
    if (OPERATOR_START.has(ch)) {
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        endCommand(two, two);
        i += 2;
      } else if (ch === ';') {
        endCommand(';', ';');
        i++;
      } else if (ch === '>') {
        if (pendingRedirect !== undefined) throw new ShellSyntaxError("syntax error near unexpected token `>'");
        pendingRedirect = two === '>>';
        i += pendingRedirect ? 2 : 1;
      } else if (ch === '|') {
        throw new ShellSyntaxError('pipes (|) are not supported in this terminal; run the commands one at a time, or use > FILE');
      } else if (ch === '<') {
        throw new ShellSyntaxError('input redirection (<) is not supported in this terminal');
      } else {
        throw new ShellSyntaxError('background jobs (&) are not supported in this terminal');
      }
      continue;
    }
    const [word, end] = readWord(line, i);
    i = end;
    if (pendingRedirect !== undefined) {
      command.redirect = { append: pendingRedirect, target: word };
      pendingRedirect = undefined;
    } else {
      command.words.push(word);
    }
  }
  if (pendingRedirect !== undefined) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
  if (command.words.length > 0 || command.redirect !== undefined) endCommand(';', 'newline');
  else if (links.length > 0 && join !== ';') throw new ShellSyntaxError("syntax error: unexpected end of file");
  return links;
}

/** Reads one word starting at `start`; returns it and the index after it. */
function readWord(line: string, start: number): [Word, number] {
  const parts: WordPart[] = [];
  let literal = '';
  const flush = (quoted: boolean): void => {
    if (literal !== '') parts.push({ text: literal, quoted });
    literal = '';
  };
  let i = start;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || OPERATOR_START.has(ch)) break;
    if (ch === '\\') {
      flush(false);
      if (i + 1 < line.length) parts.push({ text: line[i + 1]!, quoted: true });
      i += 2;
    } else if (ch === "'") {
      flush(false);
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      parts.push({ text: line.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else if (ch === '"') {
      flush(false);
      i = readDoubleQuoted(line, i + 1, parts);
    } else if (ch === '$') {
      const variable = readVariable(line, i);
      if (variable === undefined) {
        literal += ch;
        i++;
      } else {
        flush(false);
        parts.push({ variable: variable.name, quoted: false });
        i = variable.end;
      }
    } else {
      literal += ch;
      i++;
    }
  }
  flush(false);
  return [parts, i];
}

function readDoubleQuoted(line: string, start: number, parts: WordPart[]): number {
  let literal = '';
  let i = start;
  // An empty "" still makes a word, so it is kept as an empty quoted piece.
  parts.push({ text: '', quoted: true });
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"') {
      if (literal !== '') parts.push({ text: literal, quoted: true });
      return i + 1;
    }
    if (ch === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
      literal += line[i + 1] === '\n' ? '' : line[i + 1];
      i += 2;
    } else if (ch === '$') {
      const variable = readVariable(line, i);
      if (variable === undefined) {
        literal += ch;
        i++;
      } else {
        if (literal !== '') parts.push({ text: literal, quoted: true });
        literal = '';
        parts.push({ variable: variable.name, quoted: true });
        i = variable.end;
      }
    } else if (ch === '`') {
      throw new ShellSyntaxError('command substitution (`...`) is not supported in this terminal');
    } else {
      literal += ch;
      i++;
    }
  }
  throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
}

function readVariable(line: string, dollar: number): { name: string; end: number } | undefined {
  const next = line[dollar + 1];
  if (next === undefined) return undefined;
  if (next === '{') {
    const close = line.indexOf('}', dollar + 2);
    const name = close < 0 ? '' : line.slice(dollar + 2, close);
    if (!/^([A-Za-z_][A-Za-z0-9_]*|\?)$/.test(name)) throw new ShellSyntaxError(`${line.slice(dollar, close < 0 ? undefined : close + 1)}: bad substitution`);
    return { name, end: close + 1 };
  }
  if (next === '(') throw new ShellSyntaxError('command substitution ($(...)) is not supported in this terminal');
  if (next === '?') return { name: '?', end: dollar + 2 };
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(dollar + 1));
  return match === null ? undefined : { name: match[0], end: dollar + 1 + match[0].length };
}

/**
 * A word's fields after expansion, as bash makes them: unquoted variables split on blanks,
 * a word that expands to nothing unquoted vanishes, `~` at the start is the home directory.
 */
export function expandWord(word: Word, lookup: (name: string) => string | undefined, home: string): string[] {
  const fields: string[] = [];
  let current: string | undefined;
  word.forEach((part, index) => {
    if ('text' in part) {
      let text = part.text;
      if (index === 0 && !part.quoted && (text === '~' || text.startsWith('~/'))) text = home + text.slice(1);
      current = (current ?? '') + text;
      if (part.quoted) current = current ?? '';
      return;
    }
    const value = lookup(part.variable) ?? '';
    if (part.quoted) {
      current = (current ?? '') + value;
      return;
    }
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, n) => {
      if (n > 0) {
        if (current !== undefined && current !== '') fields.push(current);
        current = undefined;
      }
      if (piece !== '') current = (current ?? '') + piece;
    });
  });
  if (current !== undefined && (current !== '' || word.some((p) => p.quoted))) fields.push(current);
  return fields;
}

/**
 * Bash's brace expansion of an unquoted word: `a{b,c}d` is `abd acd` (so an unquoted
 * `Variables={A=1,B=2}` reaches the command as two words, as in bash). Only a word that is one
 * unquoted piece is expanded here; braces with no top-level comma stay as they are.
 */
export function expandBraces(word: Word): Word[] {
  const [only] = word;
  if (word.length !== 1 || only === undefined || !('text' in only) || only.quoted) return [word];
  return braceAlternatives(only.text).map((text) => [{ text, quoted: false }]);
}

function braceAlternatives(text: string): string[] {
  for (let open = 0; open < text.length; open++) {
    if (text[open] !== '{') continue;
    let depth = 0;
    let close = -1;
    const commas: number[] = [];
    for (let j = open; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        close = j;
        break;
      } else if (text[j] === ',' && depth === 1) commas.push(j);
    }
    if (close < 0) return [text];
    if (commas.length === 0) continue;
    const bounds = [open, ...commas, close];
    const prefix = text.slice(0, open);
    const suffix = text.slice(close + 1);
    return bounds.slice(0, -1).flatMap((start, n) => braceAlternatives(`${prefix}${text.slice(start + 1, bounds[n + 1])}${suffix}`));
  }
  return [text];
}
