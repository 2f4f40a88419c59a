/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __APP_VERSION__: string;
/** LRS origins the page's CSP allows besides its own (vite.config.ts, `LANTERN_LRS_ORIGINS`). */
declare const __LRS_ORIGINS__: readonly string[];
