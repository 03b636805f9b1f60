/**
 * `paths` of customer satisfaction surveys. The public answer route's path parameter is a signed
 * token, not a numeric id, so it is declared here.
 */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref } from './schemas';

const token = { name: 'token', in: 'path', required: true, description: 'The token of the survey link (`/csat/<token>`), signed for one conversation.', schema: { type: 'string' } };

const SURVEY =
  'On the first resolve of a conversation (not again after a reopen) Switchboard sends one survey over the conversation’s own channel: a link `PUBLIC_URL/csat/<token>` for email, social and API inboxes (text in the customer’s language when their messages tell it, else English), an inline rating in the chat widget. Conversations linked to an incident are not surveyed. The token is an HMAC-signed conversation id with a 30-day expiry.';

export function buildCsatPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>, params?: unknown[]) => {
    const declared = params ?? pathParams(path);
    paths[path] = {
      ...(declared.length ? { parameters: declared } : {}),
      // A token path is not an id path: its 404 is listed in the operation's own errors.
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, params ? '/' : path, spec)])),
    };
  };

  route(
    '/api/csat/{token}',
    {
      post: {
        tag: 'Satisfaction',
        operationId: 'rateConversation',
        summary: 'Answer a satisfaction survey',
        description: `${SURVEY} No login: the token is the permission, and it rates only the conversation it was signed for. A rating (1-5) with an optional comment (at most 1000 characters) is accepted once; the console hears it as \`csat.rated\`.`,
        auth: 'none',
        body: { schema: ref('CsatSubmitBody') },
        success: { 200: { description: 'The rating is stored.', schema: ref('CsatRatedResult') } },
        errors: {
          400: [['invalid_request', 'rating: rating must be from 1 to 5']],
          404: [['invalid_survey_link', 'this survey link is not valid; check that the whole link was copied']],
          409: [['already_rated', 'this conversation has already been rated; thank you']],
        },
        responses: {
          410: {
            description: 'Gone: `survey_expired`.',
            content: { 'application/json': { schema: ref('ApiErrorBody'), examples: { survey_expired: { value: { error: { code: 'survey_expired', message: 'this survey has expired; thank you all the same' } } } } } },
          },
        },
      },
    },
    [token],
  );

  route('/api/conversations/{id}/csat', {
    get: {
      tag: 'Satisfaction',
      operationId: 'getConversationCsat',
      summary: 'The satisfaction survey of a conversation',
      description: `${SURVEY} \`csat\` is null when no survey was sent; \`rating\` is null until the customer answers.`,
      notFound: 'conversation',
      success: { 200: { description: 'The survey, or null.', schema: ref('CsatEnvelope') } },
    },
  });

  route('/api/csat/settings', {
    get: {
      tag: 'Satisfaction',
      operationId: 'getCsatSettings',
      summary: 'Survey settings',
      description: 'Whether resolving sends surveys (`enabled`, default true) and the inboxes that never send one.',
      role: 'lead',
      success: { 200: { description: 'The settings.', schema: ref('CsatSettings') } },
    },
    put: {
      tag: 'Satisfaction',
      operationId: 'putCsatSettings',
      summary: 'Change the survey settings',
      description: 'Turns surveys on or off server-wide, and off for the listed inboxes. Conversations already surveyed are not surveyed again.',
      role: 'admin',
      body: { schema: ref('CsatSettingsBody') },
      success: { 200: { description: 'The stored settings.', schema: ref('CsatSettings') } },
    },
  });

  return paths;
}
