/** This package's name, version and home page, as package.json declares them (for --version and SARIF's tool). */

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly homepage?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir's src tree
const PACKAGE = require("../../package.json") as PackageJson;

export const PACKAGE_VERSION: string = PACKAGE.version;

/** The `homepage` of package.json: where a user reads about the tool (SARIF's informationUri), if declared. */
export const PACKAGE_HOMEPAGE: string | undefined = PACKAGE.homepage;
