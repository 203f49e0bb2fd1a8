import { describe, expect, it } from 'vitest';
import { mdxToJs } from 'satteri';
import { preserveTemplateIndentation } from './mdx-template-indent.ts';

const handler = "export const handler = async (event) => {\n  if (!event.id) {\n    throw new Error('id is required');\n  }\n\treturn { ok: true, cost: `${1}$'` };\n};";

/** Compiles MDX as the site does and evaluates the one `code` prop it passes to <TryIt>. */
async function codeProp(mdx: string): Promise<string> {
  const { code } = await mdxToJs(mdx);
  const literal = /code: (`(?:[^`\\]|\\[\s\S])*`)/.exec(code)?.[1];
  if (!literal) throw new Error(`no code prop in:\n${code}`);
  return new Function(`return ${literal};`)() as string;
}

describe('a TryIt handler keeps its indentation through the MDX compiler', () => {
  const source = (code: string) => `Text.\n\n<TryIt\n  code={\`${code.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\`}\n  event='{}'\n/>\n`;

  it('the compiler alone strips the first level (the bug this works around)', async () => {
    expect(await codeProp(source(handler))).not.toBe(handler);
  });

  it('after preserveTemplateIndentation every line keeps its spaces and tabs', async () => {
    expect(await codeProp(preserveTemplateIndentation(source(handler)))).toBe(handler);
  });

  it('inside a list item too', async () => {
    const nested = `- step\n\n  <TryIt code={\`a {\n    b\n  }\`} />\n`;
    expect(await codeProp(preserveTemplateIndentation(nested))).toBe('a {\n    b\n  }');
  });

  it('leaves fenced code blocks and one-line literals alone', () => {
    const fenced = "```mdx\n<TryIt code={`a\n  b`} />\n```\n\n<X title={`one line`} />\n";
    expect(preserveTemplateIndentation(fenced)).toBe(fenced);
  });
});
