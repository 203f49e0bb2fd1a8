// The terminal's offline pip: install (--target, -r, the user site), list, freeze and their
// messages, checked line for line against pip 26's wording, over real wheels from PyPI
// (tests/fixtures/wheels/) and small ones built here.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_RUNTIMES } from '../../src/emulator/index.ts';
import { buildPipStore, PipStoreError } from '../../src/hosts/node/pip-store.ts';
import { createShell } from '../../src/terminal/index.ts';
import { compareVersions, parseVersion, satisfies, parseSpecifiers } from '../../src/terminal/pip/pep440.ts';
import { createPipCommands } from '../../src/terminal/pip/pip-command.ts';
import { TARGET_PYTHON } from '../../src/terminal/pip/python.ts';
import { evaluateMarker, formatRequirement, parseRequirement } from '../../src/terminal/pip/requirement.ts';
import { installationOrder } from '../../src/terminal/pip/resolver.ts';
import type { WheelStore } from '../../src/terminal/pip/store.ts';
import { buildWheel, realWheel, SIX, TABULATE, wheelStore } from './support/wheels.ts';

const NOTE =
  "(This terminal installs offline, from the workbook's store of pure-Python wheels: six, tabulate. Packages with compiled parts, such as numpy, pandas and Pillow, are built for one operating system and processor and cannot run in the browser; on your own machine, build them for Lambda as the Layers lesson shows, with --platform manylinux2014_x86_64 --only-binary=:all:.)\n";

async function setup(store?: WheelStore) {
  const sh = createShell({ commands: createPipCommands(store ?? (await wheelStore([realWheel(TABULATE), realWheel(SIX)]))) });
  return sh;
}

