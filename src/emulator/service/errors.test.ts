import { describe, expect, it } from 'vitest';
import { ValidationErrors, validationError } from './errors.ts';

describe('validation errors', () => {
  it('reports one failed constraint in Lambda front-end wording', () => {
    const err = validationError("'x'", 'functionVersion', 'Member must satisfy enum value set: [ALL]');
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe("1 validation error detected: Value 'x' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
    expect(err.body()).toEqual({ message: err.message });
  });

  it('reports several at once, joined by semicolons, under the code asked for', () => {
    const errors = new ValidationErrors();
    errors.add("'a'", 'role', 'r');
    errors.add("'b'", 'handler', 'h');
    expect(() => errors.throwIfAny('InvalidParameterValueException')).toThrow(
      "2 validation errors detected: Value 'a' at 'role' failed to satisfy constraint: r; Value 'b' at 'handler' failed to satisfy constraint: h",
    );
    expect(errors.error('InvalidParameterValueException')?.code).toBe('InvalidParameterValueException');
  });

  it('has nothing to report before a problem is added', () => {
    expect(new ValidationErrors().error()).toBeUndefined();
    expect(() => new ValidationErrors().throwIfAny()).not.toThrow();
  });
});
