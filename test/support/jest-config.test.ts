/** Issue 12: the test log stays free of ts-jest's isolatedModules deprecation (the option lives in tsconfig.json). */
import { readFileSync } from "node:fs";

describe("jest configuration", () => {
  it("sets isolatedModules in tsconfig.json, not in ts-jest's options (deprecated in ts-jest 29.3, removed in 30)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
    const config = require("../../jest.config.js") as { transform: Record<string, [string, Record<string, unknown>]> };
    const [, options] = config.transform["^.+\\.ts$"] ?? ["", {}];
    expect(options).not.toHaveProperty("isolatedModules");
    expect(JSON.parse(readFileSync("tsconfig.json", "utf8")).compilerOptions.isolatedModules).toBe(true);
  });
});
