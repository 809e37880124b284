declare const __MTL_VERSION__: string | undefined;

/** Filled in from package.json by the build (build.mjs). */
export const VERSION: string = typeof __MTL_VERSION__ === 'string' ? __MTL_VERSION__ : '0.0.0-dev';
