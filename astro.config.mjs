// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import { tableRegions } from './src/content/table-regions.ts';
import { copyPyodideFiles } from './src/hosts/node/pyodide-site-files.ts';
import { buildNpmStore } from './src/hosts/node/npm-store.ts';
import { buildPipStore } from './src/hosts/node/pip-store.ts';
import { offlineWorkbook } from './src/offline/service-worker-build.ts';
import { mdxTemplateIndentPlugin } from './src/content/mdx-template-indent.ts';

/** Exercise links for the sidebar, in meta.json order (the pages themselves are src/pages/exercises/). */
function exerciseLinks() {
  const root = new URL('./exercises/', import.meta.url);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/meta.json`, root)))
    .map((d) => JSON.parse(readFileSync(new URL(`${d.name}/meta.json`, root), 'utf8')))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((m) => ({ label: m.title ?? m.slug, link: `/exercises/${m.slug}/` }));
}

export default defineConfig({
  site: 'https://lambda-workbook.example',
  trailingSlash: 'always',
  // Every table in a lesson or exercise scrolls inside a labelled region the keyboard can reach (MDX extends this).
  markdown: { processor: satteri({ hastPlugins: [tableRegions] }) },
  integrations: [
    starlight({
      title: 'Lambda Workbook',
      description: 'Learn AWS Lambda by doing: lessons, exercises and a Lambda emulator that runs in your browser.',
      logo: { src: './src/assets/logo.svg', replacesTitle: false },
      customCss: ['./src/styles/workbook.css'],
      components: { Search: './src/components/overrides/Search.astro' },
      // Wrapped code never scrolls sideways: readable in the narrow exercise column, and keyboard-friendly.
      // A wrapped line starts at the left edge: keeping a deep indent (a text diagram's) would make
      // the line wider than a phone, whatever the wrapping.
      expressiveCode: { defaultProps: { wrap: true, preserveIndent: false } },
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }, { label: 'Your progress', link: '/progress/' }] },
        { label: 'Lessons', items: [{ autogenerate: { directory: 'content/lessons' } }] },
        { label: 'Exercises', items: [{ label: 'All exercises', link: '/exercises/' }, ...exerciseLinks()] },
      ],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
    // Python functions in the page run on Pyodide served by the site itself (public/pyodide/, not committed).
    { name: 'lambda-workbook:pyodide', hooks: { 'astro:config:setup': () => void copyPyodideFiles(fileURLToPath(new URL('./public/pyodide/', import.meta.url))) } },
    // The terminal's `npm install` reads real registry tarballs the site serves (public/npm/, not committed).
    {
      name: 'lambda-workbook:npm-store',
      hooks: {
        'astro:config:setup': async ({ logger }) => {
          try {
            const { rebuilt, packages } = await buildNpmStore(fileURLToPath(new URL('./public/npm/', import.meta.url)));
            if (rebuilt) logger.info(`npm store: ${packages} packages fetched with npm pack`);
          } catch (error) {
            logger.warn(`npm store not built (${error instanceof Error ? error.message : String(error)}); the terminal's npm install will say its store is missing`);
          }
        },
      },
    },
    // The terminal's `pip install` reads real pure-Python wheels the site serves (public/pip/, not
    // committed). No quiet fallback: a site whose pip cannot install is a broken lesson, so a
    // missing pip or registry stops the build with the reason.
    {
      name: 'lambda-workbook:pip-store',
      hooks: {
        'astro:config:setup': async ({ logger }) => {
          const { rebuilt, wheels } = await buildPipStore(fileURLToPath(new URL('./public/pip/', import.meta.url)));
          if (rebuilt) logger.info(`pip store: ${wheels} wheels fetched with pip download`);
        },
      },
    },
    // Last, so that every page and Pagefind's index exist when it lists what to precache.
    offlineWorkbook(),
  ],
  vite: {
    // Before @astrojs/mdx: a <TryIt code={`…`}> handler keeps its indentation (see the module).
    plugins: [mdxTemplateIndentPlugin()],
    build: { chunkSizeWarningLimit: 8000 },
  },
});
