// Types of write-coverage-table.mjs, for the test that checks the README table is current.
export declare const START: string;
export declare const END: string;
/** The README's path. */
export declare const README: string;
export declare function spliceCoverageTable(readme: string, table: string): string;
