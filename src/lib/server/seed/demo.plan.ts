import type { ConversationStatus, Priority } from '$lib/shared/schemas/common';
import { foldText } from '../inbox/search-text';
import { Dice, render } from './demo-dice';
import { DEMO_INBOXES, DEMO_USERS, PHRASES, TOPICS, WORLD, type DemoInbox, type DemoUser, type Lang, type Style, type Topic, type TopicPath } from './demo-content';

/**
 * What the demo workspace will contain, decided before anything is written: pure and
 * deterministic (a fixed seed, times relative to "now"), so it can be tested without a database
 * and two runs give the same workspace.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const DEMO_DAYS = 14;
const SEED = 20_240_521;

export interface PlannedStep {
  kind: 'in' | 'reply' | 'note' | 'triage' | 'status';
  at: number;
  /** The demo user (key) who writes or changes; absent for customer messages. */
  by?: string;
  text?: string;
  patch?: { assignee?: string; priority?: Priority; labels?: string[]; status?: ConversationStatus; snoozedUntil?: string };
}

export interface PlannedConversation {
  inbox: string;
  lang: Lang;
  topic: string;
  threadId: string;
  subject: string | null;
  contact: { externalId: string; name: string; email: string | null };
  steps: PlannedStep[];
}

/**
 * Letters of a conversation's message steps: C customer opens, U customer nudges, A agent
 * answers, F customer follows up, Z agent wraps up, T customer thanks, N private note.
 * Weights for conversations started in the last 6 hours, the last 2 days, and before.
 */
const FLOWS: { steps: string; weight: [number, number, number] }[] = [
  { steps: 'C', weight: [5, 1.5, 0.3] },
  { steps: 'CU', weight: [1.5, 1, 0.2] },
  { steps: 'CN', weight: [1, 0.6, 0.2] },
  { steps: 'CA', weight: [3, 3, 2.5] },
  { steps: 'CAF', weight: [2.5, 2, 0.8] },
  { steps: 'CAT', weight: [1, 2, 2.5] },
  { steps: 'CNA', weight: [1.5, 2, 1.5] },
  { steps: 'CAFZ', weight: [1.5, 3, 3.5] },
  { steps: 'CUAF', weight: [1, 1, 0.4] },
  { steps: 'CNAF', weight: [1, 1, 0.4] },
  { steps: 'CAFZT', weight: [0.5, 2, 3] },
  { steps: 'CNAFZ', weight: [0.5, 1.5, 2.5] },
  { steps: 'CAFNZT', weight: [0.3, 1, 2] },
  { steps: 'CUAFZT', weight: [0.2, 0.8, 1.5] },
];

type Range = [number, number];
/** How long after the previous message each step comes, per inbox style. */
const GAPS: Record<string, Record<Style, Range>> = {
  A: { email: [15 * MINUTE, 6 * HOUR], chat: [1 * MINUTE, 10 * MINUTE], form: [20 * MINUTE, 8 * HOUR] },
  U: { email: [3 * HOUR, 20 * HOUR], chat: [3 * MINUTE, 10 * MINUTE], form: [3 * HOUR, 20 * HOUR] },
  F: { email: [20 * MINUTE, 20 * HOUR], chat: [1 * MINUTE, 6 * MINUTE], form: [30 * MINUTE, 24 * HOUR] },
  Z: { email: [20 * MINUTE, 6 * HOUR], chat: [2 * MINUTE, 10 * MINUTE], form: [20 * MINUTE, 6 * HOUR] },
  T: { email: [10 * MINUTE, 6 * HOUR], chat: [1 * MINUTE, 4 * MINUTE], form: [10 * MINUTE, 6 * HOUR] },
  N: { email: [3 * MINUTE, 40 * MINUTE], chat: [1 * MINUTE, 5 * MINUTE], form: [3 * MINUTE, 40 * MINUTE] },
};

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

