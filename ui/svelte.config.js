// Read by svelte-check and editors; vite.config.ts passes the same options to the compiler.
export default {
  compilerOptions: { css: "external", runes: true },
};
