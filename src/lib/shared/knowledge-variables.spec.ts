import { describe, expect, it } from 'vitest';
import { fillVariables, stillUnresolved, unknownVariables, type VariableContext } from './knowledge-variables';

const ctx: VariableContext = {
  contact: { name: 'Łucja Kowalska', email: 'lucja@example.pl' },
  agent: { name: 'Anna Nowak' },
  conversation: { id: 42 },
  inbox: { name: 'Live chat' },
};

describe('fillVariables', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    const body = 'Hi {{contact.first_name}} ({{ contact.name }}, {{contact.email}}) — {{agent.first_name}} / {{agent.name}}, #{{conversation.id}} in {{inbox.name}}';
    expect(fillVariables(body, ctx)).toEqual({
      text: 'Hi Łucja (Łucja Kowalska, lucja@example.pl) — Anna / Anna Nowak, #42 in Live chat',
      unresolved: [],
    });
  });

  it('leaves unknown variables in the text and reports each once', () => {
    const r = fillVariables('Order {{order.number}} for {{contact.first_name}}: {{order.number}} {{ tracking }}', ctx);
    expect(r.text).toBe('Order {{order.number}} for Łucja: {{order.number}} {{ tracking }}');
    expect(r.unresolved).toEqual(['{{order.number}}', '{{ tracking }}']);
  });

  it('drops a missing name so the greeting still reads, including at the start of a line', () => {
    const noName = { ...ctx, contact: { name: '', email: null } };
    expect(fillVariables('Hi {{contact.first_name}},\nthanks.', noName)).toEqual({ text: 'Hi,\nthanks.', unresolved: [] });
    expect(fillVariables('Dzień dobry {{contact.name}}!', noName).text).toBe('Dzień dobry!');
    expect(fillVariables('{{contact.first_name}}, we have it.', noName).text).toBe('we have it.');
  });

  it('does not greet a customer by their email address or phone number', () => {
    expect(fillVariables('Hej {{contact.first_name}},', { contact: { name: 'jens@example.dk', email: 'jens@example.dk' } }).text).toBe('Hej,');
    expect(fillVariables('Hei {{contact.name}}!', { contact: { name: '+358 40 123 4567', email: null } }).text).toBe('Hei!');
  });

  it('keeps a missing email visible and flags it, rather than writing a broken sentence', () => {
    const r = fillVariables('We will write to {{contact.email}}.', { ...ctx, contact: { name: 'Jens', email: null } });
    expect(r).toEqual({ text: 'We will write to {{contact.email}}.', unresolved: ['{{contact.email}}'] });
  });
});

describe('stillUnresolved and unknownVariables', () => {
  it('reports flagged variables until the agent replaces them', () => {
    expect(stillUnresolved('Order {{order.number}} is on its way', ['{{order.number}}', '{{x}}'])).toEqual(['{{order.number}}']);
    expect(stillUnresolved('Order 123 is on its way', ['{{order.number}}'])).toEqual([]);
  });

  it('names the variables an editor typed that cannot be filled', () => {
    expect(unknownVariables('Hi {{contact.name}}, order {{order.id}} {{ order.id }} by {{agent.nmae}}')).toEqual(['order.id', 'agent.nmae']);
  });
});
