/**
 * The demo's knowledge base: canned responses in the four languages (one shortcut per answer,
 * so `/refund` finds the customer's language first) and a few internal articles, written by the
 * team leads through the service like any lead would.
 */
import type { CreateKnowledgeBody } from '$lib/shared/schemas/knowledge';
import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';

type DemoEntry = Omit<CreateKnowledgeBody, 'inboxIds'> & { by: string; inboxes?: string[] };

const response = (by: string, language: CreateKnowledgeBody['language'], shortcut: string, title: string, tags: string[], body: string): DemoEntry => ({
  kind: 'response', by, language, shortcut, title, tags, body,
});

export const DEMO_KNOWLEDGE: DemoEntry[] = [
  // ---- Refund issued --------------------------------------------------------------------
  response('magdalena.zajac', 'en', 'refund', 'Refund issued', ['refunds', 'payments'],
    'Hi {{contact.first_name}},\n\nI have issued your refund today. It usually shows on your account within 3–5 working days, depending on your bank.\n\nBest regards,\n{{agent.name}}\nNordvik Customer Care'),
  response('magdalena.zajac', 'pl', 'refund', 'Zwrot pieniędzy zlecony', ['zwroty', 'płatności'],
    'Dzień dobry,\n\ndziś zleciliśmy zwrot pieniędzy. Środki zwykle pojawiają się na koncie w ciągu 3–5 dni roboczych, w zależności od banku.\n\nPozdrawiam serdecznie,\n{{agent.name}}\nObsługa Klienta Nordvik'),
  response('juha.makinen', 'fi', 'refund', 'Hyvitys maksettu', ['hyvitykset', 'maksut'],
    'Hei {{contact.first_name}},\n\nolen tänään maksanut hyvityksesi. Se näkyy tililläsi yleensä 3–5 arkipäivän kuluessa pankista riippuen.\n\nYstävällisin terveisin\n{{agent.name}}\nNordvik-asiakaspalvelu'),
  response('mette.kjaer', 'da', 'refund', 'Refusion gennemført', ['refusion', 'betaling'],
    'Hej {{contact.first_name}},\n\nJeg har i dag sat din refusion i gang. Den plejer at stå på din konto inden for 3–5 hverdage, afhængigt af din bank.\n\nVenlig hilsen\n{{agent.name}}\nNordvik Kundeservice'),

  // ---- Where is my order ----------------------------------------------------------------
  response('magdalena.zajac', 'en', 'tracking', 'Where is my order?', ['shipping', 'orders'],
    'Hi {{contact.first_name}},\n\nThank you for your patience. I have checked your order: it has left our warehouse and is with the carrier now. You will find the tracking link in your shipping confirmation email. If it has not arrived within 2 working days, just reply here and I will look into it.\n\nBest regards,\n{{agent.name}}'),
  response('magdalena.zajac', 'pl', 'tracking', 'Gdzie jest moje zamówienie?', ['dostawa', 'zamówienia'],
    'Dzień dobry,\n\ndziękuję za cierpliwość. Sprawdziliśmy zamówienie: opuściło już nasz magazyn i jest w drodze u przewoźnika. Link do śledzenia przesyłki znajduje się w e-mailu z potwierdzeniem wysyłki. Jeśli paczka nie dotrze w ciągu 2 dni roboczych, proszę odpisać na tę wiadomość – sprawdzę to.\n\nPozdrawiam,\n{{agent.name}}'),
  response('juha.makinen', 'fi', 'tracking', 'Missä tilaukseni on?', ['toimitus', 'tilaukset'],
    'Hei {{contact.first_name}},\n\nkiitos kärsivällisyydestäsi. Tarkistin tilauksesi: se on lähtenyt varastoltamme ja on nyt kuljetusyhtiöllä. Seurantalinkin löydät lähetysvahvistuksesta. Jos paketti ei ole perillä 2 arkipäivän kuluessa, vastaa tähän viestiin, niin selvitän asian.\n\nTerveisin\n{{agent.name}}'),
  response('mette.kjaer', 'da', 'tracking', 'Hvor er min ordre?', ['levering', 'ordrer'],
    'Hej {{contact.first_name}},\n\nTak for din tålmodighed. Jeg har tjekket din ordre: den har forladt vores lager og er nu hos fragtfirmaet. Du finder sporingslinket i din forsendelsesbekræftelse. Hvis pakken ikke er fremme inden for 2 hverdage, så svar bare her, så undersøger jeg det.\n\nVenlig hilsen\n{{agent.name}}'),

  // ---- Nordvik Plus cancellation --------------------------------------------------------
  response('magdalena.zajac', 'en', 'plus-cancel', 'Nordvik Plus cancelled', ['nordvik plus', 'subscription'],
    'Hi {{contact.first_name}},\n\nYour Nordvik Plus membership is cancelled. You keep its benefits until the end of the period you have paid for, and you will not be charged again. A confirmation is on its way to {{contact.email}}.\n\nBest regards,\n{{agent.name}}'),
  response('magdalena.zajac', 'pl', 'plus-cancel', 'Anulowanie Nordvik Plus', ['nordvik plus', 'subskrypcja'],
    'Dzień dobry,\n\nczłonkostwo Nordvik Plus zostało anulowane. Korzyści pozostają aktywne do końca opłaconego okresu, a kolejne płatności nie będą pobierane. Potwierdzenie wyślemy na adres {{contact.email}}.\n\nPozdrawiam,\n{{agent.name}}'),
  response('juha.makinen', 'fi', 'plus-cancel', 'Nordvik Plus -jäsenyys peruttu', ['nordvik plus', 'tilaus'],
    'Hei {{contact.first_name}},\n\nNordvik Plus -jäsenyytesi on nyt peruttu. Edut ovat voimassa maksetun jakson loppuun, eikä sinua veloiteta enää. Vahvistus on tulossa osoitteeseen {{contact.email}}.\n\nTerveisin\n{{agent.name}}'),
  response('mette.kjaer', 'da', 'plus-cancel', 'Nordvik Plus opsagt', ['nordvik plus', 'abonnement'],
    'Hej {{contact.first_name}},\n\nDit Nordvik Plus-medlemskab er nu opsagt. Du beholder fordelene til udgangen af den periode, du har betalt for, og du bliver ikke trukket igen. En bekræftelse er på vej til {{contact.email}}.\n\nVenlig hilsen\n{{agent.name}}'),

  // ---- Invoice with a VAT number (the shop's form only) ----------------------------------
  { ...response('magdalena.zajac', 'en', 'invoice', 'Invoice with a VAT number', ['invoices', 'business'],
    'Hi {{contact.first_name}},\n\nI have added your VAT number to the order and issued a new invoice. You can download it from "My orders" in your account; the old invoice is cancelled.\n\nBest regards,\n{{agent.name}}'), inboxes: ['shop'] },
  { ...response('magdalena.zajac', 'pl', 'invoice', 'Faktura z numerem NIP', ['faktury', 'firmy'],
    'Dzień dobry,\n\ndodaliśmy numer NIP do zamówienia i wystawiliśmy nową fakturę. Można ją pobrać w zakładce „Moje zamówienia” na koncie; poprzednia faktura została anulowana.\n\nPozdrawiam,\n{{agent.name}}'), inboxes: ['shop'] },

  // ---- Internal articles ------------------------------------------------------------------
  { kind: 'article', by: 'magdalena.zajac', language: 'en', shortcut: 'returns', title: 'Return policy in short', tags: ['returns', 'policy'],
    body: 'Customers may return any item within 30 days of delivery, unused and in its original packaging. Return shipping is free for Nordvik Plus members; others pay the carrier’s rate, deducted from the refund. Refunds go back to the original payment method within 14 days of the return arriving. Damaged or wrong items: never ask the customer to pay, offer a replacement first.' },
  { kind: 'article', by: 'magdalena.zajac', language: 'pl', shortcut: 'returns', title: 'Zasady zwrotów w skrócie', tags: ['zwroty', 'zasady'],
    body: 'Klient może zwrócić każdy produkt w ciągu 30 dni od doręczenia – nieużywany i w oryginalnym opakowaniu. Członkowie Nordvik Plus odsyłają za darmo; pozostali płacą stawkę przewoźnika, potrącaną ze zwrotu. Pieniądze wracają na pierwotną metodę płatności w ciągu 14 dni od otrzymania zwrotu. Produkt uszkodzony lub niewłaściwy: nigdy nie każemy klientowi płacić, najpierw proponujemy wymianę.' },
  { kind: 'article', by: 'magdalena.zajac', language: null, shortcut: 'escalate', title: 'When and how to escalate', tags: ['process', 'escalation'],
    body: 'Escalate when a customer threatens legal action, asks for compensation above 50 EUR (or the same in PLN, DKK or GBP), reports a safety issue with a product, or has written three times about the same problem. Leave a private note with what you have checked, set the priority to high and assign the conversation to your team lead. Tell the customer who will get back to them and by when.' },
];

/** Writes the demo entries; `authOf` gives each lead's auth context (with their inboxes). */
export function seedDemoKnowledge(app: SwitchboardApp, authOf: (key: string) => AuthContext, inboxId: (key: string) => number): number {
  for (const { by, inboxes, ...entry } of DEMO_KNOWLEDGE) {
    app.knowledge.create(authOf(by), { ...entry, inboxIds: (inboxes ?? []).map(inboxId) });
  }
  return DEMO_KNOWLEDGE.length;
}
