/** The dedicated SQL Server VM of the sync database, beyond its size and data disk (SQL_SERVER_SIZING in ./sql). */

/** OS disk of the SQL VM in GB (a Premium SSD P10); the database lives on the data disk. */
export const SQL_VM_OS_DISK_GB = 128;

/** Transaction log disk of the SQL VM in GB, separate from the data disk as the SQL IaaS storage settings expect. */
export const SQL_VM_LOG_DISK_GB = 128;
