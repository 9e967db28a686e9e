// The tsup options every server app builds with (apps/*/tsup.config.ts). A server is published as
// one self-contained bundle: its own code, the workspace packages (from their sources) and the npm
// libraries it uses, split at each dynamic import so a mode loads only what it needs (@azure/identity
// on the first token, undici on the first request, the HTTP server with --http). It starts faster
// than the same code as hundreds of files resolved through node_modules, and installs with no
// dependencies. The one exception is the demo simulator, an optional package --demo loads if present.

/** Packages a bundle never inlines: loaded at run time from beside the server, if installed. */
export const optionalRuntimePackages = ['@m365-mcp/graph-sim'];

/**
 * @param {{ entry: Record<string, string> }} options the entries; `index` (the library entry) gets types.
 * @returns {import('tsup').Options}
 */
export function serverBundle({ entry }) {
  return {
    entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: { entry: { index: entry.index } },
    // Source maps would double what is installed for stack traces that the unminified bundle already
    // makes readable.
    sourcemap: false,
    clean: true,
    splitting: true,
    // Everything but the optional packages (tsup lets noExternal win over external, so the
    // exception is in the pattern).
    noExternal: [new RegExp(`^(?!(${optionalRuntimePackages.map(escapeRegex).join('|')})(/|$))`)],
    external: optionalRuntimePackages,
    esbuildOptions(options) {
      // Workspace packages from their TypeScript sources, as the tests see them.
      options.conditions = ['@m365-mcp/source'];
      // Whitespace and syntax only: V8 keeps each loaded chunk's source in memory (about 7 MB of a
      // server's resident memory on start), while function and class names stay as written, so a
      // stack trace still names what failed.
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    // CommonJS libraries inside an ES module bundle call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
  };
}

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
