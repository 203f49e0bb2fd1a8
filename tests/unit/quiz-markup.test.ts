import { describe, expect, it } from 'vitest';
import { fieldName, inlineCode, scriptSafeJson } from '../../src/components/quiz-markup.ts';

describe('quiz markup helpers', () => {
  it('splits backtick code out of question text', () => {
    expect(inlineCode('Set `HELLO` to `world` now')).toEqual([
      { code: false, text: 'Set ' },
      { code: true, text: 'HELLO' },
      { code: false, text: ' to ' },
      { code: true, text: 'world' },
      { code: false, text: ' now' },
    ]);
    expect(inlineCode('`index.handler`')).toEqual([{ code: true, text: 'index.handler' }]);
  });

  it('JSON for a script element cannot close the element', () => {
    const text = scriptSafeJson({ code: 'console.log("</script><script>alert(1)</script>")' });
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ code: 'console.log("</script><script>alert(1)</script>")' });
  });

  it('field names are unique per bank and question', () => {
    expect(fieldName('limits', 'timeout-max')).toBe('quiz-limits-timeout-max');
    expect(fieldName('limits', 'timeout-max', 'unit')).toBe('quiz-limits-timeout-max-unit');
  });
});
