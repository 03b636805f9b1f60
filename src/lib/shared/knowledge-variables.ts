/**
 * `{{variables}}` in canned responses, filled when an agent inserts one. What cannot be filled is
 * left in the text, visible, and reported, so the agent sees it before sending; a missing name is
 * dropped instead, because "Hi {{contact.first_name}}," reads well as "Hi,".
 */

export const KNOWLEDGE_VARIABLES = ['contact.name', 'contact.first_name', 'contact.email', 'agent.name', 'agent.first_name', 'conversation.id', 'inbox.name'] as const;
export type KnowledgeVariable = (typeof KNOWLEDGE_VARIABLES)[number];

export interface VariableContext {
  contact?: { name: string | null; email: string | null } | null;
  agent?: { name: string } | null;
  conversation?: { id: number } | null;
  inbox?: { name: string } | null;
}

export interface FilledText {
  text: string;
  /** Variables still in the text (`{{name}}` as written): unknown ones and those with no value. */
  unresolved: string[];
}

const VARIABLE = /\{\{\s*([\w.-]+)\s*\}\}/g;
/** Names that can be left out of a sentence without breaking it. */
const DROPPABLE = new Set<string>(['contact.name', 'contact.first_name']);

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+$/.test(s);

/** A person's name as it can be used in a greeting: not an email address or a phone number. */
function usableName(name: string | null | undefined): string | null {
  const n = name?.trim();
  if (!n || looksLikeEmail(n) || !/\p{L}/u.test(n)) return null;
  return n;
}

const firstWord = (name: string | null) => name?.split(/\s+/)[0] ?? null;

export function variableValue(name: string, ctx: VariableContext): string | null | undefined {
  switch (name as KnowledgeVariable) {
    case 'contact.name':
      return usableName(ctx.contact?.name);
    case 'contact.first_name':
      return firstWord(usableName(ctx.contact?.name));
    case 'contact.email':
      return ctx.contact?.email?.trim() || null;
    case 'agent.name':
      return ctx.agent?.name.trim() || null;
    case 'agent.first_name':
      return firstWord(ctx.agent?.name.trim() || null);
    case 'conversation.id':
      return ctx.conversation ? String(ctx.conversation.id) : null;
    case 'inbox.name':
      return ctx.inbox?.name.trim() || null;
    default:
      return undefined; // not a variable we know
  }
}

export function fillVariables(body: string, ctx: VariableContext): FilledText {
  const unresolved = new Set<string>();
  const text = body.replace(/([ \t]*)(\{\{\s*([\w.-]+)\s*\}\})/g, (_all, space: string, token: string, name: string) => {
    const value = variableValue(name, ctx);
    if (value) return space + value;
    if (value === null && DROPPABLE.has(name)) return '';
    unresolved.add(token);
    return space + token;
  });
  // A dropped name at the start of a line leaves its comma behind: ", thanks for writing".
  return { text: text.replace(/^[ \t]*[,;][ \t]*/gm, ''), unresolved: [...unresolved] };
}

/** Which of the given `{{variables}}` are still in the text (the agent has not replaced them yet). */
export function stillUnresolved(text: string, tokens: string[]): string[] {
  return tokens.filter((t) => text.includes(t));
}

/** Every `{{variable}}` a body uses that is not one we know, for the editor's warning. */
export function unknownVariables(body: string): string[] {
  const names = [...body.matchAll(VARIABLE)].map((m) => m[1]);
  return [...new Set(names.filter((n) => variableValue(n, {}) === undefined))];
}
