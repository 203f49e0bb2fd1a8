/** Instructors' files (lab settings, instructor banks) read as JSON, with errors that name the file. */
export function parseJsonFile(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not JSON (${(err as Error).message}).`);
  }
}
