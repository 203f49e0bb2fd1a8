import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createShell, FileSystem } from '../../src/terminal/index.ts';

const shell = () => createShell({ fs: new FileSystem({ now: () => Date.UTC(2026, 0, 2, 3, 4) }) });

describe('the shell reads command lines as bash does', () => {
  it('quotes, escapes and variables', async () => {
    const sh = shell();
    await sh.run('export NAME="hello world" EMPTY=');
    expect((await sh.run(`echo $NAME "$NAME" '$NAME' \\$NAME a\\ b "x\\"y" \${NAME}!`)).stdout).toBe(
      'hello world hello world $NAME $NAME a b x"y hello world!\n',
    );
    expect((await sh.run('echo [$EMPTY] $EMPTY "" end')).stdout).toBe('[]  end\n');
    expect((await sh.run('GREETING=hi && echo $GREETING ~ ~/x')).stdout).toBe('hi /home/learner /home/learner/x\n');
  });

  it('brace expansion, as bash does it before anything else', async () => {
    const sh = shell();
    expect((await sh.run('echo a{b,c}d x{1,2}{y,z} {one} {} "{p,q}" Variables={A=1,B=2}')).stdout).toBe(
      'abd acd x1y x1z x2y x2z {one} {} {p,q} Variables=A=1 Variables=B=2\n',
    );
    expect((await sh.run('echo {a,{b,c}}')).stdout).toBe('a b c\n');
  });

  it('&&, || and ; with $?', async () => {
    const sh = shell();
    const result = await sh.run('cat missing && echo no; echo status $? || echo never');
    expect(result.stdout).toBe('status 1\n');
    expect(result.stderr).toBe('cat: missing: No such file or directory\n');
    expect((await sh.run('false-command || echo recovered')).stdout).toBe('recovered\n');
  });

  it('> truncates and >> appends', async () => {
    const sh = shell();
    await sh.run('echo one > f.txt && echo two >> f.txt');
    expect((await sh.run('cat f.txt')).stdout).toBe('one\ntwo\n');
    await sh.run('echo -n three >f.txt');
    expect(sh.fs.readText('/home/learner/f.txt')).toBe('three');
  });

  it('says what it cannot do, in bash words', async () => {
    const sh = shell();
    const unknown = await sh.run('vim x');
    expect(unknown.exitCode).toBe(127);
    expect(unknown.stderr).toMatch(/^command not found: vim \(this terminal supports: cat, cd, .*zip\)\n$/);
    expect((await sh.run("echo 'open")).stderr).toBe("bash: unexpected EOF while looking for matching `''\n");
    expect((await sh.run('ls | wc')).stderr).toMatch(/^bash: pipes \(\|\) are not supported/);
    expect((await sh.run('echo a &&')).exitCode).toBe(2);
  });

  it('keeps a history', async () => {
    const sh = shell();
    await sh.run('pwd');
    await sh.run('echo hi');
    expect((await sh.run('history')).stdout).toBe('    1  pwd\n    2  echo hi\n    3  history\n');
  });
});

