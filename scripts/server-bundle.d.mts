import type { Options } from 'tsup';

/** Packages a bundle never inlines: loaded at run time from beside the server, if installed. */
export declare const optionalRuntimePackages: readonly string[];

/** The tsup builds of a server app: the bin bundle (dist/) and the library bundle (dist/lib/). */
export declare function serverBundle(entries: { bin: string; library: string }): Options[];
