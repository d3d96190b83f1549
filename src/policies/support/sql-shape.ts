/** Where the SQL-on-VM resources keep their instance settings: azure-native SqlVirtualMachine and classic mssql VirtualMachine. */
import { CLASSIC, NATIVE } from "./type-tokens";

export interface SqlVmShape {
  readonly collation: string;
  readonly maxServerMemoryMb: string;
  /** The SQL image offer such as "SQL2022-WS2022" (azure-native only). */
  readonly imageOffer?: string;
}

const SQL_SHAPES: Readonly<Record<string, SqlVmShape>> = {
  [NATIVE.sqlVirtualMachine]: {
    collation: "serverConfigurationsManagementSettings.sqlInstanceSettings.collation",
    maxServerMemoryMb: "serverConfigurationsManagementSettings.sqlInstanceSettings.maxServerMemoryMB",
    imageOffer: "sqlImageOffer",
  },
  [CLASSIC.mssqlVirtualMachine]: { collation: "sqlInstance.collation", maxServerMemoryMb: "sqlInstance.maxServerMemoryMb" },
};

/** The shape of a SQL VM type; throws for another type (a programming error). */
export function sqlVmShape(type: string): SqlVmShape {
  const shape = SQL_SHAPES[type];
  if (!shape) throw new Error(`No SQL VM shape for resource type "${type}".`);
  return shape;
}