export function planDemo(now: number): PlannedConversation[] {
  const d = new Dice(SEED);
  const plan: PlannedConversation[] = [];
  const contactsByPool = new Map<string, DemoContact[]>();
  const usedIds = new Set<string>();
  // Outages bring a burst of similar conversations within an hour or two.
  const incidents = [now - 2 * DAY - 7 * HOUR, now - 9 * DAY - 2 * HOUR];
  let serial = 0;

  for (const inbox of DEMO_INBOXES) {
    for (let i = 0; i < inbox.conversations; i++) {
      serial++;
      const lang = d.weighted(inbox.langs as Record<Lang, number>);
      const pool = contactsByPool.get(`${inbox.key}:${lang}`) ?? [];
      contactsByPool.set(`${inbox.key}:${lang}`, pool);
      let contact: DemoContact;
      if (pool.length > 3 && d.chance(0.2)) contact = d.pick(pool);
      else {
        contact = newContact(d, lang, inbox, usedIds);
        pool.push(contact);
      }
      const topic = TOPICS[d.weightedIndex(TOPICS.map((t) => t.weight[inbox.style]))];
      const t0 = topic.key === 'outage' ? d.pick(incidents) + d.between(0, 100 * MINUTE) : startTime(d, now);
      plan.push(planConversation(d, { inbox, lang, contact, topic, t0, now, threadId: `demo-${String(serial).padStart(4, '0')}` }));
    }
  }
  // Conversation ids then follow the order in which customers first wrote.
  return plan.sort((a, b) => a.steps[0].at - b.steps[0].at);
}

interface DemoContact {
  externalId: string;
  name: string;
  first: string;
  email: string;
  hasEmail: boolean;
  female: boolean;
  vip: boolean;
}

function newContact(d: Dice, lang: Lang, inbox: DemoInbox, used: Set<string>): DemoContact {
  const w = WORLD[lang];
  const female = d.chance(0.55);
  const first = d.pick(female ? w.female : w.male);
  const forms = d.pick(w.surnames).split('/');
  const last = female ? (forms[1] ?? forms[0]) : forms[0];
  const f = emailPart(first);
  const l = emailPart(last);
  const local = d.pick([`${f}.${l}`, `${f}${l}${d.int(70, 99)}`, `${f[0]}.${l}`, `${f}.${l}${d.int(1, 30)}`, `${l}.${f}`]);
  let email = `${local}@${d.pick(w.domains)}`;
  for (let n = 2; used.has(`${inbox.key}:${email}`); n++) email = `${local}${n}@${email.split('@')[1]}`;
  used.add(`${inbox.key}:${email}`);
  const externalId =
    inbox.style === 'email' ? email : inbox.style === 'chat' ? `visitor-${d.hex(12)}` : `shop-customer-${100000 + used.size * 37 + d.int(0, 36)}`;
  return { externalId, name: `${first} ${last}`, first, email, hasEmail: inbox.style !== 'chat' || d.chance(0.7), female, vip: d.chance(0.08) };
}

/**
 * A moment in the last 14 days: more of them recent (so today's inbox is busy), mostly in the
 * daytime (UTC, close enough for the four countries).
 */
function startTime(d: Dice, now: number): number {
  const sample = () => now - Math.max(5 * MINUTE, DEMO_DAYS * DAY * d.next() ** 1.8);
  let t = sample();
  for (let i = 0; i < 4; i++) {
    const hour = new Date(t).getUTCHours();
    if ((hour >= 6 && hour < 21) || !d.chance(0.75)) break;
    t = sample();
  }
  return t;
}

interface ConversationInput {
  inbox: DemoInbox;
  lang: Lang;
  contact: DemoContact;
  topic: Topic;
  t0: number;
  now: number;
  threadId: string;
}

