// random-words is not in this function's package: the runtime finds it in the layer, under /opt/nodejs/node_modules.
const { generate } = require('random-words');

exports.handler = async (event) => {
  return { words: generate(3) };
};
