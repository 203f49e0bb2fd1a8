import { describe, expect, it } from 'vitest';
import { defaultHandler, filesForNewFunction, PYTHON_STARTER, runtimeChoices } from './panels/function-bar.ts';

describe('Create function, as the console offers it', () => {
  it('offers the Node.js and Python runtimes Lambda supports today', () => {
    const choices = runtimeChoices();
    expect(choices).toContain('nodejs24.x');
    expect(choices).toContain('python3.14');
    expect(choices.every((r) => r.startsWith('nodejs') || r.startsWith('python'))).toBe(true);
  });

  it("uses each runtime's default handler", () => {
    expect(defaultHandler('nodejs22.x')).toBe('index.handler');
    expect(defaultHandler('python3.13')).toBe('lambda_function.lambda_handler');
  });

  it("gives a new Python function the console's starter when the learner has no .py file, and keeps theirs when they do", () => {
    const node = { 'index.mjs': 'export const handler = async () => 1;' };
    expect(filesForNewFunction(node, 'nodejs22.x')).toEqual(node);
    expect(filesForNewFunction(node, 'python3.14')).toEqual({ ...node, 'lambda_function.py': PYTHON_STARTER.text });
    expect(PYTHON_STARTER.text).toContain("def lambda_handler(event, context):");
    const exercise = { 'lambda_function.py': 'def lambda_handler(event, context):\n    return "exercise"\n' };
    expect(filesForNewFunction(node, 'python3.14', exercise)).toEqual({ ...node, ...exercise });
    const own = { 'lambda_function.py': 'def lambda_handler(e, c):\n    return 1\n' };
    expect(filesForNewFunction(own, 'python3.14')).toEqual(own);
  });
});
