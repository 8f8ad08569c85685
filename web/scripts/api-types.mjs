// Generates src/api/openapi.ts, the TypeScript shapes of the API, from docs/openapi.yaml (with
// openapi-typescript): `npm run api-types` after a change to the document. test/api-types.test.ts
// fails when the committed file is not what the document generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const document = new URL('../../docs/openapi.yaml', import.meta.url);
export const generatedFile = fileURLToPath(new URL('../src/api/openapi.ts', import.meta.url));

const HEADER = `// Generated from docs/openapi.yaml by \`npm run api-types\` (scripts/api-types.mjs): do not edit.
// The dashboard's names for these shapes are in types.ts.
`;

export function committedApiTypes() {
  return readFileSync(generatedFile, 'utf8');
}

export async function generateApiTypes() {
  const ast = await openapiTS(readFileSync(document, 'utf8'));
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(generatedFile, await generateApiTypes());
  console.log(`wrote ${generatedFile}`);
}
