/** LocalDB (SQL Express, 10 GB cap) is refused at or above its object limit: such a server needs full SQL Server. */
import {
  LOCALDB_MAX_OBJECTS,
  LOCALDB_SIZE_CAP_GB,
  REQUIREMENTS,
  SUPPORTED_SQL_VERSIONS,
  TAG_NAMES,
  type DatabaseMode,
} from "../requirements";
import { entraPolicy } from "./support/define";
import { OBJECT_COUNT_CONFIG, objectCountOf, type ObjectCountConfig } from "./support/object-count";
import { readTag } from "./support/tags";
import { SERVER_TYPES } from "./support/type-tokens";

const FULL_SQL: DatabaseMode = "sql";
const SQL_VERSIONS = [...SUPPORTED_SQL_VERSIONS].reverse().join("/");

export const disallowLocalDbAboveLimit = entraPolicy<ObjectCountConfig>({
  name: "entra-connect-disallow-localdb-above-limit",
  description: `The Entra Connect Sync server must not use LocalDB for ${LOCALDB_MAX_OBJECTS} objects or more (${LOCALDB_SIZE_CAP_GB} GB cap).`,
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.localDbLimit,
  remediationSteps: `Deploy a full SQL Server ${SQL_VERSIONS} for the sync database and tag the server ${TAG_NAMES.database}=${FULL_SQL}.`,
  types: SERVER_TYPES,
  scope: "sync-server",
  config: OBJECT_COUNT_CONFIG,
  check(ctx) {
    const database = readTag(ctx.props, TAG_NAMES.database);
    if (!ctx.known(database, `the ${TAG_NAMES.database} tag`)) return;
    if (database.value?.trim().toLowerCase() === FULL_SQL) return;
    const count = objectCountOf(ctx);
    if (count === undefined || count < LOCALDB_MAX_OBJECTS) return;
    const mode =
      database.value === undefined ? `no ${TAG_NAMES.database} tag, so LocalDB is assumed` : `${TAG_NAMES.database}=${database.value}`;
    ctx.report(
      `${count} objects with ${mode}: LocalDB holds fewer than ${LOCALDB_MAX_OBJECTS} objects`,
      `use a full SQL Server ${SQL_VERSIONS} for the sync database and tag the server ${TAG_NAMES.database}=${FULL_SQL}`,
    );
  },
});
