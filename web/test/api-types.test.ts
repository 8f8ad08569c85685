// The dashboard's API types come from docs/openapi.yaml: the committed src/api/openapi.ts must be
// what the document generates now, so a change to the API's document that is not carried to the
// dashboard (npm run api-types) fails here, and `tsc` in the build then checks every use.
import { describe, expect, it } from 'vitest';
import { committedApiTypes, generateApiTypes } from '../scripts/api-types.mjs';

describe('src/api/openapi.ts', () => {
  it('is what docs/openapi.yaml generates (npm run api-types)', async () => {
    expect(committedApiTypes()).toBe(await generateApiTypes());
  });
});
