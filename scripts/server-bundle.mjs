// The tsup options every server app builds with (apps/*/tsup.config.ts). A server is published as
// one self-contained bundle: its own code, the workspace packages (from their sources) and the npm
// libraries it uses, split at each dynamic import so a mode loads only what it needs (@azure/identity
// on the first token, undici on the first request, the HTTP server with --http). It starts faster
// than the same code as hundreds of files resolved through node_modules, and installs with no
// dependencies. The one exception is the demo simulator, an optional package --demo loads if present.

/** Packages a bundle never inlines: loaded at run time from beside the server, if installed. */
export const optionalRuntimePackages = ['@m365-mcp/graph-sim', 'pg-native'];

/**
 * Two builds of one server: the bin (`dist/`), whose chunks follow its own imports only, so its
 * start loads just the command line and the card; and the library (`dist/lib/`: the definition, for
 * m365-posture, embedding and tests), with types. Built together, the library's static import of
 * every tool would pull shared chunks (the SDK, zod, Graph) into the bin's start.
 *
 * @param {{ bin: string, library: string }} entries
 * @returns {import('tsup').Options[]}
 */
export function serverBundle({ bin, library }) {
  return [
    { ...common, entry: { bin }, outDir: 'dist', clean: ['**/*', '!lib/**'] },
    { ...common, entry: { index: library }, outDir: 'dist/lib', clean: true, dts: true },
  ];
}

/** @type {import('tsup').Options} */
const common = {
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  // Kept out of what is installed: the bundle keeps function and class names, so a stack trace
  // still names what failed.
  sourcemap: false,
  splitting: true,
  // Everything but the optional packages (tsup lets noExternal win over external, so the
  // exception is in the pattern).
  noExternal: [new RegExp(`^(?!(${optionalRuntimePackages.map(escapeRegex).join('|')})(/|$))`)],
  external: optionalRuntimePackages,
  esbuildOptions(options) {
    // Workspace packages from their TypeScript sources, as the tests see them.
    options.conditions = ['@m365-mcp/source'];
    // Whitespace and syntax only: V8 keeps each loaded chunk's source in memory (about 7 MB of a
    // server's resident memory on start), while function and class names stay as written.
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
  // CommonJS libraries inside an ES module bundle call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
};

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