describe('PEP 440 and PEP 508, as packaging reads them', () => {
  it('orders versions dev < pre < final < post and matches specifiers', () => {
    const sorted = ['1.0.post1', '1.0', '1.0rc1', '1.0.dev0', '1.0a2', '0.9', '1.0b1', '1!0.1'].map((v) => parseVersion(v)!).sort(compareVersions).map((v) => v.text);
    expect(sorted).toEqual(['0.9', '1.0.dev0', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0.post1', '1!0.1']);
    expect(satisfies('2.9.0.post0', parseSpecifiers('!=3.0.*,!=3.1.*,!=3.2.*,>=2.7'))).toBe(true);
    expect(satisfies('3.1.4', parseSpecifiers('!=3.0.*,!=3.1.*'))).toBe(false);
    expect(satisfies('2.2', parseSpecifiers('~=2.1'))).toBe(true);
    expect(satisfies('3.0', parseSpecifiers('~=2.1'))).toBe(false);
    expect(satisfies('1.0', parseSpecifiers('==1.0.0'))).toBe(true);
    expect(satisfies('2.0rc1', parseSpecifiers('<2.0'))).toBe(false);
    expect(satisfies('2.0rc1', parseSpecifiers('>=1.0'))).toBe(false); // pre-releases only when asked for
    expect(satisfies('1.7.post1', parseSpecifiers('>1.7'))).toBe(false);
  });

  it('prints requirements as str(Requirement) does and evaluates markers for Lambda’s Python', () => {
    expect(formatRequirement(parseRequirement('six >=1.5'))).toBe('six>=1.5');
    expect(formatRequirement(parseRequirement('pandas == 1.1.4'))).toBe('pandas==1.1.4');
    expect(formatRequirement(parseRequirement('charset_normalizer<4,>=2'))).toBe('charset_normalizer<4,>=2');
    expect(formatRequirement(parseRequirement("wcwidth ; extra == 'widechars'"))).toBe('wcwidth; extra == "widechars"');
    expect(formatRequirement(parseRequirement('Tabulate[widechars, b] (>=0.9)'))).toBe('Tabulate[b,widechars]>=0.9');
    const marker = (text: string, extras: string[] = []) => evaluateMarker(parseRequirement(`x; ${text}`).marker!, extras);
    expect(marker('python_version >= "3.8" and sys_platform == "linux"')).toBe(true);
    expect(marker('python_version < "3.11"')).toBe(false);
    expect(marker('platform_system == "Windows" or (os_name == "posix" and platform_machine == "x86_64")')).toBe(true);
    expect(marker('extra == "socks"')).toBe(false);
    expect(marker('extra == "socks"', ['SOCKS'])).toBe(true);
    expect(marker('"linux" in sys_platform')).toBe(true);
    expect(() => parseRequirement('foo bar')).toThrow('Expected end or semicolon (after name and no valid version specifier)\n    foo bar\n        ^');
  });

  it('installs in pip’s order: leaves first, ties by name in reverse', () => {
    const edges = new Map([
      ['requests', new Set(['urllib3', 'idna', 'charset-normalizer', 'certifi'])],
      ['urllib3', new Set<string>()],
      ['idna', new Set<string>()],
      ['charset-normalizer', new Set<string>()],
      ['certifi', new Set<string>()],
    ]);
    expect(installationOrder(['requests', 'urllib3', 'idna', 'charset-normalizer', 'certifi'], edges)).toEqual(['urllib3', 'idna', 'charset-normalizer', 'certifi', 'requests']);
    const chain = new Map([
      ['a', new Set(['b', 'c'])],
      ['b', new Set(['c'])],
      ['c', new Set<string>()],
    ]);
    expect(installationOrder(['a', 'b', 'c'], chain)).toEqual(['c', 'b', 'a']);
  });

  it('pip installs for the newest Python runtime the workbook emulates', () => {
    expect(`python${TARGET_PYTHON}`).toBe(PYTHON_RUNTIMES[PYTHON_RUNTIMES.length - 1]);
  });
});

describe('pip in the terminal', () => {
  it('pip install -t lays a real wheel out as pip does: package, dist-info with INSTALLER, REQUESTED and a rewritten RECORD, bin/', async () => {
    const sh = await setup();
    const result = await sh.run('pip install tabulate -t package/');
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        'Collecting tabulate\n  Using cached tabulate-0.10.0-py3-none-any.whl.metadata (40 kB)\nUsing cached tabulate-0.10.0-py3-none-any.whl (39 kB)\nInstalling collected packages: tabulate\nSuccessfully installed tabulate-0.10.0\n',
      stderr: '',
    });
    expect((await sh.run('ls package package/tabulate-0.10.0.dist-info')).stdout).toBe(
      'package:\nbin  tabulate  tabulate-0.10.0.dist-info\n\npackage/tabulate-0.10.0.dist-info:\nINSTALLER  METADATA  RECORD  REQUESTED  WHEEL  entry_points.txt  licenses  top_level.txt\n',
    );
    expect(sh.fs.readText('/home/learner/package/tabulate-0.10.0.dist-info/INSTALLER')).toBe('pip\n');
    const launcher = "#!/usr/local/bin/python3\nimport sys\nfrom tabulate import _main\nif __name__ == '__main__':\n    sys.argv[0] = sys.argv[0].removesuffix('.exe')\n    sys.exit(_main())\n";
    expect(sh.fs.readText('/home/learner/package/bin/tabulate')).toBe(launcher);
    const launcherHash = createHash('sha256').update(launcher).digest('base64url');
    // Byte for byte what pip writes (checked against pip's own --target install of this wheel); only the launcher is pip 26's.
    expect(sh.fs.readText('/home/learner/package/tabulate-0.10.0.dist-info/RECORD')).toBe(
      [
        `../../bin/tabulate,sha256=${launcherHash},${launcher.length}`,
        'tabulate-0.10.0.dist-info/INSTALLER,sha256=zuuue4knoyJ-UwPPXg8fezS7VCrXJQrAP7zeNuwvFQg,4',
        'tabulate-0.10.0.dist-info/METADATA,sha256=ON_G22iXRf9MOJCzww735dCxVv2-63ZbkCf9kXBD2Es,40783',
        'tabulate-0.10.0.dist-info/RECORD,,',
        'tabulate-0.10.0.dist-info/REQUESTED,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0',
        'tabulate-0.10.0.dist-info/WHEEL,sha256=YCfwYGOYMi5Jhw2fU4yNgwErybb2IX5PEwBKV4ZbdBo,91',
        'tabulate-0.10.0.dist-info/entry_points.txt,sha256=8DmChBYma2n4UqC1VkkKbD5Nu4MrdZasURoeTtG0JVo,44',
        'tabulate-0.10.0.dist-info/licenses/LICENSE,sha256=zfq1DTfY6tBkaPt2o6uvzQXBZ0nsihjuv6UP1Ix8stI,1080',
        'tabulate-0.10.0.dist-info/top_level.txt,sha256=qfqkQ2az7LTxUeRePtX8ggmh294Kf1ERdI-11aWqFZU,9',
        'tabulate/__init__.py,sha256=zXgVdl_HW-mp6nY4t607JZ22TMegKmKX88zwGG7JuaI,108269',
        '',
      ].join('\r\n'),
    );
    // Again: pip installs into a scratch folder and will not replace what is there without --upgrade.
    const again = await sh.run('pip install tabulate --target=package');
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toBe(
      'WARNING: Target directory /home/learner/package/tabulate already exists. Specify --upgrade to force replacement.\nWARNING: Target directory /home/learner/package/tabulate-0.10.0.dist-info already exists. Specify --upgrade to force replacement.\nWARNING: Target directory /home/learner/package/bin already exists. Specify --upgrade to force replacement.\n',
    );
    sh.fs.writeFile('/home/learner/package/tabulate/__init__.py', 'broken');
    expect((await sh.run('pip install -U -q tabulate -t package')).stderr).toBe('');
    expect(sh.fs.readText('/home/learner/package/tabulate/__init__.py')).toContain('def tabulate(');
  });

  it('resolves Requires-Dist: Collecting lines with where each came from, pip’s install order, sorted summary', async () => {
    const store = await wheelStore([
      realWheel(SIX),
      await buildWheel('calendar-kit', '2.0.0', { 'calendar_kit/__init__.py': 'import six\n' }, { requiresDist: ['six >=1.5', 'colorama ; platform_system == "Windows"', 'Holiday_Data (<3,>=1.0)'] }),
      await buildWheel('holiday-data', '1.2.0', { 'holiday_data.py': 'DAYS = []\n' }),
      await buildWheel('holiday-data', '3.0.0', { 'holiday_data.py': 'DAYS = [1]\n' }),
    ]);
    const sh = await setup(store);
    const result = await sh.run('pip3 install calendar-kit==2.0.0 -t layer/python');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Collecting calendar-kit==2.0.0',
        '  Using cached calendar_kit-2.0.0-py3-none-any.whl.metadata (221 bytes)',
        'Collecting six>=1.5 (from calendar-kit==2.0.0)',
        '  Using cached six-1.17.0-py2.py3-none-any.whl.metadata (1.7 kB)',
        'Collecting Holiday_Data<3,>=1.0 (from calendar-kit==2.0.0)',
        '  Using cached holiday_data-1.2.0-py3-none-any.whl.metadata (102 bytes)',
        'Using cached calendar_kit-2.0.0-py3-none-any.whl (1.1 kB)',
        'Using cached holiday_data-1.2.0-py3-none-any.whl (955 bytes)',
        'Using cached six-1.17.0-py2.py3-none-any.whl (11 kB)',
        'Installing collected packages: six, Holiday_Data, calendar-kit',
        'Successfully installed Holiday_Data-1.2.0 calendar-kit-2.0.0 six-1.17.0',
        '',
      ].join('\n'),
    );
    expect(sh.fs.readdir('/home/learner/layer/python')).toEqual(['calendar_kit', 'calendar_kit-2.0.0.dist-info', 'holiday_data-1.2.0.dist-info', 'holiday_data.py', 'six-1.17.0.dist-info', 'six.py']);
    // Only what the learner named is REQUESTED.
    expect(sh.fs.exists('/home/learner/layer/python/calendar_kit-2.0.0.dist-info/REQUESTED')).toBe(true);
    expect(sh.fs.exists('/home/learner/layer/python/six-1.17.0.dist-info/REQUESTED')).toBe(false);
    // --no-deps takes only what was named.
    expect((await sh.run('pip install --no-deps calendar-kit -t solo')).stdout).toContain('Successfully installed calendar-kit-2.0.0\n');
    expect(sh.fs.readdir('/home/learner/solo')).toEqual(['calendar_kit', 'calendar_kit-2.0.0.dist-info']);
    expect((await sh.run('pip install --dry-run calendar-kit')).stdout).toContain('Would install calendar-kit-2.0.0 holiday-data-1.2.0 six-1.17.0\n');
  });

  it('a package the store lacks is pip’s two errors, then what the store has and why numpy cannot be in it', async () => {
    const sh = await setup();
    sh.fs.mkdir('/home/learner/aws-layer/python/lib/python3.7/site-packages', { parents: true });
    const numpy = await sh.run('pip3 install numpy --target aws-layer/python/lib/python3.7/site-packages');
    expect(numpy).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `ERROR: Could not find a version that satisfies the requirement numpy (from versions: none)\nERROR: No matching distribution found for numpy\n${NOTE}`,
    });
    expect(sh.fs.readdir('/home/learner/aws-layer/python/lib/python3.7/site-packages')).toEqual([]);
    // A version the store does not have: the versions it does, and no note.
    expect((await sh.run('pip install tabulate==0.9.0 -t x')).stderr).toBe(
      'ERROR: Could not find a version that satisfies the requirement tabulate==0.9.0 (from versions: 0.10.0)\nERROR: No matching distribution found for tabulate==0.9.0\n',
    );
    // Requires-Python rules a version out, as pip says.
    expect((await sh.run('pip install tabulate -t x --python-version 3.9 --only-binary=:all:')).stderr).toBe(
      'ERROR: Ignored the following versions that require a different python version: 0.10.0 Requires-Python >=3.10\nERROR: Could not find a version that satisfies the requirement tabulate (from versions: none)\nERROR: No matching distribution found for tabulate\n' + NOTE,
    );
    // A dependency the store lacks names its parent.
    expect((await sh.run('pip install "tabulate[widechars]" -t x')).stderr).toBe(
      `ERROR: Could not find a version that satisfies the requirement wcwidth; extra == "widechars" (from tabulate[widechars]) (from versions: none)\nERROR: No matching distribution found for wcwidth; extra == "widechars"\n${NOTE}`,
    );
  });

  it('pip install -r reads the file as pip does: comments, continuations, nested -r, and seed 000’s modules.txt', async () => {
    const sh = await setup();
    await sh.run(`echo 'pandas == 1.1.4' > modules.txt && echo 'numpy == 1.19.4' >> modules.txt`);
    expect((await sh.run('pip3 install -r modules.txt --target site')).stderr).toBe(
      `ERROR: Could not find a version that satisfies the requirement pandas==1.1.4 (from versions: none)\nERROR: No matching distribution found for pandas==1.1.4\n${NOTE}`,
    );
    sh.fs.writeFile('/home/learner/requirements.txt', '# what the layer needs\ntabulate>=0.9 \\\n  ,<1  # tables\n\n-r more/base.txt\n--index-url https://pypi.org/simple\n');
    sh.fs.mkdir('/home/learner/more');
    sh.fs.writeFile('/home/learner/more/base.txt', 'six==1.17.0\n');
    const result = await sh.run('pip install -r requirements.txt -t site');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Collecting tabulate<1,>=0.9 (from -r requirements.txt (line 2))',
        '  Using cached tabulate-0.10.0-py3-none-any.whl.metadata (40 kB)',
        'Collecting six==1.17.0 (from -r more/base.txt (line 1))',
        '  Using cached six-1.17.0-py2.py3-none-any.whl.metadata (1.7 kB)',
        'Using cached six-1.17.0-py2.py3-none-any.whl (11 kB)',
        'Using cached tabulate-0.10.0-py3-none-any.whl (39 kB)',
        'Installing collected packages: tabulate, six',
        'Successfully installed six-1.17.0 tabulate-0.10.0',
        '',
      ].join('\n'),
    );
    expect((await sh.run('pip install -r nope.txt')).stderr).toBe("ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'nope.txt'\n");
    sh.fs.writeFile('/home/learner/bad.txt', 'tabulate\nsix = 1.17\n');
    expect((await sh.run('pip install -r bad.txt')).stderr).toBe(
      "ERROR: Invalid requirement: 'six = 1.17': Expected end or semicolon (after name and no valid version specifier)\n    six = 1.17\n        ^ (from line 2 of bad.txt)\nHint: = is not a valid operator. Did you mean == ?\n",
    );
  });

  it('without --target pip installs into the user site, says what is already there, and warns about the script folder', async () => {
    const sh = await setup();
    const first = await sh.run('python3 -m pip install tabulate');
    expect(first.stdout).toBe(
      'Defaulting to user installation because normal site-packages is not writeable\nCollecting tabulate\n  Using cached tabulate-0.10.0-py3-none-any.whl.metadata (40 kB)\nUsing cached tabulate-0.10.0-py3-none-any.whl (39 kB)\nInstalling collected packages: tabulate\nSuccessfully installed tabulate-0.10.0\n',
    );
    expect(first.stderr).toBe(
      "  WARNING: The script tabulate is installed in '/home/learner/.local/bin' which is not on PATH.\n  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.\n",
    );
    expect(sh.fs.exists('/home/learner/.local/lib/python3.14/site-packages/tabulate/__init__.py')).toBe(true);
    const again = await sh.run('pip install tabulate six');
    expect(again.stdout).toBe(
      'Defaulting to user installation because normal site-packages is not writeable\nRequirement already satisfied: tabulate in ./.local/lib/python3.14/site-packages (0.10.0)\nCollecting six\n  Using cached six-1.17.0-py2.py3-none-any.whl.metadata (1.7 kB)\nUsing cached six-1.17.0-py2.py3-none-any.whl (11 kB)\nInstalling collected packages: six\nSuccessfully installed six-1.17.0\n',
    );
    expect((await sh.run('pip list')).stdout).toBe('Package  Version\n-------- -------\npip      26.2.1\nsix      1.17.0\ntabulate 0.10.0\n');
    expect((await sh.run('pip freeze')).stdout).toBe('six==1.17.0\ntabulate==0.10.0\n');
    await sh.run('pip install -q six -t layer');
    expect((await sh.run('pip list --path layer --format=freeze')).stdout).toBe('six==1.17.0\n');
    const shown = await sh.run('pip show tabulate nope pip');
    expect(shown.stdout).toBe(
      [
        'Name: tabulate',
        'Version: 0.10.0',
        'Summary: Pretty-print tabular data',
        'Home-page: https://github.com/astanin/python-tabulate',
        'Author: ',
        'Author-email: Sergey Astanin <s.astanin@gmail.com>',
        'License-Expression: MIT',
        'Location: /home/learner/.local/lib/python3.14/site-packages',
        'Requires: ',
        'Required-by: ',
        '---',
        'Name: pip',
        'Version: 26.2.1',
        'Summary: The PyPA recommended tool for installing Python packages.',
        'Home-page: https://pip.pypa.io/',
        'Author: ',
        'Author-email: The pip developers <distutils-sig@python.org>',
        'License-Expression: MIT',
        'Location: /usr/local/lib/python3.14/site-packages',
        'Requires: ',
        'Required-by: ',
        '',
      ].join('\n'),
    );
    expect(shown.stderr).toBe('WARNING: Package(s) not found: nope\n');
    expect((await sh.run('pip show -f six')).stdout).toMatch(
      /\nRequired-by: \nFiles:\n  six-1\.17\.0\.dist-info\/INSTALLER\n  six-1\.17\.0\.dist-info\/LICENSE\n  six-1\.17\.0\.dist-info\/METADATA\n  six-1\.17\.0\.dist-info\/RECORD\n  six-1\.17\.0\.dist-info\/REQUESTED\n  six-1\.17\.0\.dist-info\/WHEEL\n  six-1\.17\.0\.dist-info\/top_level\.txt\n  six\.py\n$/,
    );
    expect((await sh.run('pip show')).stderr).toBe('WARNING: ERROR: Please provide a package name or names.\n');
    // A requirement whose marker does not hold is skipped, as pip says.
    expect((await sh.run(`pip install "six; python_version < '3'" -t q`)).stdout).toBe('Ignoring six: markers \'python_version < "3"\' don\'t match your environment\n');
  });

  it('answers --version, usage errors and unknown commands as pip does', async () => {
    const sh = await setup();
    expect((await sh.run('pip --version')).stdout).toBe('pip 26.2.1 from /usr/local/lib/python3.14/site-packages/pip (python 3.14)\n');
    expect((await sh.run('python3 -m pip -V')).stdout).toBe('pip 26.2.1 from /usr/local/lib/python3.14/site-packages/pip (python 3.14)\n');
    const usage = (prog: string) =>
      `\nUsage:   \n  ${prog} install [options] <requirement specifier> [package-index-options] ...\n  ${prog} install [options] -r <requirements file> [package-index-options] ...\n  ${prog} install [options] [-e] <vcs project url> ...\n  ${prog} install [options] [-e] <local project path> ...\n  ${prog} install [options] <archive url/path> ...\n\n`;
    expect(await sh.run('pip install --frobnicate tabulate')).toEqual({ exitCode: 2, stdout: '', stderr: `${usage('pip')}no such option: --frobnicate\n` });
    expect((await sh.run('pip3 install tabulate -t')).stderr).toBe(`${usage('pip3')}-t option requires 1 argument\n`);
    expect((await sh.run('python3 -m pip install -x')).stderr).toBe(`${usage('/usr/local/bin/python3 -m pip')}no such option: -x\n`);
    expect(await sh.run('pip install')).toEqual({ exitCode: 1, stdout: '', stderr: 'ERROR: You must give at least one requirement to install (see "pip help install")\n' });
    expect(await sh.run('pip instal tabulate')).toEqual({ exitCode: 1, stdout: '', stderr: 'ERROR: unknown command "instal" - maybe you meant "install"\n' });
    expect((await sh.run('pip install --user tabulate -t x')).stderr).toBe("ERROR: Can not combine '--user' and '--target'\n");
    expect((await sh.run('pip install --platform manylinux2014_x86_64 tabulate -t x')).stderr).toBe(
      'ERROR: When restricting platform and interpreter constraints using --python-version, --platform, --abi, or --implementation, either --no-deps must be set, or --only-binary=:all: must be set and --no-binary must not be set (or must be set to :none:).\n',
    );
    // The lesson's recipe for compiled packages, with a pure-Python one: the store's wheels fit any platform.
    expect((await sh.run('pip install --platform manylinux2014_x86_64 --only-binary=:all: tabulate -t x')).exitCode).toBe(0);
    expect((await sh.run('python3 app.py')).exitCode).toBe(2);
  });

  it('refuses a wheel whose hash is not the index’s, and says so when the store cannot be read', async () => {
    const corrupt = await setup(await wheelStore([realWheel(TABULATE)], { corrupt: TABULATE }));
    const result = await corrupt.run('pip install tabulate -t x');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE\. .*\n {4}tabulate from https:\/\/files\.pythonhosted\.org\/packages\/tabulate-0\.10\.0-py3-none-any\.whl#sha256=f0b0622e567335c8fabaaa659f1b33bcb6ddfe2e496071b743aa113f8774f2d3:\n {8}Expected sha256 f0b0622e567335c8fabaaa659f1b33bcb6ddfe2e496071b743aa113f8774f2d3\n {13}Got {8}[0-9a-f]{64}\n$/);
    expect(corrupt.fs.exists('/home/learner/x/tabulate')).toBe(false);
    const broken = await setup(await wheelStore([], { broken: true }));
    expect((await broken.run('pip install tabulate -t x')).stderr).toBe(
      "ERROR: Could not read the workbook's offline wheel store (HTTP 404 for index.json): this terminal installs only from it, with no network.\n",
    );
  });
});