describe('the file commands behave as coreutils', () => {
  it('mkdir -p, cd, pwd, ls and tree', async () => {
    const sh = shell();
    expect((await sh.run('mkdir -p aws-layer/python/lib/python3.7/site-packages && cd aws-layer && pwd')).stdout).toBe('/home/learner/aws-layer\n');
    expect(sh.prompt).toBe('learner@workbook:~/aws-layer$ ');
    await sh.run('touch .hidden b.txt');
    expect((await sh.run('ls')).stdout).toBe('b.txt  python\n');
    expect((await sh.run('ls -a')).stdout).toBe('.  ..  .hidden  b.txt  python\n');
    expect((await sh.run('ls -l')).stdout).toMatch(/^total 4\n-rw-r--r-- 1 learner learner    0 \w{3} [ \d]\d \d\d:\d\d b\.txt\ndrwxr-xr-x 3 learner learner 4096 .* python\n$/);
    expect((await sh.run('tree')).stdout).toBe(
      '.\n├── b.txt\n└── python\n    └── lib\n        └── python3.7\n            └── site-packages\n\n4 directories, 1 file\n',
    );
    expect((await sh.run('mkdir python')).stderr).toBe('mkdir: cannot create directory ‘python’: File exists\n');
    expect((await sh.run('cd nowhere')).stderr).toBe('bash: cd: nowhere: No such file or directory\n');
    expect((await sh.run('ls nowhere')).exitCode).toBe(2);
    expect((await sh.run('ls -z')).stderr).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
    await sh.run('cd .. && cd -');
    expect(sh.cwd).toBe('/home/learner/aws-layer');
  });

  it('cp -r, mv and rm -r', async () => {
    const sh = shell();
    await sh.run('mkdir -p src/lib && echo x > src/lib/a.js && mkdir out');
    expect((await sh.run('cp src out')).stderr).toBe("cp: -r not specified; omitting directory 'src'\n");
    await sh.run('cp -r src out && mv out/src/lib/a.js out/b.js');
    expect(sh.fs.readText('/home/learner/out/b.js')).toBe('x\n');
    expect(sh.fs.exists('/home/learner/out/src/lib/a.js')).toBe(false);
    expect(sh.fs.readText('/home/learner/src/lib/a.js')).toBe('x\n');
    expect((await sh.run('mv src src/lib')).stderr).toBe("mv: cannot move 'src' to a subdirectory of itself, 'src/lib/src'\n");
    expect((await sh.run('rm src')).stderr).toBe("rm: cannot remove 'src': Is a directory\n");
    await sh.run('rm -r src');
    expect(sh.fs.exists('/home/learner/src')).toBe(false);
    expect((await sh.run('rm -rf nothing-here')).exitCode).toBe(0);
  });

  it('refuses rm -r / and loses nothing', async () => {
    const sh = shell();
    await sh.run('mkdir -p fn && echo code > fn/index.mjs');
    const before = JSON.stringify(sh.fs.snapshot());
    for (const line of ['rm -r /', 'rm -rf /', 'cd / && rm -rf .', 'rm -rf /..', 'rm -rf ../../']) {
      const result = await sh.run(line);
      expect(result.exitCode, line).toBe(1);
    }
    expect((await sh.run('rm -r /')).stderr).toBe("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
    expect(JSON.stringify(sh.fs.snapshot())).toBe(before);
  });

  it('a file system survives its snapshot', async () => {
    const sh = shell();
    await sh.run('mkdir -p a/b && echo hi > a/b/c && touch a/empty');
    const copy = FileSystem.fromSnapshot(JSON.parse(JSON.stringify(sh.fs.snapshot())));
    expect(copy.snapshot()).toEqual(sh.fs.snapshot());
  });
});

describe('zip and unzip', () => {
  it('zip -r9 of . names entries as Info-ZIP does, without the archive itself', async () => {
    const sh = shell();
    await sh.run('mkdir -p aws-layer/python/lib && cd aws-layer && echo "print(1)" > python/lib/m.py');
    const result = await sh.run('zip -r9 lambda-layer.zip .');
    expect(result.stdout).toBe('  adding: python/ (stored 0%)\n  adding: python/lib/ (stored 0%)\n  adding: python/lib/m.py (stored 0%)\n');
    expect(Object.keys(unzipSync(sh.fs.readFile('/home/learner/aws-layer/lambda-layer.zip')))).toEqual(['python/', 'python/lib/', 'python/lib/m.py']);
    expect((await sh.run('zip -r lambda-layer.zip .')).stdout).toContain('updating: python/lib/m.py');
    expect((await sh.run('unzip -l lambda-layer.zip')).stdout).toMatch(
      /^Archive:  lambda-layer\.zip\n  Length      Date    Time    Name\n---------  ---------- -----   ----\n        0  \d{4}-\d\d-\d\d \d\d:\d\d   python\/\n/,
    );
    expect((await sh.run('unzip -l lambda-layer.zip')).stdout).toMatch(/---------                     -------\n        9                     3 files\n$/);
  });

  it('reports what Info-ZIP reports for bad input', async () => {
    const sh = shell();
    const missing = await sh.run('zip -r out.zip nothing');
    expect(missing.exitCode).toBe(12);
    expect(missing.stderr).toBe('\tzip warning: name not matched: nothing\n\nzip error: Nothing to do! (out.zip)\n');
    expect((await sh.run('unzip -l nope.zip')).stderr).toBe('unzip:  cannot find or open nope.zip, nope.zip.zip or nope.zip.ZIP.\n');
    await sh.run('echo not a zip > bad.zip');
    expect((await sh.run('unzip -l bad.zip')).exitCode).toBe(9);
  });

  it('deflates what shrinks and unzip restores it', async () => {
    const sh = shell();
    await sh.run(`echo ${'abc '.repeat(200)} > big.txt && zip small big.txt`);
    expect(sh.fs.exists('/home/learner/small.zip')).toBe(true);
    await sh.run('mkdir x && cd x && unzip ../small.zip');
    expect(sh.fs.readText('/home/learner/x/big.txt')).toBe(`${'abc '.repeat(199)}abc\n`);
  });

  const hasUnzip = (() => {
    try {
      execFileSync('which', ['unzip']);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasUnzip)("a zip made in the terminal unzips with Debian's unzip to the same tree", async () => {
    const sh = shell();
    await sh.run('mkdir -p layer/nodejs/node_modules/words/lib layer/empty && cd layer');
    await sh.run('echo \'{"name":"words"}\' > nodejs/node_modules/words/package.json && echo "export default 1;" > nodejs/node_modules/words/lib/index.js');
    await sh.run(`echo ${'words '.repeat(500)} > nodejs/big.txt && touch 'a file with spaces' && zip -r9 layer.zip .`);
    const dir = mkdtempSync(join(tmpdir(), 'terminal-zip-'));
    try {
      writeFileSync(join(dir, 'layer.zip'), sh.fs.readFile('/home/learner/layer/layer.zip'));
      execFileSync('unzip', ['-q', 'layer.zip', '-d', 'out'], { cwd: dir });
      const tree = (root: string, prefix = ''): string[] =>
        readdirSync(join(root, prefix)).sort().flatMap((name) => {
          const path = prefix === '' ? name : `${prefix}/${name}`;
          const stat = statSync(join(root, path));
          return stat.isDirectory() ? [`${path}/ ${(stat.mode & 0o777).toString(8)}`, ...tree(root, path)] : [`${path} ${(stat.mode & 0o777).toString(8)} ${readFileSync(join(root, path), 'utf8')}`];
        });
      const expected = sh.fs
        .walk('/home/learner/layer')
        .filter(({ path }) => !path.endsWith('layer.zip'))
        .map(({ path, node }) => {
          const name = path.slice('/home/learner/layer/'.length);
          return node.kind === 'dir' ? `${name}/ 755` : `${name} 644 ${new TextDecoder().decode(node.data)}`;
        });
      expect(tree(join(dir, 'out'))).toEqual(expected);
      expect(execFileSync('unzip', ['-tq', 'layer.zip'], { cwd: dir, encoding: 'utf8' })).toMatch(/^No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
