// ESLint for the browser scripts (build_tools/assets/): eslint's recommended rules, with the globals of
// where each script runs. Run by .ci/lint-js (from .ci/run); see CONTRIBUTING.md.
import js from "@eslint/js";
import globals from "globals";
import { fileURLToPath } from "node:url";

// The repository's root, wherever eslint is run from: the scripts are linted where they are, the npm files
// kept in .ci/js.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// What the page's scripts share goes on one object, window.policyReader: no script makes a global of its own.
const ONE_NAMESPACE = {
  selector: "AssignmentExpression > MemberExpression.left[object.name=/^(window|root|self)$/][property.name!='policyReader']",
  message: "Share through window.policyReader (one namespace for every script), not a global of its own.",
};

export default [
  {
    basePath: ROOT,
    files: ["build_tools/assets/**/*.js"],
    languageOptions: {
      // Each file is a plain script (an IIFE), joined with the others into one bundle: not a module.
      sourceType: "script",
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      "no-restricted-syntax": ["error", ONE_NAMESPACE],
      // A storage or clipboard call the browser may refuse is caught and let go: the error needs no name's use.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // A declaration at a script's top level would be a global of the page: each script is one IIFE.
      "no-implicit-globals": "error",
    },
  },
  {
    // The search engine runs in a worker (and, from disk, in the page).
    basePath: ROOT,
    files: ["build_tools/assets/search/search-worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
];
