import { buildOpenApiDocument } from './openapi/document';

/**
 * The OpenAPI 3.1 document served at `/api/openapi.json`. Schemas are generated from the zod
 * schemas in `$lib/shared/schemas`; the parts live in `./openapi/`. Built on the first call
 * (the route caches it), not at import.
 */
export function openApiDocument(publicUrl: string): object {
  return buildOpenApiDocument(publicUrl);
}
