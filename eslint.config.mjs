// ESLint flat config: Next's own rule sets (React, hooks, a11y, import, Core Web Vitals)
// plus typescript-eslint's recommended rules. `npm run lint` fails on any warning.
import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // An unused `_name` is a deliberate placeholder (destructuring, callback signatures).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Dependencies point one way: app/ → components/ → lib/. Components receive server actions
    // as props or import them from lib/<feature>/actions.ts, never from app/; lib/ knows no UI.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/app", "**/app/*"], message: "components/ must not import from app/: take server actions from lib/<feature>/actions.ts or as props." }] }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/app", "@/components/*", "@/components"], message: "lib/ must not import from app/ or components/: dependencies point app → components → lib." }] },
      ],
    },
  },
  {
    // Test helpers such as `useTestDatabase()` and Playwright's fixture callback `use()` are
    // not React hooks; the hooks rule misreads their names.
    files: ["**/*.test.ts", "**/*.test.tsx", "test/**/*.ts", "e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    "generated/**",
    ".next/**",
    ".data/**",
    "node_modules/**",
    "playwright-report/**",
    "test-results/**",
    "blob-report/**",
    "coverage/**",
    "next-env.d.ts",
  ]),
]);
