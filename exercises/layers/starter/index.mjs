// Task 3: import generate from the library in the layer and return { words: [...] } with three words.
export const handler = async (event) => {
  return { words: [] };
};
