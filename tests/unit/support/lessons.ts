/** Reads the lessons the way the site does: content/lessons/*.mdx with YAML-ish frontmatter. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LESSONS_DIR = join(import.meta.dirname, '../../../content/lessons');

export interface LessonFile {
  slug: string;
  text: string;
  frontmatter: { title?: string; description?: string; order?: number; exercise?: string; quiz?: string };
  body: string;
}

export function readLessons(): LessonFile[] {
  return readdirSync(LESSONS_DIR)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => {
      const text = readFileSync(join(LESSONS_DIR, f), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (!match) throw new Error(`${f}: no frontmatter`);
      const fm = match[1]!;
      const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(fm)?.[1]?.trim();
      const order = field('order');
      return {
        slug: f.replace(/\.mdx$/, ''),
        text,
        body: text.slice(match[0].length),
        frontmatter: {
          title: field('title'),
          description: field('description'),
          order: order === undefined ? undefined : Number(order),
          exercise: field('exercise'),
          quiz: field('quiz'),
        },
      };
    })
    .sort((a, b) => (a.frontmatter.order ?? 0) - (b.frontmatter.order ?? 0));
}

export interface TryItBlock {
  lesson: string;
  /** Attribute name to its source text: a JS expression, or a quoted string as written. */
  attributes: Record<string, string>;
}

/** Finds every `<TryIt ... />` and splits its attributes, keeping each value's source text. */
export function findTryIts(lesson: LessonFile): TryItBlock[] {
  const blocks: TryItBlock[] = [];
  const src = lesson.body;
  let at = src.indexOf('<TryIt');
  while (at !== -1) {
    let i = at + '<TryIt'.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(src[i]!)) i++;
      if (src.startsWith('/>', i)) break;
      const name = /^[a-zA-Z]+/.exec(src.slice(i))?.[0];
      if (!name || src[i + name.length] !== '=') throw new Error(`${lesson.slug}: cannot read TryIt attribute at ${src.slice(i, i + 30)}`);
      i += name.length + 1;
      const open = src[i]!;
      if (open === "'" || open === '"') {
        const end = src.indexOf(open, i + 1);
        attributes[name] = JSON.stringify(src.slice(i + 1, end));
        i = end + 1;
      } else if (open === '{') {
        const end = matchBrace(src, i);
        attributes[name] = src.slice(i + 1, end);
        i = end + 1;
      } else throw new Error(`${lesson.slug}: unexpected ${open} in TryIt`);
    }
    blocks.push({ lesson: lesson.slug, attributes });
    at = src.indexOf('<TryIt', i);
  }
  return blocks;
}

/** Index of the brace closing the one at `start`, skipping strings and template literals. */
function matchBrace(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces');
}