function planConversation(d: Dice, c: ConversationInput): PlannedConversation {
  const { inbox, lang, contact, topic, t0, now } = c;
  const style = inbox.style;
  const age = now - t0;
  const bucket = age < 6 * HOUR ? 0 : age < 2 * DAY ? 1 : 2;
  const flow = FLOWS[d.weightedIndex(FLOWS.map((f) => f.weight[bucket]))].steps;
  const text = topic.text[lang];
  const open = d.int(0, text.opens.length - 1);
  const path: TopicPath = text.paths[d.pick(text.paths.map((_, i) => i).filter((i) => !topic.fits || topic.fits[i].includes(open)))];
  const w = WORLD[lang];
  const vars: Record<string, string> = {
    order: String(d.int(104_000, 189_999)),
    tracking: d.digits(14),
    carrier: d.pick(w.carriers),
    product: d.pick(w.products),
    amount: w.money(d.int(w.amountRange[0], w.amountRange[1]) + d.pick([0.99, 0.9, 0, 0.5])),
    price: w.price,
    last4: d.digits(4),
    ref: `NV-${d.int(10_000, 99_999)}`,
    code: d.pick(w.codes),
    company: d.pick(w.companies),
    vat: w.vat(d.digits(10)),
    address: d.pick(w.addresses),
    email: contact.email,
    name: contact.first,
    full: contact.name,
  };

  // People: who answers (speaks the language, is in the inbox), who triages, who else notes.
  const members = DEMO_USERS.filter((u) => u.inboxes.includes(inbox.key));
  const answerers = members.filter((u) => (u.role === 'agent' || u.role === 'lead') && u.speaks.includes(lang));
  const lead = members.find((u) => u.role === 'lead') ?? DEMO_USERS.find((u) => u.role === 'supervisor')!;
  const supervisor = DEMO_USERS.find((u) => u.role === 'supervisor')!;
  const hasAgentWork = /[AN]/.test(flow);
  const assignee = hasAgentWork || d.chance(0.25) ? answerers[d.weightedIndex(answerers.map((u) => (u.role === 'agent' ? 3 : 1)))] : null;

  const phrases = PHRASES[lang];
  const customerText = (body: string, first: boolean) => {
    const t =
      style === 'email' && first
        ? `${d.pick(phrases.customerGreeting)}\n\n${body}\n\n${d.pick(phrases.customerSignoff)}`
        : style === 'form' && first && d.chance(0.5)
          ? `${body}\n\n${d.pick(phrases.customerSignoff)}`
          : style === 'email' && d.chance(0.5)
            ? `${body}\n\n${d.pick(phrases.customerSignoff)}`
            : body;
    return render(t, vars, contact.female, false);
  };
  const agentText = (author: DemoUser, body: string, first: boolean) => {
    const t =
      style === 'chat'
        ? first
          ? `${d.pick(phrases.chatHello)}${body}`
          : body
        : `${d.pick(phrases.agentGreeting)}\n\n${body}\n\n${d.pick(phrases.agentSignoff)}`;
    return render(t, { ...vars, agent: author.name.split(' ')[0] }, author.female, contact.female);
  };
  const noteText = (author: DemoUser) => {
    const noteLang: Lang = author.speaks.includes(lang) ? lang : 'en';
    const pool = contact.vip && d.chance(0.5) ? PHRASES[noteLang].vipNotes : d.chance(0.7) ? topic.text[noteLang].notes : PHRASES[noteLang].notes;
    return render(d.pick(pool), { ...vars, agent: author.name.split(' ')[0] }, author.female, contact.female);
  };

  // Message steps with their gaps, then squeezed into the time between t0 and now.
  const steps: PlannedStep[] = [];
  const offsets: number[] = [];
  let offset = 0;
  let agentSpoke = false;
  for (const [i, letter] of [...flow].entries()) {
    if (i > 0) offset += d.logBetween(...GAPS[letter][style]);
    offsets.push(offset);
    switch (letter) {
      case 'C':
        steps.push({ kind: 'in', at: 0, text: customerText(text.opens[open], true) });
        break;
      case 'U':
        steps.push({ kind: 'in', at: 0, text: render(d.pick(style === 'chat' ? phrases.chatNudge : phrases.nudge), vars, contact.female, false) });
        break;
      case 'F':
        steps.push({ kind: 'in', at: 0, text: customerText(path.follow, false) });
        break;
      case 'T':
        steps.push({ kind: 'in', at: 0, text: customerText(d.pick(phrases.thanks), false) });
        break;
      case 'A':
      case 'Z': {
        const author = DEMO_USERS.find((u) => u.key === assignee!.key)!;
        steps.push({ kind: 'reply', at: 0, by: author.key, text: agentText(author, letter === 'A' ? path.reply : path.close, !agentSpoke) });
        agentSpoke = true;
        break;
      }
      case 'N': {
        const author = d.chance(0.75) ? assignee! : contact.vip && d.chance(0.5) ? supervisor : lead;
        steps.push({ kind: 'note', at: 0, by: author.key, text: noteText(author) });
        break;
      }
    }
  }

  // Triage: assignment, priority and labels shortly after the first message.
  const labels = [topic.labels[0], ...topic.labels.slice(1).filter(() => d.chance(0.7))];
  if (contact.vip) labels.push('vip');
  let priority = PRIORITIES.indexOf(topic.priority);
  if (contact.vip) priority = Math.max(priority, 2);
  if (d.chance(0.12)) priority++;
  else if (d.chance(0.08)) priority--;
  const finalPriority = PRIORITIES[Math.min(3, Math.max(0, priority))];
  if (assignee || d.chance(0.6)) {
    const by = assignee && d.chance(0.5) ? assignee.key : lead.key;
    const patch: PlannedStep['patch'] = { labels };
    if (assignee) patch.assignee = assignee.key;
    if (finalPriority !== 'normal') patch.priority = finalPriority;
    const next = offsets[1] ?? d.logBetween(2 * MINUTE, 45 * MINUTE) * 2;
    steps.splice(1, 0, { kind: 'triage', at: 0, by, patch });
    offsets.splice(1, 0, next * d.between(0.2, 0.6));
  }

  // The status the conversation ends in follows from where it stopped.
  const last = flow.at(-1)!;
  let status: ConversationStatus = 'open';
  if (last === 'T') status = 'resolved';
  else if (last === 'Z') {
    const r = d.next();
    status = r < 0.75 ? 'resolved' : r < 0.87 ? 'pending' : 'snoozed';
  }
  else if (last === 'A') {
    const [pending, snoozed] = [[0.45, 0.3], [0.4, 0.3], [0.35, 0.25]][bucket];
    const r = d.next();
    status = r < pending ? 'pending' : r < pending + snoozed ? 'snoozed' : 'resolved';
  }
  if (status !== 'open') {
    const gap =
      status === 'pending' ? d.between(10 * SECOND, 2 * MINUTE) : status === 'snoozed' ? d.between(1 * MINUTE, 5 * MINUTE) : style === 'chat' ? d.between(1 * MINUTE, 5 * MINUTE) : d.logBetween(5 * MINUTE, 2 * HOUR);
    const patch: PlannedStep['patch'] = { status };
    if (status === 'snoozed') patch.snoozedUntil = new Date(now + d.between(3 * HOUR, 3 * DAY)).toISOString();
    steps.push({ kind: 'status', at: 0, by: assignee!.key, patch });
    offsets.push(offsets.at(-1)! + gap);
  }

  // Squeeze into [t0, now - 30 s] when the planned history would run past now; keep steps apart.
  const room = Math.max(now - 30 * SECOND - t0, steps.length * SECOND);
  const scale = offsets.at(-1)! > room ? room / offsets.at(-1)! : 1;
  let previous = -Infinity;
  steps.forEach((s, i) => {
    s.at = Math.max(Math.round(t0 + offsets[i] * scale), previous + SECOND);
    previous = s.at;
  });

  const subject = style === 'chat' ? null : render(d.pick(text.subjects), vars, contact.female, false);
  return {
    inbox: inbox.key,
    lang,
    topic: topic.key,
    threadId: c.threadId,
    subject,
    contact: { externalId: contact.externalId, name: contact.name, email: contact.hasEmail ? contact.email : null },
    steps,
  };
}

/** Lower-case ASCII letters and digits only, for the local part of a contact's email address. */
function emailPart(s: string): string {
  return foldText(s).toLowerCase().replace(/[^a-z0-9]/g, '');
}
