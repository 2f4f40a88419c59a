/**
 * The part of papaparse (5.x) that core/sheet.ts uses: parsing a string, synchronously. Declared
 * here rather than installing @types/papaparse, whose `/// <reference types="node" />` and DOM
 * `File` types would enter core, which compiles without DOM or Node types on purpose.
 */
declare module 'papaparse' {
  export interface ParseError {
    readonly type: string;
    readonly code: string;
    readonly message: string;
    /** Index of the record in `data`. */
    readonly row?: number;
    readonly index?: number;
  }
  export interface ParseResult {
    readonly data: string[][];
    readonly errors: ParseError[];
  }
  export interface ParseConfig {
    readonly delimiter?: string;
    readonly newline?: string;
    readonly quoteChar?: string;
    readonly escapeChar?: string;
    readonly preview?: number;
    readonly skipEmptyLines?: boolean;
  }
  export function parse(input: string, config?: ParseConfig): ParseResult;
  const Papa: { readonly parse: typeof parse };
  export default Papa;
}
