import { createPythonEnvironmentFactory } from '../../src/emulator/index.ts';
import { nodePyodideSource } from '../../src/hosts/node/pyodide.ts';
import { pythonFunctionsSuite } from './support/python-suite.ts';
import { inProcessClients } from './support/harness.ts';

// In process end to end: the SDK's request handler, and the Python engine in this thread.
pythonFunctionsSuite('the in-process SDK request handler', () => createPythonEnvironmentFactory({ pyodide: nodePyodideSource }), async (service) => inProcessClients(service));
