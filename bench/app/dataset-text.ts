// Deterministic text for generated data: names, subjects and message bodies in the four console
// languages, so rows look (and index) like a real support account rather than "lorem 1234".

/** mulberry32: small, fast, seedable; the same seed gives the same dataset. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const FIRST = ['Zofia', 'Jan', 'Anna', 'Piotr', 'Maija', 'Mikko', 'Aino', 'Juha', 'Søren', 'Mette', 'Freja', 'Lars', 'Olivia', 'James', 'Emma', 'Noah', 'Łukasz', 'Agnieszka', 'Päivi', 'Jørgen', 'Katarzyna', 'Tomasz', 'Elina', 'Ida', 'Magnus', 'Sophie', 'Oliver', 'Amelia', 'Henrik', 'Małgorzata'];
const LAST = ['Nowak', 'Kowalski', 'Wiśniewska', 'Virtanen', 'Korhonen', 'Mäkinen', 'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Smith', 'Jones', 'Taylor', 'Brown', 'Łukasik', 'Lehtonen', 'Kristensen', 'Andersen', 'Zieliński', 'Nieminen', 'Johnson', 'Wilson', 'Mortensen', 'Kamińska', 'Heikkinen'];
const TOPICS = ['Order', 'Invoice', 'Refund', 'Delivery', 'Account', 'Password reset', 'Subscription', 'Return', 'Warranty', 'Payment'];
const OPENERS = [
  'Hi, my order has not arrived yet and the tracking page has not changed for three days.',
  'Dzień dobry, zamówienie nie dotarło, a status przesyłki od tygodnia się nie zmienia.',
  'Hei, tilaukseni ei ole vieläkään saapunut. Voitteko tarkistaa tilanteen?',
  'Hej, jeg har ikke modtaget min pakke endnu, og sporingen viser ingenting nyt.',
  'Hello, I was charged twice for the same invoice this month, can you look into it?',
  'Witam, nie mogę zalogować się do konta po zmianie hasła.',
  'Moi, laskussa on väärä osoite ja tarvitsen korjatun version kirjanpitoon.',
  'Hej, produktet gik i stykker efter to uger. Hvordan returnerer jeg det?',
  'I would like to cancel my subscription before the next billing date.',
  'The app keeps logging me out when I switch between my phone and laptop.',
];
const FOLLOW_UPS = [
  'Thanks for the quick answer, I will try that now.',
  'Dziękuję, sprawdzę i dam znać.',
  'Kiitos, kokeilen tätä heti.',
  'Tak for hjælpen, det virker nu.',
  'It still does not work, I attached a screenshot of the error.',
  'Could you send the confirmation to my other email address as well?',
  'Any news on this? It has been a few days.',
  'Great, that solved it. You can close the ticket.',
  'Nadal czekam na zwrot pieniędzy.',
  'Onko tilaukseni jo lähetetty?',
];
const REPLIES = [
  'Thanks for reaching out! I have checked your order and it left our warehouse yesterday.',
  'Przepraszamy za kłopot, zwrot został zlecony i pojawi się na koncie w ciągu 3 dni roboczych.',
  'Kiitos viestistä! Lähetin uuden salasanan palautuslinkin sähköpostiisi.',
  'Tak for din besked. Vi har sendt en returlabel til din e-mail.',
  'I have refunded the duplicate charge; it can take up to five business days to show.',
  'Could you tell me the order number so I can look it up?',
  'I have escalated this to our delivery partner and will update you tomorrow.',
  'Your subscription is cancelled and you will not be charged again.',
];
const NOTES = ['Customer is a VIP, handle with priority.', 'Checked with logistics: parcel stuck in sorting centre.', 'Duplicate of an earlier ticket, merged manually.'];
export const LABELS = ['billing', 'vip', 'bug', 'refund', 'shipping', 'feedback'];

export function personName(r: Rng): string {
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

export function subjectLine(r: Rng): string {
  return `${r.pick(TOPICS)} #${r.int(10_000, 99_999)}`;
}

/** A message body; incoming messages sometimes run to a few sentences. */
export function messageText(r: Rng, kind: 'first' | 'incoming' | 'outgoing' | 'note'): string {
  if (kind === 'note') return r.pick(NOTES);
  if (kind === 'outgoing') return r.chance(0.3) ? `${r.pick(REPLIES)} ${r.pick(REPLIES)}` : r.pick(REPLIES);
  const base = kind === 'first' ? r.pick(OPENERS) : r.pick(FOLLOW_UPS);
  return r.chance(0.25) ? `${base} ${r.pick(FOLLOW_UPS)}` : base;
}
