// Types of scripts/api-types.mjs, for the test that imports it.
export const generatedFile: string;
export function committedApiTypes(): string;
export function generateApiTypes(): Promise<string>;
