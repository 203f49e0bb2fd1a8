// Seed 000's Python layer, typed into the terminal as the notes write it, against the in-process
// emulator with its Python runtime: numpy is refused (compiled), a pure-Python package installs;
// the notes' python3.7 folder is never searched by a 3.14 function (Runtime.ImportModuleError);
// the same lines with the function's own version give a layer whose package the function imports.
// Then seed 003's `pip install <package> -t .` bundles the package with the function instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineChooser, createInProcessEmulator, createPythonEnvironmentFactory, type InProcessEmulator } from '../../src/emulator/index.ts';
import { nodePyodideSource } from '../../src/hosts/node/pyodide.ts';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { createShell, type Shell } from '../../src/terminal/index.ts';
import { createPipCommands } from '../../src/terminal/pip/pip-command.ts';
import { ACCOUNT, quickJSEngine, REGION, ROLE } from './support/harness.ts';
import { realWheel, SIX, TABULATE, wheelStore } from './support/wheels.ts';

const HANDLER = `from tabulate import tabulate

def lambda_handler(event, context):
    return tabulate([["Sun", 696000], ["Moon", 1737]], headers=["Body", "R (km)"])
`;
const TABLE = 'Body      R (km)\n------  --------\nSun       696000\nMoon        1737';
const LAYER = `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:python-tables`;

describe("seed 000's layer sequence in the terminal", { timeout: 240_000 }, () => {
  let emulator: InProcessEmulator;
  let sh: Shell;
  const ok = async (line: string): Promise<string> => {
    const result = await sh.run(line);
    expect(result.stderr, line).toBe('');
    expect(result.exitCode, line).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    emulator = createInProcessEmulator({
      environmentFactory: createEngineChooser({ nodejs: quickJSEngine(), python: createPythonEnvironmentFactory({ pyodide: nodePyodideSource }) }),
      region: REGION,
      accountId: ACCOUNT,
    });
    sh = createShell({ commands: { aws: createAwsCommand({ clientConfig: { ...emulator.clientConfig } }), ...createPipCommands(await wheelStore([realWheel(TABULATE), realWheel(SIX)])) } });
  });
  afterAll(() => emulator.close());

  it('as written: numpy is refused with the reason, and a python3.7 layer is not searched by python3.14', async () => {
    await ok('mkdir -p aws-layer/python/lib/python3.7/site-packages');
    const numpy = await sh.run('pip3 install numpy --target aws-layer/python/lib/python3.7/site-packages');
    expect(numpy.exitCode).toBe(1);
    expect(numpy.stderr).toMatch(/^ERROR: Could not find a version that satisfies the requirement numpy \(from versions: none\)\nERROR: No matching distribution found for numpy\n\(This terminal installs offline, from the workbook's store of pure-Python wheels: six, tabulate\. Packages with compiled parts, such as numpy, pandas and Pillow, .* cannot run in the browser;/);
    // The notes' requirements file (pandas == 1.1.4, numpy == 1.19.4): pip stops at the first.
    await ok("echo 'pandas == 1.1.4' > modules.txt && echo 'numpy == 1.19.4' >> modules.txt");
    expect((await sh.run('pip3 install -r modules.txt --target aws-layer/python/lib/python3.7/site-packages')).stderr).toMatch(/^ERROR: Could not find a version that satisfies the requirement pandas==1\.1\.4 \(from versions: none\)\n/);

    // The same lines with the pure-Python package the store has.
    expect(await ok('pip3 install tabulate --target aws-layer/python/lib/python3.7/site-packages')).toContain('Successfully installed tabulate-0.10.0\n');
    await ok('cd aws-layer');
    await ok('zip -r9 lambda-layer.zip .');
    expect((await ok('unzip -l lambda-layer.zip')).split('\n').filter((l) => l.endsWith('tabulate/__init__.py'))[0]).toMatch(/ python\/lib\/python3\.7\/site-packages\/tabulate\/__init__\.py$/);
    expect(await ok('aws lambda publish-layer-version --layer-name python-tables --zip-file fileb://lambda-layer.zip --compatible-runtimes python3.14 --query LayerVersionArn --output text')).toBe(`${LAYER}:1\n`);

    await ok('cd ~ && mkdir tables && cd tables');
    sh.fs.writeFile('/home/learner/tables/lambda_function.py', HANDLER);
    await ok('zip function.zip lambda_function.py');
    await ok(`aws lambda create-function --function-name tables --runtime python3.14 --handler lambda_function.lambda_handler --role ${ROLE} --zip-file fileb://function.zip --layers ${LAYER}:1 --query State --output text`);
    const invoked = await ok('aws lambda invoke --function-name tables out.json');
    expect(invoked).toBe('{\n    "StatusCode": 200,\n    "FunctionError": "Unhandled",\n    "ExecutedVersion": "$LATEST"\n}\n');
    const error = JSON.parse(sh.fs.readText('/home/learner/tables/out.json')) as Record<string, unknown>;
    expect(error).toMatchObject({ errorMessage: "Unable to import module 'lambda_function': No module named 'tabulate'", errorType: 'Runtime.ImportModuleError' });
  });

  it("today's equivalent: the function's own Python version gives a layer the function imports", async () => {
    await ok('cd ~ && rm -r aws-layer');
    await ok('mkdir -p aws-layer/python/lib/python3.14/site-packages');
    const install = await ok('pip3 install tabulate --target aws-layer/python/lib/python3.14/site-packages');
    expect(install).toBe(
      'Collecting tabulate\n  Using cached tabulate-0.10.0-py3-none-any.whl.metadata (40 kB)\nUsing cached tabulate-0.10.0-py3-none-any.whl (39 kB)\nInstalling collected packages: tabulate\nSuccessfully installed tabulate-0.10.0\n',
    );
    await ok('cd aws-layer');
    await ok('zip -r9 lambda-layer.zip .');
    expect(await ok('aws lambda publish-layer-version --layer-name python-tables --zip-file fileb://lambda-layer.zip --compatible-runtimes python3.14 --query LayerVersionArn --output text')).toBe(`${LAYER}:2\n`);
    await ok(`aws lambda update-function-configuration --function-name tables --layers ${LAYER}:2 --query Layers[0].Arn --output text`);
    await ok('cd ~/tables');
    expect(await ok('aws lambda invoke --function-name tables out.json')).toBe('{\n    "StatusCode": 200,\n    "ExecutedVersion": "$LATEST"\n}\n');
    expect(JSON.parse(sh.fs.readText('/home/learner/tables/out.json'))).toBe(TABLE);
  });

  it("seed 003's way: pip install <package> -t . bundles the package with the function, no layer", async () => {
    await ok('cd ~ && mkdir bundled && cd bundled');
    sh.fs.writeFile('/home/learner/bundled/lambda_function.py', HANDLER);
    expect(await ok('pip install tabulate -t .')).toContain('Successfully installed tabulate-0.10.0\n');
    expect(await ok('ls')).toBe('bin  lambda_function.py  tabulate  tabulate-0.10.0.dist-info\n');
    await ok('zip -r ../bundled.zip .');
    await ok(`aws lambda create-function --function-name bundled --runtime python3.14 --handler lambda_function.lambda_handler --role ${ROLE} --zip-file fileb://../bundled.zip --query State --output text`);
    await ok('aws lambda invoke --function-name bundled out.json');
    expect(JSON.parse(sh.fs.readText('/home/learner/bundled/out.json'))).toBe(TABLE);
  });
});
