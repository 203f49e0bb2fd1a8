import { describe, expect, it } from 'vitest';
import { formatDue, parseLabConfigFile, readLabMode } from '../../src/lab/config.ts';
import { emptyProgress, parseProgress, serializeProgress } from '../../src/progress/index.ts';

describe('lab mode settings', () => {
  it('is off unless something is set', () => {
    expect(readLabMode({})).toEqual({ enabled: false, hideSolutions: false, askLearner: false });
  });

  it('reads the config file, and environment variables win over it', () => {
    const file = parseLabConfigFile('{"name": "CS 341", "due": "2026-12-15T17:00:00Z", "hideSolutions": true}', 'lab.json');
    expect(readLabMode({}, file)).toEqual({ enabled: true, name: 'CS 341', due: '2026-12-15T17:00:00Z', hideSolutions: true, askLearner: true });
    expect(readLabMode({ WORKBOOK_LAB_HIDE_SOLUTIONS: '0', WORKBOOK_LAB_DUE: '2026-12-20T09:00:00Z' }, file)).toEqual({ enabled: true, name: 'CS 341', due: '2026-12-20T09:00:00Z', hideSolutions: false, askLearner: true });
  });

  it('refuses a file with an unknown setting or a due date that is no date, saying which', () => {
    expect(() => parseLabConfigFile('{"hide": true}', 'lab.json')).toThrow('lab.json: "hide" is not a lab setting (name and due take text, hideSolutions true or false, latePenalty {"perDay", "cap"}, hintCosts a list of points).');
    expect(() => readLabMode({}, { due: 'next friday' })).toThrow('The lab due date "next friday" is not a date (use e.g. 2026-12-15T17:00:00Z).');
  });

  it('shows the due date the same way in every time zone', () => {
    expect(formatDue('2026-12-15T17:00:00Z')).toBe('15 December 2026, 17:00 UTC');
    expect(formatDue('2026-12-15T18:30:00+01:00')).toBe('15 December 2026, 17:30 UTC');
  });
});

describe('the learner in an exported workbook', () => {
  it('is carried by the progress file, and files without it still load as before', () => {
    const withLearner = parseProgress(serializeProgress({ ...emptyProgress(), learner: { name: 'Ada Lovelace', id: 's-001' } }));
    expect(withLearner.ok && withLearner.progress.learner).toEqual({ name: 'Ada Lovelace', id: 's-001' });
    const before = parseProgress(JSON.stringify({ version: 1, quizzes: {}, lessonsRead: {}, exercises: {} }));
    expect(before.ok && before.progress.learner).toBeUndefined();
    const wrong = parseProgress(JSON.stringify({ ...emptyProgress(), learner: { name: 'Ada' } }));
    expect(wrong).toEqual({ ok: false, problem: 'Saved progress does not match the expected format (learner.id: Invalid input).' });
  });
});
