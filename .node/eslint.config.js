// eslint for the site's small browser scripts (docs/assets/*.js, docs/embed.js): plain
// scripts in an IIFE each, for every browser a reader may have, so no modules and no build.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2015,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-implicit-globals": "error",
      "no-var": "off",
      strict: ["error", "function"],
      eqeqeq: ["error", "always"],
      "no-shadow": "error",
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
    },
  },
];
