/** JSON schema pieces the source sections share. */

/** A string that is not empty. */
export const NON_EMPTY_STRING = { type: "string", minLength: 1 } as const;
