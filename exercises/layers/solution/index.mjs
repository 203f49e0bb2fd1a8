// random-words is not in this function's package: the runtime finds it in the layer, under /opt/nodejs/node_modules.
import { generate } from 'random-words';

export const handler = async (event) => {
  return { words: generate(3) };
};
