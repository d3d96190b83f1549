/** The dedicated SQL Server VM of the sync database, beyond its size and data disk (SQL_SERVER_SIZING in ./sql). */

/** OS disk of the SQL VM in GB (a Premium SSD P10); the database lives on the data disk. */
export const SQL_VM_OS_DISK_GB = 128;

/** Transaction log disk of the SQL VM in GB, separate from the data disk as the SQL IaaS storage settings expect. */
export const SQL_VM_LOG_DISK_GB = 128;

/**
 * Guest patch mode of the SQL VM. Automatic VM guest patching (AutomaticByPlatform) works only on the images
 * Microsoft lists (Microsoft Learn, "Automatic VM guest patching for Azure VMs", supported OS images), and no
 * MicrosoftSQLServer image is among them: Windows Update patches the SQL VM (AutomaticByOS).
 */
export const SQL_VM_PATCH_MODE = "AutomaticByOS";
