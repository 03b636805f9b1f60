import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/http/openapi';

let cached: object | null = null;

export const GET = ({ locals }) => json((cached ??= openApiDocument(locals.app.env.publicUrl)));
