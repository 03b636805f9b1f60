import { errorResponse } from '$lib/server/http/api-handler';

const notFound = () => errorResponse(404, 'not_found', 'no such API route');
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
