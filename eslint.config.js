// ESLint (flat config): TypeScript, React hooks and accessibility rules, run by `npm run lint` in
// `npm test` after `prettier --check` (the layout is Prettier's, .prettierrc.json; `npm run format`
// applies it). eslint-config-prettier turns off the rules that would fight it; `max-len` stays on and is
// an error (≤ 160 characters, Prettier's print width; URLs, strings and template literals excepted).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const MAX_LEN = { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreComments: false };

export default tseslint.config(
  { ignores: ["build/", "app/generated/", ".react-router/", "node_modules/", "test-results/", "playwright-report/", "data/", "e2e/.tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "max-len": ["error", MAX_LEN],
      // `_name` marks a value left out on purpose (`{ key: _key, ...props }`)
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // a labelled scroll container (role="region") takes focus so keyboard users can scroll it (axe scrollable-region-focusable)
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    // type-aware: a promise nobody awaits is a check that silently does not happen (e.g. an unawaited
    // `assertVisibleRequest` would let a page render what the caller may not read)
    files: ["app/**/*.{ts,tsx}", "scripts/**/*.ts", "workflows/**/*.ts", "server/**/*.ts", "e2e/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
  {
    // loaders and actions get the raw request (v8_passThroughRequests, ADR 0056): on a client navigation
    // its address carries `.data` and `_routes`; what a route reads of the address is React Router's `url`
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='request'][property.name='url']",
          message: "Read the `url` argument (React Router's normalized address), not request.url (ADR 0056).",
        },
      ],
    },
  },
);
