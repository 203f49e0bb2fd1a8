/** Helpers for rendering quiz text: shared by Quiz.astro (server) and kept free of DOM. */

export interface TextSegment {
  code: boolean;
  text: string;
}

/** Splits `text with \`code\` in it` into plain and code segments. */
export function inlineCode(text: string): TextSegment[] {
  return text
    .split('`')
    .map((part, i) => ({ code: i % 2 === 1, text: part }))
    .filter((s) => s.text !== '');
}

/** JSON that is safe inside a <script type="application/json"> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The name of a question's form controls: unique on the page even with several quizzes. */
export function fieldName(bankId: string, questionId: string, part?: string): string {
  return `quiz-${bankId}-${questionId}${part ? `-${part}` : ''}`;
}
