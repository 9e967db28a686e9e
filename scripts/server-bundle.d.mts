import type { Options } from 'tsup';

/** Packages a bundle never inlines: loaded at run time from beside the server, if installed. */
export declare const optionalRuntimePackages: readonly string[];

/** The tsup options of a server app: one self-contained bundle, split at dynamic imports. */
export declare function serverBundle(options: { entry: Record<string, string> }): Options;
