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