describe('the wheel store build', () => {
  it('stops with the reason when pip is missing, and keeps a complete store without asking pip again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'pip-store-'));
    const previous = process.env['PYTHON'];
    try {
      process.env['PYTHON'] = join(directory, 'no-such-python');
      await expect(buildPipStore(directory, ['tabulate==0.10.0'])).rejects.toThrow(PipStoreError);
      await expect(buildPipStore(directory, ['tabulate==0.10.0'])).rejects.toThrow(/^the terminal's wheel store needs pip: `.*no-such-python -m pip --version` failed \(.*\)\. Install Python 3 with pip \(Debian: apt-get install python3-pip\), or set PYTHON to a Python that has it\.$/);
      // A store already built for these requirements is used as it is (no pip, no network).
      const [file, bytes] = realWheel(TABULATE);
      writeFileSync(join(directory, file), bytes);
      writeFileSync(join(directory, 'index.json'), JSON.stringify({ requirements: ['tabulate==0.10.0'], python: TARGET_PYTHON, packages: { tabulate: [{ file }] } }));
      expect(await buildPipStore(directory, ['tabulate==0.10.0'])).toEqual({ rebuilt: false, wheels: 1 });
      // Other requirements, or a wheel gone missing, need pip again.
      await expect(buildPipStore(directory, ['six==1.17.0'])).rejects.toThrow(PipStoreError);
      rmSync(join(directory, file));
      await expect(buildPipStore(directory, ['tabulate==0.10.0'])).rejects.toThrow(PipStoreError);
    } finally {
      if (previous === undefined) delete process.env['PYTHON'];
      else process.env['PYTHON'] = previous;
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
