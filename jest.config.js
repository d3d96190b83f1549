/**
 * Jest: ts-jest transpiles only (tsconfig.json sets isolatedModules, which ts-jest 29.3+ reads instead of its own
 * deprecated option); `npm run typecheck` type-checks as a separate step.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/policy-pack/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 30000,
  // One Samba AD DC for the whole run (docs/preflight-ad.md, "Test DC"); its details are in $ENTRA_GATE_TEST_DC.
  globalSetup: "<rootDir>/test/support/samba/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/samba/global-teardown.ts",
};
