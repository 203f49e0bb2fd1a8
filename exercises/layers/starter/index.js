// Task 3: require the library from the layer and return { words: [...] } with three of its words.
exports.handler = async (event) => {
  return { words: [] };
};
