/**
 * Text and set-up data for the demo workspace (see demo.seed.ts). Nothing here touches the
 * database; the seed turns it into inboxes, users and conversations through the services.
 *
 * Template syntax in every text:
 *   {order}, {name}, ... a value from `TemplateVars`
 *   {f|m}               the writer's grammatical gender (female form first): Polish verbs
 *                       ("sprawdził{am|em}") for the customer in their messages, the agent in theirs
 *   [f|m]               the customer's gender where an agent addresses or mentions them ("[Pani|Pan]")
 *
 * Customer e-mail addresses use reserved example domains (RFC 2606 / RFC 6761), so a reply
 * typed into the demo can never reach a real person once real channels send mail.
 */
import type { ChannelKind, Priority, Role } from '$lib/shared/schemas/common';

export type Lang = 'en' | 'pl' | 'fi' | 'da';
export const LANGS: Lang[] = ['en', 'pl', 'fi', 'da'];

/** How an inbox's messages look: e-mail (greeting, sign-off, subject), chat (short), form (a shop's contact form or app). */
export type Style = 'email' | 'chat' | 'form';

export interface DemoInbox {
  key: string;
  name: string;
  /** The channel the inbox is meant to use; the seed falls back to `api` while that channel is not available. */
  channel: ChannelKind;
  /** Channel settings, used only when `channel` itself is available (the fallback gets `{}`). */
  settings?: Record<string, unknown>;
  style: Style;
  langs: Partial<Record<Lang, number>>;
  conversations: number;
}

export const DEMO_INBOXES: DemoInbox[] = [
  { key: 'support', name: 'Support (email)', channel: 'email', settings: { address: 'support@demo.switchboard', outboundSmtpUrl: 'smtp://demo:demo-password@localhost:2587' }, style: 'email', langs: { en: 5, pl: 5 }, conversations: 85 },
  { key: 'chat', name: 'Live chat', channel: 'chat', style: 'chat', langs: { en: 3, pl: 3, fi: 2, da: 2 }, conversations: 70 },
  { key: 'shop', name: 'Shop API', channel: 'api', style: 'form', langs: { en: 4, pl: 3, da: 3 }, conversations: 45 },
  { key: 'fi', name: 'Suomi – asiakaspalvelu', channel: 'email', settings: { address: 'asiakaspalvelu@demo.switchboard', outboundSmtpUrl: 'smtp://demo:demo-password@localhost:2587' }, style: 'email', langs: { fi: 1 }, conversations: 50 },
  { key: 'da', name: 'Danmark – kundeservice', channel: 'email', settings: { address: 'kundeservice@demo.switchboard', outboundSmtpUrl: 'smtp://demo:demo-password@localhost:2587' }, style: 'email', langs: { da: 1 }, conversations: 50 },
];

export const DEMO_DOMAIN = 'demo.switchboard';
export const DEMO_PASSWORD = 'demo-password-1';
/** Present once the demo has been seeded. */
export const DEMO_MARKER_EMAIL = `anna.nowak@${DEMO_DOMAIN}`;

export interface DemoUser {
  key: string;
  name: string;
  role: Role;
  locale: Lang;
  /** Languages this person answers customers in (their notes fall back to English). */
  speaks: Lang[];
  female: boolean;
  inboxes: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { key: 'anna.nowak', name: 'Anna Nowak', role: 'agent', locale: 'pl', speaks: ['pl', 'en'], female: true, inboxes: ['support', 'chat'] },
  { key: 'piotr.wisniewski', name: 'Piotr Wiśniewski', role: 'agent', locale: 'pl', speaks: ['pl', 'en'], female: false, inboxes: ['support', 'shop'] },
  { key: 'emily.carter', name: 'Emily Carter', role: 'agent', locale: 'en', speaks: ['en'], female: true, inboxes: ['support', 'chat'] },
  { key: 'aino.virtanen', name: 'Aino Virtanen', role: 'agent', locale: 'fi', speaks: ['fi', 'en'], female: true, inboxes: ['fi', 'chat'] },
  { key: 'mikko.korhonen', name: 'Mikko Korhonen', role: 'agent', locale: 'fi', speaks: ['fi', 'en'], female: false, inboxes: ['fi'] },
  { key: 'freja.jensen', name: 'Freja Jensen', role: 'agent', locale: 'da', speaks: ['da', 'en'], female: true, inboxes: ['da', 'chat'] },
  { key: 'mads.nielsen', name: 'Mads Nielsen', role: 'agent', locale: 'da', speaks: ['da', 'en'], female: false, inboxes: ['da', 'shop'] },
  { key: 'magdalena.zajac', name: 'Magdalena Zając', role: 'lead', locale: 'pl', speaks: ['pl', 'en'], female: true, inboxes: ['support', 'chat', 'shop'] },
  { key: 'juha.makinen', name: 'Juha Mäkinen', role: 'lead', locale: 'fi', speaks: ['fi', 'en'], female: false, inboxes: ['fi'] },
  { key: 'mette.kjaer', name: 'Mette Kjær', role: 'lead', locale: 'da', speaks: ['da', 'en'], female: true, inboxes: ['da'] },
  { key: 'soren.ostergaard', name: 'Søren Østergaard', role: 'supervisor', locale: 'da', speaks: ['da', 'en'], female: false, inboxes: [] },
  { key: 'oliver.bennett', name: 'Oliver Bennett', role: 'admin', locale: 'en', speaks: ['en'], female: false, inboxes: [] },
];

export const demoEmail = (u: DemoUser) => `${u.key}@${DEMO_DOMAIN}`;

// ---------------------------------------------------------------------------------------------
// Customers and the shop's world, per language
// ---------------------------------------------------------------------------------------------

export interface LangWorld {
  female: string[];
  male: string[];
  /** "Male/Female" where the surname has two forms. */
  surnames: string[];
  domains: string[];
  carriers: string[];
  products: string[];
  addresses: string[];
  companies: string[];
  codes: string[];
  /** Nordvik Plus, the monthly membership. */
  price: string;
  money: (value: number) => string;
  amountRange: [number, number];
  vat: (digits: string) => string;
}

const currency = (locale: string, code: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: code });
const gbp = currency('en-GB', 'GBP');
const pln = currency('pl-PL', 'PLN');
const eur = currency('fi-FI', 'EUR');
// Danish "kr." would end sentences with two dots; "kr" is common too.
const dkk = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const WORLD: Record<Lang, LangWorld> = {
  en: {
    female: ['Emma', 'Olivia', 'Sophie', 'Charlotte', 'Grace', 'Hannah', 'Lucy', 'Chloe', 'Megan', 'Rachel', 'Sarah', 'Jessica', 'Amelia', 'Holly'],
    male: ['James', 'Oliver', 'Harry', 'Jack', 'George', 'Daniel', 'Thomas', 'Samuel', 'Ben', 'Liam', 'Ryan', 'Matthew', 'Callum', 'Owen'],
    surnames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', 'Patel', "O'Brien", 'Murphy', 'Hughes', 'Edwards', 'Khan'],
    domains: ['example.com', 'example.org', 'mail.example'],
    carriers: ['Royal Mail', 'DPD', 'Evri'],
    products: ['wireless headphones', 'winter jacket, size M', 'coffee grinder', 'running shoes, size 42', 'desk lamp', '30 L backpack', 'electric kettle', 'phone case', 'wool blanket'],
    addresses: ['14 Elm Grove, Leeds LS6 2AB', 'Flat 3, 27 Victoria Road, Bristol BS6 5LD', '8 Mill Lane, York YO1 7HT'],
    companies: ['Harbour Lane Design Ltd', 'Bright Path Consulting Ltd', 'Oakfield Studio Ltd'],
    codes: ['SPRING15', 'WELCOME10', 'NEWS20'],
    price: '£4.99',
    money: (v) => gbp.format(v),
    amountRange: [12, 180],
    vat: (d) => `GB ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7, 9)}`,
  },
  pl: {
    female: ['Agnieszka', 'Małgorzata', 'Joanna', 'Katarzyna', 'Monika', 'Ewa', 'Zofia', 'Aleksandra', 'Natalia', 'Karolina', 'Beata', 'Justyna', 'Dorota', 'Weronika', 'Paulina', 'Łucja'],
    male: ['Tomasz', 'Paweł', 'Michał', 'Krzysztof', 'Marcin', 'Łukasz', 'Grzegorz', 'Jakub', 'Mateusz', 'Wojciech', 'Rafał', 'Bartosz', 'Kamil', 'Sławomir', 'Jędrzej'],
    surnames: [
      'Kowalski/Kowalska', 'Wójcik/Wójcik', 'Kamiński/Kamińska', 'Lewandowski/Lewandowska', 'Zieliński/Zielińska', 'Szymański/Szymańska',
      'Woźniak/Woźniak', 'Dąbrowski/Dąbrowska', 'Kozłowski/Kozłowska', 'Mazur/Mazur', 'Krawczyk/Krawczyk', 'Grabowski/Grabowska',
      'Pawłowski/Pawłowska', 'Michalski/Michalska', 'Król/Król', 'Wieczorek/Wieczorek', 'Jabłoński/Jabłońska', 'Wróbel/Wróbel',
      'Stępień/Stępień', 'Górski/Górska', 'Sikora/Sikora', 'Bąk/Bąk', 'Chmielewski/Chmielewska', 'Sokołowski/Sokołowska',
      'Kaźmierczak/Kaźmierczak', 'Głowacki/Głowacka', 'Ziółkowski/Ziółkowska', 'Przybylski/Przybylska',
    ],
    domains: ['poczta.example', 'example.com', 'skrzynka.example'],
    carriers: ['InPost', 'DPD', 'Poczta Polska'],
    products: ['słuchawki bezprzewodowe', 'kurtka zimowa, rozmiar M', 'młynek do kawy', 'buty do biegania, rozmiar 42', 'lampka biurkowa', 'plecak 30 l', 'czajnik elektryczny', 'etui na telefon', 'koc z wełny'],
    addresses: ['ul. Ogrodowa 15/4, 90-512 Łódź', 'ul. Świętojańska 48/7, 81-391 Gdynia', 'os. Złotej Jesieni 12/33, 31-826 Kraków'],
    companies: ['Pracownia Graficzna Kreska sp. z o.o.', 'Biuro Rachunkowe Żak s.c.', 'Zielony Ogród Jolanta Śliwa'],
    codes: ['WIOSNA15', 'WITAJ10', 'NEWS20'],
    price: '19,99 zł',
    money: (v) => pln.format(v),
    amountRange: [49, 899],
    vat: (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`,
  },
  fi: {
    female: ['Aino', 'Emilia', 'Helmi', 'Sanna', 'Laura', 'Johanna', 'Tiina', 'Päivi', 'Satu', 'Minna', 'Elina', 'Riikka', 'Kaisa', 'Hanna', 'Sari'],
    male: ['Jukka', 'Timo', 'Antti', 'Janne', 'Petri', 'Ville', 'Matti', 'Juho', 'Teemu', 'Eero', 'Olli', 'Sami', 'Väinö', 'Tuomas'],
    surnames: ['Virtanen', 'Korhonen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Kärkkäinen', 'Räsänen', 'Pöllänen'],
    domains: ['posti.example', 'example.com', 'sahkoposti.example'],
    carriers: ['Posti', 'Matkahuolto', 'DB Schenker'],
    products: ['langattomat kuulokkeet', 'talvitakki, koko M', 'kahvimylly', 'juoksukengät, koko 42', 'työpöytävalaisin', 'reppu 30 l', 'vedenkeitin', 'puhelimen suojakuori', 'villahuopa'],
    addresses: ['Hämeenkatu 24 B 12, 33200 Tampere', 'Mannerheimintie 81 A 5, 00270 Helsinki', 'Kauppakatu 9 C 21, 40100 Jyväskylä'],
    companies: ['Mäkelän Puutyö Oy', 'Tmi Sanna Heikkilä', 'Pohjolan Kahvipaahtimo Oy'],
    codes: ['KEVAT15', 'TERVETULOA10', 'UUTISET20'],
    price: '5,99 €',
    money: (v) => eur.format(v),
    amountRange: [15, 199],
    vat: (d) => `${d.slice(0, 7)}-${d.slice(7, 8)}`,
  },
  da: {
    female: ['Mette', 'Sofie', 'Ida', 'Camilla', 'Line', 'Louise', 'Maja', 'Signe', 'Astrid', 'Birgitte', 'Karen', 'Anne', 'Julie', 'Søs'],
    male: ['Rasmus', 'Jesper', 'Lars', 'Anders', 'Mikkel', 'Frederik', 'Niels', 'Jens', 'Kasper', 'Thomas', 'Bo', 'Henrik', 'Bjørn', 'Søren'],
    surnames: ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Møller', 'Mortensen', 'Østergaard', 'Kjær', 'Dahl', 'Lund', 'Holm', 'Bæk', 'Frølich'],
    domains: ['post.example', 'example.com', 'mail.example'],
    carriers: ['PostNord', 'GLS', 'DAO'],
    products: ['trådløse høretelefoner', 'vinterjakke, str. M', 'kaffekværn', 'løbesko str. 42', 'skrivebordslampe', 'rygsæk 30 l', 'elkedel', 'mobilcover', 'uldplaid'],
    addresses: ['Nørrebrogade 112, 2. th., 2200 København N', 'Søndergade 7, 1. tv., 8000 Aarhus C', 'Strandvejen 45, 5700 Svendborg'],
    companies: ['Bøgh & Østergaard ApS', 'Fjordlys Design ApS', 'Tømrerfirma Jens Kjær'],
    codes: ['FORAAR15', 'VELKOMMEN10', 'NYHED20'],
    price: '39 kr',
    money: (v) => `${dkk.format(v)} kr`,
    amountRange: [99, 1499],
    vat: (d) => `${d.slice(0, 8)}`,
  },
};

// ---------------------------------------------------------------------------------------------
// Text pieces shared by every topic
// ---------------------------------------------------------------------------------------------

export interface Phrases {
  customerGreeting: string[];
  customerSignoff: string[];
  agentGreeting: string[];
  agentSignoff: string[];
  chatHello: string[];
  nudge: string[];
  chatNudge: string[];
  thanks: string[];
  notes: string[];
  vipNotes: string[];
}

export const PHRASES: Record<Lang, Phrases> = {
  en: {
    customerGreeting: ['Hi,', 'Hello,', 'Hi there,', 'Dear Nordvik team,'],
    customerSignoff: ['Thanks,\n{full}', 'Best regards,\n{full}', 'Cheers,\n{name}', 'Kind regards,\n{full}'],
    agentGreeting: ['Hi {name},', 'Hello {name},', 'Dear {name},'],
    agentSignoff: ['Best regards,\n{agent}\nNordvik Customer Care', 'Kind regards,\n{agent}\nNordvik Customer Care', 'All the best,\n{agent} | Nordvik Customer Care'],
    chatHello: ['Hi {name}! ', 'Hi {name}, {agent} here. ', 'Hello! '],
    nudge: ["Any update on this? I haven't heard back.", 'Hello? I wrote yesterday and still no reply.', "Following up on my message below – it's quite urgent."],
    chatNudge: ['hello?', 'Is anyone there?', 'Still waiting…'],
    thanks: ["Thank you, that's perfect!", 'Great, thanks for the quick help.', 'Brilliant, thanks a lot!', 'Thanks, all sorted now.'],
    notes: [
      'Checked the order history – no previous complaints from this customer.',
      'Waiting for the warehouse to confirm before we promise anything.',
      'Customer also called the hotline yesterday about the same thing.',
    ],
    vipNotes: ['VIP customer (top 1% by order value) – please handle today.', 'VIP – offer free express shipping on any replacement.'],
  },
  pl: {
    customerGreeting: ['Dzień dobry,', 'Witam,', 'Dzień dobry!', 'Szanowni Państwo,'],
    customerSignoff: ['Pozdrawiam,\n{full}', 'Z góry dziękuję,\n{name}', 'Pozdrawiam\n{full}', 'Z poważaniem,\n{full}'],
    agentGreeting: ['Dzień dobry,', 'Witam serdecznie,', 'Dzień dobry!'],
    agentSignoff: ['Pozdrawiam serdecznie,\n{agent}\nObsługa Klienta Nordvik', 'Z pozdrowieniami,\n{agent}\nObsługa Klienta Nordvik', 'Miłego dnia!\n{agent} | Obsługa Klienta Nordvik'],
    chatHello: ['Dzień dobry! ', 'Dzień dobry, z tej strony {agent}. ', 'Cześć! '],
    nudge: ['Czy jest coś nowego w tej sprawie? Nie dostał{am|em} odpowiedzi.', 'Halo? Pisał{am|em} wczoraj i nadal brak odpowiedzi.', 'Ponawiam moją wiadomość poniżej – sprawa jest dość pilna.'],
    chatNudge: ['halo?', 'Jest tam ktoś?', 'Nadal czekam…'],
    thanks: ['Dziękuję bardzo, wszystko jasne!', 'Super, dziękuję za szybką pomoc.', 'Dzięki, działa!', 'Dziękuję, sprawa załatwiona.'],
    notes: [
      'Sprawdził{am|em} historię zamówień – wcześniej żadnych reklamacji.',
      'Czekam na potwierdzenie z magazynu, zanim cokolwiek obiecamy.',
      '[Klientka|Klient] dzwonił[a|] też wczoraj na infolinię w tej samej sprawie.',
    ],
    vipNotes: ['[Klientka|Klient] VIP (1% najlepszych klientów) – proszę załatwić dzisiaj.', 'VIP – przy wymianie zaproponuj darmową dostawę ekspresową.'],
  },
  fi: {
    customerGreeting: ['Hei,', 'Moi,', 'Hyvä asiakaspalvelu,', 'Hei!'],
    customerSignoff: ['Terveisin\n{full}', 'Kiitos jo etukäteen!\n{name}', 'Ystävällisin terveisin\n{full}', 't. {name}'],
    agentGreeting: ['Hei {name},', 'Hei {name}!', 'Hyvä {name},'],
    agentSignoff: ['Ystävällisin terveisin\n{agent}\nNordvik-asiakaspalvelu', 'Terveisin\n{agent}\nNordvik-asiakaspalvelu', 'Mukavaa päivänjatkoa!\n{agent} | Nordvik-asiakaspalvelu'],
    chatHello: ['Hei {name}! ', 'Hei, täällä {agent}. ', 'Moi! '],
    nudge: ['Onko asiassa tapahtunut mitään? En ole saanut vastausta.', 'Haloo? Kirjoitin eilen, eikä vieläkään vastausta.', 'Muistutan alla olevasta viestistäni – asia on aika kiireellinen.'],
    chatNudge: ['haloo?', 'Onko siellä ketään?', 'Odotan vielä…'],
    thanks: ['Kiitos paljon, nyt on selvä!', 'Mahtavaa, kiitos nopeasta avusta.', 'Kiitos, toimii!', 'Kiitos, asia on nyt kunnossa.'],
    notes: [
      'Tarkistin tilaushistorian – ei aiempia reklamaatioita.',
      'Odotetaan varaston vahvistusta ennen kuin luvataan mitään.',
      'Asiakas soitti samasta asiasta eilen myös puhelinpalveluun.',
    ],
    vipNotes: ['VIP-asiakas (ostojen perusteella parhaan 1 %:n joukossa) – hoidetaan tänään.', 'VIP – tarjoa vaihtotuotteelle maksuton pikatoimitus.'],
  },
  da: {
    customerGreeting: ['Hej,', 'Hej med jer,', 'Goddag,', 'Hej!'],
    customerSignoff: ['Mvh.\n{full}', 'Venlig hilsen\n{full}', 'Hilsen {name}', 'På forhånd tak\n{full}'],
    agentGreeting: ['Hej {name},', 'Kære {name},', 'Hej {name}!'],
    agentSignoff: ['Venlig hilsen\n{agent}\nNordvik Kundeservice', 'Mange hilsner\n{agent}\nNordvik Kundeservice', 'Hav en god dag!\n{agent} | Nordvik Kundeservice'],
    chatHello: ['Hej {name}! ', 'Hej, det er {agent} her. ', 'Hej! '],
    nudge: ['Er der nyt i sagen? Jeg har ikke hørt fra jer.', 'Hallo? Jeg skrev i går og har stadig ikke fået svar.', 'Jeg følger op på min besked nedenfor – det haster lidt.'],
    chatNudge: ['hallo?', 'Er der nogen?', 'Venter stadig…'],
    thanks: ['Tusind tak, det er perfekt!', 'Super, tak for den hurtige hjælp.', 'Tak, det virker!', 'Tak, så er det på plads.'],
    notes: [
      'Har tjekket ordrehistorikken – ingen tidligere klager fra kunden.',
      'Venter på bekræftelse fra lageret, før vi lover noget.',
      'Kunden ringede også til hotlinen i går om det samme.',
    ],
    vipNotes: ['VIP-kunde (top 1 % målt på ordreværdi) – tag den i dag.', 'VIP – tilbyd gratis ekspreslevering på en eventuel ombytning.'],
  },
};

// ---------------------------------------------------------------------------------------------
// Topics: what customers write about, and how the conversation goes
// ---------------------------------------------------------------------------------------------

/** One way the conversation can go: the agent's answer, the customer's reaction, the agent's wrap-up. */
export interface TopicPath {
  reply: string;
  follow: string;
  close: string;
}

export interface TopicText {
  subjects: string[];
  opens: string[];
  paths: TopicPath[];
  notes: string[];
}

export interface Topic {
  key: string;
  labels: string[];
  priority: Priority;
  weight: Record<Style, number>;
  /** For each path, the openings (by index) it answers; every path fits every opening when absent. */
  fits?: number[][];
  text: Record<Lang, TopicText>;
}

export const TOPICS: Topic[] = [
  {
    key: 'late_delivery',
    labels: ['shipping'],
    priority: 'normal',
    weight: { email: 3, chat: 2, form: 4 },
    text: {
      en: {
        subjects: ['Where is my order #{order}?', 'Order #{order} still not delivered'],
        opens: [
          `I placed order #{order} ({product}) over a week ago and it still hasn't arrived. The tracking page has said "in transit" for five days now. Can you check what's going on?`,
          `My order #{order} was supposed to arrive yesterday but nothing came. Tracking number {tracking} shows no update since it left your warehouse. I need it before the weekend – is that still possible?`,
          `Still waiting for order #{order}. {carrier} says the parcel was delivered, but there's nothing at my door and the neighbours haven't seen it either.`,
        ],
        paths: [
          {
            reply: `Thanks for your patience, and sorry for the wait. I've checked with {carrier}: the parcel is at their local depot and is scheduled for delivery within the next two working days. I'll keep an eye on it and let you know if anything changes.`,
            follow: `OK, thanks. If it doesn't show up by Friday, can you just send a replacement instead?`,
            close: `Absolutely. I've set a reminder: if it isn't delivered by Friday, a replacement goes out the same day without you having to ask again.`,
          },
          {
            reply: `I'm sorry your parcel hasn't turned up. I've opened an investigation with {carrier} – they usually answer within 48 hours. Could you confirm that the delivery address on the order is still correct in the meantime?`,
            follow: `Yes, the address is right. It's a ground-floor flat, so the driver can't have missed it.`,
            close: `Thanks for confirming. {carrier} couldn't locate the parcel, so I've sent a replacement by express delivery at no extra cost. You'll get a new tracking link by email within the hour.`,
          },
        ],
        notes: [
          'Tracking shows it stuck at the {carrier} hub since Monday. Opened a claim, ref {ref}.',
          'Second late parcel for this customer this month – worth a goodwill voucher if it happens again.',
        ],
      },
      pl: {
        subjects: ['Gdzie jest moje zamówienie nr {order}?', 'Zamówienie {order} wciąż nie dotarło'],
        opens: [
          'Ponad tydzień temu złożył{am|em} zamówienie nr {order} ({product}) i nadal nic nie dotarło. Status przesyłki od pięciu dni to „w drodze”. Czy mogą Państwo sprawdzić, co się dzieje?',
          'Moje zamówienie {order} miało być wczoraj, a kuriera nie było. Numer przesyłki {tracking} – w śledzeniu brak zmian, odkąd paczka wyjechała z magazynu. Potrzebuję jej przed weekendem, da się coś zrobić?',
          'Czekam na zamówienie nr {order}. Według {carrier} paczka została doręczona, ale u mnie nic nie ma, sąsiedzi też niczego nie odbierali.',
        ],
        paths: [
          {
            reply: 'Dziękujemy za cierpliwość i przepraszamy za opóźnienie. Sprawdził{am|em} u przewoźnika ({carrier}): paczka jest w oddziale lokalnym i zostanie doręczona w ciągu dwóch dni roboczych. Będę to monitorować i dam znać, jeśli coś się zmieni.',
            follow: 'Dobrze, dziękuję. Jeśli paczka nie dotrze do piątku, czy mogą Państwo po prostu wysłać nową?',
            close: 'Oczywiście. Ustawił{am|em} sobie przypomnienie: jeśli paczka nie dotrze do piątku, jeszcze tego samego dnia wyślemy nową – bez potrzeby ponownego kontaktu.',
          },
          {
            reply: 'Przykro mi, że paczka jeszcze nie dotarła. Zgłosił{am|em} reklamację przesyłki u przewoźnika ({carrier}) – odpowiadają zwykle w ciągu 48 godzin. Czy może [Pani|Pan] w międzyczasie potwierdzić, że adres dostawy w zamówieniu jest aktualny?',
            follow: 'Tak, adres się zgadza. Mieszkam na parterze, więc kurier nie mógł go przeoczyć.',
            close: 'Dziękuję za potwierdzenie. Przewoźnik nie zdołał odnaleźć paczki, więc wysłał{am|em} nową przesyłkę ekspresową bez dodatkowych kosztów. W ciągu godziny dostanie [Pani|Pan] e-mail z nowym linkiem do śledzenia.',
          },
        ],
        notes: [
          'W śledzeniu paczka stoi w sortowni od poniedziałku ({carrier}). Zgłoszenie reklamacyjne nr {ref}.',
          'To już druga spóźniona paczka [tej klientki|tego klienta] w tym miesiącu – przy kolejnej proponuję bon rabatowy.',
        ],
      },
      fi: {
        subjects: ['Missä tilaukseni {order} on?', 'Tilaus {order} ei ole vieläkään saapunut'],
        opens: [
          'Tein tilauksen {order} ({product}) jo yli viikko sitten, mutta mitään ei ole kuulunut. Seurannassa on lukenut viisi päivää ”kuljetuksessa”. Voisitteko tarkistaa, missä paketti on?',
          'Tilaukseni {order} piti tulla eilen, mutta mitään ei tullut. Seurantanumero {tracking} ei ole päivittynyt sen jälkeen, kun paketti lähti varastolta. Tarvitsisin sen ennen viikonloppua – onnistuuko?',
          'Odotan yhä tilausta {order}. Seurannan mukaan paketti on toimitettu, mutta ovella ei ole mitään eivätkä naapuritkaan ole nähneet sitä.',
        ],
        paths: [
          {
            reply: 'Kiitos kärsivällisyydestä ja pahoittelut odottelusta. Tarkistin asian kuljetusyhtiöltä ({carrier}): paketti on paikallisessa terminaalissa, ja se toimitetaan kahden arkipäivän kuluessa. Seuraan tilannetta ja ilmoitan, jos jotain muuttuu.',
            follow: 'Okei, kiitos. Jos paketti ei ole perillä perjantaihin mennessä, voisitteko vain lähettää uuden tilalle?',
            close: 'Ehdottomasti. Laitoin itselleni muistutuksen: jos paketti ei ole perillä perjantaina, uusi lähtee samana päivänä ilman, että sinun tarvitsee ottaa uudelleen yhteyttä.',
          },
          {
            reply: 'Ikävää, ettei paketti ole vielä perillä. Tein selvityspyynnön kuljetusyhtiölle ({carrier}), ja he vastaavat yleensä 48 tunnin sisällä. Voisitko sillä välin varmistaa, että tilauksen toimitusosoite on edelleen oikea?',
            follow: 'Kyllä, osoite on oikein. Asun katutasossa, joten kuljettaja ei ole voinut erehtyä ovesta.',
            close: 'Kiitos vahvistuksesta. Kuljetusyhtiö ei löytänyt pakettia, joten lähetin uuden tilalle pikatoimituksena veloituksetta. Saat uuden seurantalinkin sähköpostiisi tunnin sisällä.',
          },
        ],
        notes: [
          'Paketti jumissa kuljetusyhtiön terminaalissa maanantaista asti ({carrier}). Selvityspyyntö tehty, viite {ref}.',
          'Asiakkaan toinen myöhästynyt paketti tässä kuussa – jos toistuu, tarjotaan hyvityskoodi.',
        ],
      },
      da: {
        subjects: ['Hvor er min ordre {order}?', 'Ordre {order} er stadig ikke leveret'],
        opens: [
          'Jeg bestilte ordre {order} ({product}) for over en uge siden, og den er stadig ikke kommet. Sporingen har stået på "undervejs" i fem dage nu. Kan I undersøge, hvad der sker?',
          'Min ordre {order} skulle være kommet i går, men der kom ingenting. Sporingsnummer {tracking} er ikke opdateret, siden pakken forlod jeres lager. Jeg skal bruge den inden weekenden – kan det nå at lade sig gøre?',
          'Jeg venter stadig på ordre {order}. {carrier} skriver, at pakken er leveret, men der er intet ved min dør, og naboerne har heller ikke set den.',
        ],
        paths: [
          {
            reply: 'Tak for din tålmodighed, og undskyld ventetiden. Jeg har tjekket med {carrier}: pakken ligger på deres lokale depot og bliver leveret inden for de næste to hverdage. Jeg holder øje med den og giver besked, hvis der sker noget.',
            follow: 'Okay, tak. Hvis den ikke er kommet på fredag, kan I så ikke bare sende en ny i stedet?',
            close: 'Selvfølgelig. Jeg har sat en påmindelse: Hvis pakken ikke er leveret på fredag, sender vi en ny samme dag, uden at du behøver at skrive igen.',
          },
          {
            reply: 'Det er ærgerligt, at pakken ikke er dukket op. Jeg har oprettet en efterlysning hos {carrier} – de svarer normalt inden for 48 timer. Vil du i mellemtiden bekræfte, at leveringsadressen på ordren stadig er korrekt?',
            follow: 'Ja, adressen er rigtig. Det er en stuelejlighed, så chaufføren kan ikke have overset den.',
            close: 'Tak fordi du bekræftede. {carrier} kunne ikke finde pakken, så jeg har sendt en ny med ekspreslevering uden ekstra omkostninger. Du får et nyt sporingslink på mail inden for en time.',
          },
        ],
        notes: [
          'Sporingen viser, at pakken har ligget på terminalen hos {carrier} siden mandag. Efterlysning oprettet, ref. {ref}.',
          'Anden forsinkede pakke til denne kunde i denne måned – giv et gavekort, hvis det sker igen.',
        ],
      },
    },
  },
  {
    key: 'damaged_item',
    labels: ['shipping', 'returns'],
    priority: 'normal',
    weight: { email: 2, chat: 1, form: 2 },
    text: {
      en: {
        subjects: ['Damaged item in order #{order}', 'Arrived broken'],
        opens: [
          `My order #{order} arrived today but the item ({product}) is damaged – the box was crushed and it's cracked. I've attached photos. What are my options?`,
          `The parcel for order #{order} came with a big dent in the side and the product inside ({product}) doesn't work. I'd like a replacement, please.`,
          `Unpacked my order today and it's broken. Order #{order}. Really disappointed, it was meant to be a present.`,
        ],
        paths: [
          {
            reply: `I'm so sorry it arrived like that. That's clearly transport damage. I can send a replacement right away or refund you in full, whichever you prefer – and you don't need to send the damaged one back.`,
            follow: 'A replacement would be great, thanks. Same address as before.',
            close: 'Done – a replacement is on its way and should arrive in 2–3 working days. You\'ll get the tracking link by email. Sorry again for the trouble!',
          },
          {
            reply: 'Sorry about that! Could you send us a photo of the item and of the shipping label on the box? As soon as we have them I\'ll arrange a replacement.',
            follow: 'Here are the photos. The label is a bit torn but you can still read the tracking number.',
            close: `Thanks for the photos – that's all we need. A replacement was sent today and you'll get the tracking link by email. You don't need to return the damaged item.`,
          },
        ],
        notes: ['Third damaged {carrier} delivery from the same depot this week. Flagging to logistics.', 'Photos confirm transport damage – no return needed, per policy.'],
      },
      pl: {
        subjects: ['Uszkodzony towar w zamówieniu {order}', 'Produkt dotarł zniszczony'],
        opens: [
          'Dzisiaj dotarło zamówienie nr {order}, ale produkt ({product}) jest uszkodzony – karton był zgnieciony, a obudowa pęknięta. Zdjęcia w załączniku. Co mogę zrobić?',
          'Paczka z zamówieniem {order} przyszła z dużym wgnieceniem, a produkt w środku ({product}) nie działa. Proszę o wymianę na nowy.',
          'Rozpakował{am|em} dziś zamówienie i jest zepsute. Nr zamówienia {order}. Jestem bardzo rozczarowan{a|y}, to miał być prezent.',
        ],
        paths: [
          {
            reply: 'Bardzo przepraszam, że produkt dotarł w takim stanie. To ewidentnie uszkodzenie w transporcie. Mogę od razu wysłać nowy egzemplarz albo zwrócić całą kwotę, jak [Pani|Panu] wygodniej – uszkodzonego produktu nie trzeba odsyłać.',
            follow: 'Poproszę o wymianę, dziękuję. Adres bez zmian.',
            close: 'Gotowe – nowy egzemplarz jest już w drodze i powinien dotrzeć w ciągu 2–3 dni roboczych. Link do śledzenia przyjdzie mailem. Jeszcze raz przepraszamy za kłopot!',
          },
          {
            reply: 'Przepraszamy za kłopot! Czy może [Pani|Pan] przesłać zdjęcie produktu oraz etykiety przewozowej na kartonie? Jak tylko je dostaniemy, zorganizuję wymianę.',
            follow: 'Przesyłam zdjęcia. Etykieta jest trochę naderwana, ale numer przesyłki da się odczytać.',
            close: 'Dziękuję za zdjęcia – to wszystko, czego potrzebujemy. Nowy egzemplarz wysłaliśmy dzisiaj, link do śledzenia przyjdzie mailem. Uszkodzonego produktu nie trzeba odsyłać.',
          },
        ],
        notes: ['Trzecia uszkodzona przesyłka z tego samego oddziału w tym tygodniu ({carrier}). Zgłaszam do logistyki.', 'Zdjęcia potwierdzają uszkodzenie w transporcie – zgodnie z procedurą bez odsyłania.'],
      },
      fi: {
        subjects: ['Rikkinäinen tuote tilauksessa {order}', 'Tuote saapui rikki'],
        opens: [
          'Tilaukseni {order} tuli tänään, mutta tuote ({product}) on vaurioitunut – laatikko oli rutussa ja tuote haljennut. Liitin kuvat. Mitä vaihtoehtoja minulla on?',
          'Tilauksen {order} paketissa oli iso lommo, eikä sisällä ollut tuote ({product}) toimi. Haluaisin uuden tilalle.',
          'Avasin tilaukseni tänään ja tuote on rikki. Tilausnumero {order}. Todella harmittaa, sen piti olla lahja.',
        ],
        paths: [
          {
            reply: 'Todella pahoittelen, että tuote saapui tuollaisena. Kyseessä on selvästi kuljetusvaurio. Voin lähettää uuden tilalle heti tai hyvittää koko summan, kumpi sinulle sopii paremmin – rikkinäistä tuotetta ei tarvitse palauttaa.',
            follow: 'Uusi tuote tilalle olisi hyvä, kiitos. Osoite on sama kuin ennenkin.',
            close: 'Valmista – uusi tuote on matkalla ja sen pitäisi olla perillä 2–3 arkipäivässä. Saat seurantalinkin sähköpostiisi. Pahoittelut vielä vaivasta!',
          },
          {
            reply: 'Pahoittelut! Voisitko lähettää kuvan tuotteesta ja laatikon osoitetarrasta? Kun saamme ne, järjestän vaihdon.',
            follow: 'Tässä kuvat. Osoitetarra on vähän repeytynyt, mutta seurantanumeron saa vielä luettua.',
            close: 'Kiitos kuvista – muuta emme tarvitse. Uusi tuote lähti tänään, ja saat seurantalinkin sähköpostiisi. Rikkinäistä tuotetta ei tarvitse palauttaa.',
          },
        ],
        notes: ['Jo kolmas vaurioitunut paketti samasta terminaalista tällä viikolla ({carrier}). Ilmoitan logistiikalle.', 'Kuvat vahvistavat kuljetusvaurion – ohjeen mukaan palautusta ei tarvita.'],
      },
      da: {
        subjects: ['Beskadiget vare i ordre {order}', 'Varen kom i stykker'],
        opens: [
          'Min ordre {order} kom i dag, men varen ({product}) er beskadiget – kassen var mast, og der er revner i den. Jeg har vedhæftet billeder. Hvad kan I gøre?',
          'Pakken med ordre {order} havde en stor bule i siden, og varen indeni ({product}) virker ikke. Jeg vil gerne have en ny.',
          'Pakkede min ordre ud i dag, og den er i stykker. Ordrenummer {order}. Meget skuffende, den skulle have været en gave.',
        ],
        paths: [
          {
            reply: 'Det er jeg virkelig ked af. Det er tydeligvis en transportskade. Jeg kan sende en ny med det samme eller refundere hele beløbet, hvad du foretrækker – og du behøver ikke sende den ødelagte vare retur.',
            follow: 'En ny vil være perfekt, tak. Samme adresse som før.',
            close: 'Så er det ordnet – en ny vare er på vej og burde være fremme om 2–3 hverdage. Du får sporingslinket på mail. Undskyld igen for besværet!',
          },
          {
            reply: 'Det beklager vi! Vil du sende et billede af varen og af forsendelsesetiketten på kassen? Så snart vi har dem, sørger jeg for en ombytning.',
            follow: 'Her er billederne. Etiketten er lidt revet, men man kan stadig læse sporingsnummeret.',
            close: 'Tak for billederne – det er alt, vi skal bruge. En ny vare er sendt i dag, og du får sporingslinket på mail. Du behøver ikke returnere den beskadigede vare.',
          },
        ],
        notes: ['Tredje beskadigede levering fra {carrier} fra samme depot i denne uge. Sender det videre til logistik.', 'Billederne bekræfter transportskade – ingen returnering nødvendig jf. politikken.'],
      },
    },
  },
  {
    key: 'refund_status',
    labels: ['refund', 'billing'],
    priority: 'normal',
    weight: { email: 3, chat: 1, form: 2 },
    text: {
      en: {
        subjects: ['Refund not received', 'Refund for order #{order}'],
        opens: [
          `I sent back order #{order} two weeks ago and the tracking says you received it last Tuesday, but I still haven't had my refund of {amount}. When can I expect it?`,
          `I returned an item from order #{order} ({product}) and got an email saying the return was approved, but the money isn't back on my card yet. How long does it usually take?`,
          'Still no refund for #{order}. It\'s been 14 days since you confirmed the return. {amount} is a lot of money for me, please sort this out.',
        ],
        paths: [
          {
            reply: 'Thanks for getting in touch. I can see the return was registered and the refund of {amount} was issued yesterday. Depending on your bank it can take 3–5 working days to appear. Could you check again early next week?',
            follow: `OK, I'll check on Monday. Thanks for looking into it.`,
            close: `You're welcome! I'll mark this as solved, but just reply here if the money hasn't arrived by the end of next week.`,
          },
          {
            reply: `Sorry for the delay. The return arrived, but the refund got stuck in a manual check. I've approved it now – could you tell me the last four digits of the card you paid with, so I can confirm it's going to the right one?`,
            follow: 'It ends in {last4}.',
            close: `Thanks! Confirmed – the refund of {amount} went to the card ending {last4}, bank reference {ref}. If it's not there by Friday, reply to this message and I'll chase the payment provider.`,
          },
        ],
        notes: ['Refund was stuck in fraud review (amount over the limit). Approved manually.', 'Payment provider shows the refund as settled – nothing more we can do on our side.'],
      },
      pl: {
        subjects: ['Brak zwrotu pieniędzy', 'Zwrot środków za zamówienie {order}'],
        opens: [
          'Dwa tygodnie temu odesłał{am|em} zamówienie nr {order}, według śledzenia dotarło do Państwa w zeszły wtorek, ale zwrot {amount} wciąż nie wpłynął. Kiedy mogę się go spodziewać?',
          'Zwrócił{am|em} produkt z zamówienia {order} ({product}) i dostał{am|em} maila, że zwrot został przyjęty, ale pieniądze nie wróciły jeszcze na kartę. Ile to zwykle trwa?',
          'Nadal brak zwrotu za zamówienie {order}. Minęło 14 dni od potwierdzenia zwrotu. {amount} to dla mnie sporo, proszę o wyjaśnienie.',
        ],
        paths: [
          {
            reply: 'Dziękujemy za wiadomość. Widzę, że zwrot został zarejestrowany, a przelew na kwotę {amount} zlecono wczoraj. W zależności od banku może to potrwać 3–5 dni roboczych. Czy może [Pani|Pan] sprawdzić ponownie na początku przyszłego tygodnia?',
            follow: 'Dobrze, sprawdzę w poniedziałek. Dziękuję za pomoc.',
            close: 'Cieszę się, że mogł{am|em} pomóc. Zamykam zgłoszenie, ale jeśli pieniądze nie dotrą do końca przyszłego tygodnia, wystarczy odpisać na tę wiadomość.',
          },
          {
            reply: 'Przepraszamy za opóźnienie. Zwrot do nas dotarł, ale wypłata środków utknęła na ręcznej weryfikacji. Właśnie ją zatwierdził{am|em} – czy może [Pani|Pan] podać cztery ostatnie cyfry karty, którą [Pani|Pan] płacił[a|]? Chcę się upewnić, że pieniądze trafią na właściwą kartę.',
            follow: 'Końcówka karty to {last4}.',
            close: 'Dziękuję! Potwierdzam – zwrot {amount} trafił na kartę z końcówką {last4}, numer referencyjny transakcji to {ref}. Jeśli do piątku środki nie pojawią się na koncie, proszę odpisać, a wyjaśnię to z operatorem płatności.',
          },
        ],
        notes: ['Zwrot utknął w weryfikacji antyfraudowej (kwota powyżej limitu). Zatwierdzony ręcznie.', 'Operator płatności pokazuje zwrot jako rozliczony – po naszej stronie nic więcej nie zrobimy.'],
      },
      fi: {
        subjects: ['Hyvitystä ei ole näkynyt', 'Palautuksen hyvitys, tilaus {order}'],
        opens: [
          'Palautin tilauksen {order} kaksi viikkoa sitten, ja seurannan mukaan se saapui teille viime tiistaina, mutta en ole vieläkään saanut hyvitystä ({amount}). Milloin voin odottaa sitä?',
          'Palautin tuotteen tilauksesta {order} ({product}) ja sain sähköpostin, että palautus on hyväksytty, mutta rahoja ei ole vielä näkynyt kortilla. Kauanko tässä yleensä menee?',
          'Edelleen ei hyvitystä tilauksesta {order}. Palautuksen vahvistuksesta on 14 päivää. Summa ({amount}) on minulle iso, hoitakaa tämä kuntoon.',
        ],
        paths: [
          {
            reply: 'Kiitos yhteydenotosta. Näen, että palautus on kirjattu ja hyvitys ({amount}) maksettiin eilen. Pankista riippuen summan näkyminen voi kestää 3–5 arkipäivää. Voisitko tarkistaa tilanteen uudelleen ensi viikon alussa?',
            follow: 'Selvä, tarkistan maanantaina. Kiitos, että selvititte.',
            close: 'Mukava, että sain auttaa. Merkitsen asian ratkaistuksi, mutta vastaa tähän viestiin, jos rahoja ei ole näkynyt ensi viikon loppuun mennessä.',
          },
          {
            reply: 'Pahoittelut viiveestä. Palautus on saapunut, mutta hyvitys jäi jumiin manuaaliseen tarkistukseen. Hyväksyin sen nyt – kertoisitko vielä maksukorttisi neljä viimeistä numeroa, jotta voin varmistaa, että rahat menevät oikealle kortille?',
            follow: 'Kortin viimeiset numerot ovat {last4}.',
            close: 'Kiitos! Vahvistettu: hyvitys ({amount}) on maksettu kortille, jonka numero päättyy {last4}, viite {ref}. Jos rahat eivät näy perjantaihin mennessä, vastaa tähän viestiin, niin selvitän asian maksunvälittäjän kanssa.',
          },
        ],
        notes: ['Hyvitys oli jumissa petostarkistuksessa (summa yli rajan). Hyväksytty käsin.', 'Maksunvälittäjän mukaan hyvitys on maksettu – meidän päässämme ei ole enää tehtävää.'],
      },
      da: {
        subjects: ['Har ikke modtaget min refusion', 'Refusion for ordre {order}'],
        opens: [
          'Jeg sendte ordre {order} retur for to uger siden, og ifølge sporingen modtog I den sidste tirsdag, men jeg har stadig ikke fået mine {amount} tilbage. Hvornår kan jeg forvente refusionen?',
          'Jeg har returneret en vare fra ordre {order} ({product}) og fik en mail om, at returneringen var godkendt, men pengene er ikke kommet retur på mit kort endnu. Hvor lang tid tager det normalt?',
          'Stadig ingen refusion for ordre {order}. Der er gået 14 dage, siden I bekræftede returneringen. {amount} er mange penge for mig, så få det venligst løst.',
        ],
        paths: [
          {
            reply: 'Tak for din henvendelse. Jeg kan se, at returneringen er registreret, og at refusionen på {amount} blev sendt i går. Afhængigt af din bank kan der gå 3–5 hverdage, før den kan ses. Vil du tjekke igen i starten af næste uge?',
            follow: 'Okay, jeg tjekker på mandag. Tak fordi du kiggede på det.',
            close: 'Det var så lidt! Jeg lukker sagen, men skriv bare her igen, hvis pengene ikke er kommet inden udgangen af næste uge.',
          },
          {
            reply: 'Beklager forsinkelsen. Returneringen er modtaget, men refusionen hang i en manuel kontrol. Jeg har godkendt den nu – vil du oplyse de sidste fire cifre på det kort, du betalte med, så jeg kan bekræfte, at pengene går til det rigtige kort?',
            follow: 'Kortet ender på {last4}.',
            close: 'Tak! Bekræftet – refusionen på {amount} er sendt til kortet, der ender på {last4}, med referencen {ref}. Hvis pengene ikke er der på fredag, så svar på denne besked, så rykker jeg betalingsudbyderen.',
          },
        ],
        notes: ['Refusionen hang i svindelkontrollen (beløb over grænsen). Godkendt manuelt.', 'Betalingsudbyderen viser refusionen som gennemført – vi kan ikke gøre mere fra vores side.'],
      },
    },
  },
  {
    key: 'login_problem',
    labels: ['account'],
    priority: 'normal',
    weight: { email: 1, chat: 3, form: 1 },
    fits: [[0, 1], [2]],
    text: {
      en: {
        subjects: [`Can't log in to my account`, 'Password reset email never arrives'],
        opens: [
          `I can't log in to my account. It says "incorrect email or password" even though I reset the password twice today. My email is {email}.`,
          `The password reset email never arrives. I've checked spam and tried three times in the last hour.`,
          'Every time I log in on the app it kicks me back to the login screen. Works fine on my laptop, only the phone app is broken.',
        ],
        paths: [
          {
            reply: `Sorry for the hassle! Your account was temporarily locked after several failed attempts. I've unlocked it now – could you try logging in again and let me know if it works?`,
            follow: 'It works now, thank you!',
            close: `Great, glad it's sorted! For extra security you can turn on two-step verification under Account → Security.`,
          },
          {
            reply: `Thanks for reporting this. Could you tell me which phone and app version you're using (Settings → About)? We've seen a similar issue on older Android versions.`,
            follow: 'Samsung Galaxy A52, app version 4.12.1.',
            close: `Thanks! That's a known bug in 4.12.1 – version 4.12.2 with the fix is rolling out today. Please update the app and the login loop should stop. Sorry for the trouble!`,
          },
        ],
        notes: ['Account was locked by the rate limiter after 6 failed attempts. Unlocked.', 'Reset emails to this domain bounced last week – checked the mail log, delivered now.'],
      },
      pl: {
        subjects: ['Nie mogę zalogować się na konto', 'Nie dostaję maila do resetu hasła'],
        opens: [
          'Nie mogę zalogować się na konto. Wyświetla się „nieprawidłowy e-mail lub hasło”, chociaż dziś dwa razy resetował{am|em} hasło. Mój e-mail to {email}.',
          'Mail do resetowania hasła w ogóle nie przychodzi. Sprawdził{am|em} spam i próbował{am|em} trzy razy w ciągu ostatniej godziny.',
          'Za każdym razem, gdy loguję się w aplikacji, wyrzuca mnie z powrotem do ekranu logowania. Na laptopie działa normalnie, problem jest tylko w aplikacji na telefonie.',
        ],
        paths: [
          {
            reply: 'Przepraszamy za kłopot! Konto zostało tymczasowo zablokowane po kilku nieudanych próbach logowania. Właśnie je odblokował{am|em} – czy może [Pani|Pan] spróbować zalogować się ponownie i dać znać, czy działa?',
            follow: 'Teraz działa, dziękuję!',
            close: 'Świetnie, cieszę się, że się udało! Dla większego bezpieczeństwa można włączyć weryfikację dwuetapową w zakładce Konto → Bezpieczeństwo.',
          },
          {
            reply: 'Dziękujemy za zgłoszenie. Czy może [Pani|Pan] podać model telefonu i wersję aplikacji (Ustawienia → O aplikacji)? Podobny problem widzieliśmy na starszych wersjach Androida.',
            follow: 'Samsung Galaxy A52, wersja aplikacji 4.12.1.',
            close: 'Dziękuję! To znany błąd wersji 4.12.1 – wersja 4.12.2 z poprawką trafia dziś do sklepu. Po aktualizacji aplikacji problem z logowaniem powinien zniknąć. Przepraszamy za kłopot!',
          },
        ],
        notes: ['Konto zablokowane przez limit prób logowania (6 nieudanych). Odblokowane.', 'Maile z resetem do tej domeny odbijały się w zeszłym tygodniu – sprawdził{am|em} logi, teraz dochodzą.'],
      },
      fi: {
        subjects: ['En pääse kirjautumaan tililleni', 'Salasanan palautusviesti ei tule'],
        opens: [
          'En pääse kirjautumaan tililleni. Näkyy ilmoitus ”väärä sähköposti tai salasana”, vaikka vaihdoin salasanan tänään kahdesti. Sähköpostini on {email}.',
          'Salasanan palautusviesti ei tule ollenkaan. Katsoin roskapostin ja yritin kolme kertaa viimeisen tunnin aikana.',
          'Aina kun kirjaudun sovellukseen, se heittää minut takaisin kirjautumisnäkymään. Läppärillä toimii hyvin, vain puhelimen sovellus temppuilee.',
        ],
        paths: [
          {
            reply: 'Pahoittelut vaivasta! Tilisi lukittui väliaikaisesti useiden epäonnistuneiden kirjautumisyritysten jälkeen. Avasin lukituksen nyt – voisitko kokeilla kirjautua uudelleen ja kertoa, toimiiko se?',
            follow: 'Nyt toimii, kiitos!',
            close: 'Hienoa, että asia ratkesi! Lisäturvaa saat ottamalla kaksivaiheisen tunnistautumisen käyttöön kohdassa Tili → Tietoturva.',
          },
          {
            reply: 'Kiitos ilmoituksesta. Kertoisitko, mikä puhelin ja sovelluksen versio sinulla on (Asetukset → Tietoja)? Olemme nähneet samanlaista vikaa vanhemmissa Android-versioissa.',
            follow: 'Samsung Galaxy A52, sovelluksen versio 4.12.1.',
            close: 'Kiitos! Kyseessä on tunnettu vika versiossa 4.12.1 – korjattu versio 4.12.2 julkaistaan tänään. Päivitä sovellus, niin kirjautumissilmukan pitäisi loppua. Pahoittelut vaivasta!',
          },
        ],
        notes: ['Tili lukittui kirjautumisrajoituksen takia (6 epäonnistunutta yritystä). Lukitus avattu.', 'Palautusviestit tähän verkkotunnukseen palautuivat viime viikolla – tarkistin lokit, nyt menevät perille.'],
      },
      da: {
        subjects: ['Kan ikke logge ind på min konto', 'Får ikke mail om nulstilling af adgangskode'],
        opens: [
          'Jeg kan ikke logge ind på min konto. Der står "forkert e-mail eller adgangskode", selvom jeg har nulstillet adgangskoden to gange i dag. Min e-mail er {email}.',
          'Mailen til nulstilling af adgangskoden kommer aldrig. Jeg har tjekket spam og prøvet tre gange inden for den sidste time.',
          'Hver gang jeg logger ind i appen, bliver jeg smidt tilbage til login-skærmen. Det virker fint på min bærbare, det er kun appen på telefonen.',
        ],
        paths: [
          {
            reply: 'Beklager besværet! Din konto blev midlertidigt låst efter flere mislykkede forsøg. Jeg har låst den op nu – vil du prøve at logge ind igen og sige til, om det virker?',
            follow: 'Nu virker det, tak!',
            close: 'Dejligt, at det er løst! For ekstra sikkerhed kan du slå totrinsbekræftelse til under Konto → Sikkerhed.',
          },
          {
            reply: 'Tak for beskeden. Vil du fortælle, hvilken telefon og hvilken version af appen du bruger (Indstillinger → Om)? Vi har set et lignende problem på ældre Android-versioner.',
            follow: 'Samsung Galaxy A52, app-version 4.12.1.',
            close: 'Tak! Det er en kendt fejl i 4.12.1 – version 4.12.2 med rettelsen bliver udrullet i dag. Opdatér appen, så burde login-problemet forsvinde. Undskyld besværet!',
          },
        ],
        notes: ['Kontoen blev låst af login-begrænsningen efter 6 mislykkede forsøg. Låst op.', 'Nulstillingsmails til dette domæne blev afvist i sidste uge – har tjekket mail-loggen, de kommer frem nu.'],
      },
    },
  },
  {
    key: 'invoice_request',
    labels: ['billing'],
    priority: 'low',
    weight: { email: 3, chat: 0.5, form: 1.5 },
    text: {
      en: {
        subjects: ['VAT invoice for order #{order}', 'Invoice with company details'],
        opens: [
          `Could you send me a VAT invoice for order #{order}? I need it for my expenses and the order confirmation isn't enough.`,
          'I forgot to add my company details at checkout. Is it possible to get the invoice for order #{order} issued to my company instead? {company}, VAT number {vat}.',
          'Where can I download invoices for my Nordvik Plus membership? I can only find receipts in my account.',
        ],
        paths: [
          {
            reply: 'Of course! I just need to confirm the billing address for the invoice – is it the same as your delivery address?',
            follow: 'Yes, same address. Thanks!',
            close: `All done. The invoice is now under Account → Orders (and Account → Billing for Nordvik Plus), and I've also sent a copy to {email}. Let me know if anything needs correcting.`,
          },
          {
            reply: 'Invoices are generated automatically and can be downloaded under Account → Billing → Invoices (the Receipts tab only shows card receipts). If you add your company details under Billing details, I can re-issue the invoice with them.',
            follow: `Found it, thanks. I've added the company details now – could you re-issue it?`,
            close: 'Done – the invoice has been re-issued with your company details and is marked "corrected" in the same list.',
          },
        ],
        notes: ['Company invoice re-issued in the billing system – the old one credited.', 'Customer needs invoices monthly for accounting; suggest a business account.'],
      },
      pl: {
        subjects: ['Faktura VAT do zamówienia {order}', 'Prośba o fakturę na firmę'],
        opens: [
          'Czy mogę prosić o fakturę VAT do zamówienia nr {order}? Potrzebuję jej do rozliczenia w firmie, a samo potwierdzenie zamówienia nie wystarczy.',
          'Zapomniał{am|em} podać danych firmy przy składaniu zamówienia. Czy da się wystawić fakturę do zamówienia {order} na firmę? {company}, NIP {vat}.',
          'Gdzie mogę pobrać faktury za członkostwo Nordvik Plus? Na koncie widzę tylko potwierdzenia płatności.',
        ],
        paths: [
          {
            reply: 'Oczywiście! Muszę tylko potwierdzić adres do faktury – czy jest taki sam jak adres dostawy?',
            follow: 'Tak, adres ten sam. Dziękuję!',
            close: 'Gotowe. Faktura jest dostępna w zakładce Konto → Zamówienia (a za Nordvik Plus w Konto → Płatności), kopię wysłał{am|em} też na {email}. Proszę dać znać, gdyby coś wymagało poprawy.',
          },
          {
            reply: 'Faktury wystawiamy automatycznie, można je pobrać w zakładce Konto → Płatności → Faktury (zakładka Potwierdzenia pokazuje tylko potwierdzenia płatności kartą). Po uzupełnieniu danych firmy w Danych do faktury mogę wystawić fakturę ponownie.',
            follow: 'Znalazł{am|em}, dziękuję. Dane firmy już uzupełnił{am|em} – czy można wystawić fakturę jeszcze raz?',
            close: 'Gotowe – wystawił{am|em} fakturę korygującą z danymi firmy, jest na tej samej liście z oznaczeniem „korekta”.',
          },
        ],
        notes: ['Faktura na firmę wystawiona w systemie – poprzednia skorygowana.', '[Klientka|Klient] potrzebuje faktur co miesiąc do księgowości; zaproponować konto firmowe.'],
      },
      fi: {
        subjects: ['Lasku tilauksesta {order}', 'Lasku yrityksen tiedoilla'],
        opens: [
          'Voisitteko lähettää arvonlisäverollisen laskun tilauksesta {order}? Tarvitsen sen kulukorvausta varten, eikä tilausvahvistus riitä.',
          'Unohdin lisätä yrityksen tiedot kassalla. Voiko tilauksen {order} laskun vielä saada yrityksen nimiin? {company}, Y-tunnus {vat}.',
          'Mistä voin ladata Nordvik Plus -jäsenyyden laskut? Tililtä löydän vain kuitteja.',
        ],
        paths: [
          {
            reply: 'Totta kai! Varmistan vain laskutusosoitteen – onko se sama kuin toimitusosoitteesi?',
            follow: 'Kyllä, sama osoite. Kiitos!',
            close: 'Valmista. Lasku löytyy nyt kohdasta Tili → Tilaukset (ja Nordvik Plussan laskut kohdasta Tili → Laskutus), ja lähetin kopion myös osoitteeseen {email}. Kerro, jos jotain pitää korjata.',
          },
          {
            reply: 'Laskut muodostuvat automaattisesti, ja ne voi ladata kohdasta Tili → Laskutus → Laskut (Kuitit-välilehdellä näkyvät vain korttikuitit). Jos lisäät yrityksen tiedot kohtaan Laskutustiedot, voin tehdä laskun uudelleen niillä tiedoilla.',
            follow: 'Löytyi, kiitos. Lisäsin nyt yrityksen tiedot – voisitko tehdä laskun uudelleen?',
            close: 'Tehty – lasku on tehty uudelleen yrityksen tiedoilla, ja se näkyy samassa listassa merkinnällä ”korjattu”.',
          },
        ],
        notes: ['Yrityslasku tehty laskutusjärjestelmään – vanha hyvitetty.', 'Asiakas tarvitsee laskut kuukausittain kirjanpitoon; ehdotetaan yritystiliä.'],
      },
      da: {
        subjects: ['Faktura på ordre {order}', 'Faktura med firmaoplysninger'],
        opens: [
          'Kan I sende mig en faktura med moms på ordre {order}? Jeg skal bruge den til mit regnskab, og ordrebekræftelsen er ikke nok.',
          'Jeg glemte at skrive mine firmaoplysninger ved betalingen. Kan fakturaen for ordre {order} blive udstedt til firmaet i stedet? {company}, CVR-nr. {vat}.',
          'Hvor kan jeg hente fakturaer for mit Nordvik Plus-medlemskab? Jeg kan kun finde kvitteringer på min konto.',
        ],
        paths: [
          {
            reply: 'Selvfølgelig! Jeg skal bare lige bekræfte faktureringsadressen – er den den samme som leveringsadressen?',
            follow: 'Ja, samme adresse. Tak!',
            close: 'Så er det klaret. Fakturaen ligger under Konto → Ordrer (og under Konto → Betaling for Nordvik Plus), og jeg har også sendt en kopi til {email}. Sig til, hvis noget skal rettes.',
          },
          {
            reply: 'Fakturaer bliver dannet automatisk og kan hentes under Konto → Betaling → Fakturaer (fanen Kvitteringer viser kun kortkvitteringer). Hvis du tilføjer dine firmaoplysninger under Faktureringsoplysninger, kan jeg udstede fakturaen igen med dem.',
            follow: 'Fandt den, tak. Jeg har tilføjet firmaoplysningerne nu – kan du udstede den igen?',
            close: 'Klaret – fakturaen er udstedt igen med dine firmaoplysninger og står på samme liste markeret "rettet".',
          },
        ],
        notes: ['Firmafaktura udstedt i faktureringssystemet – den gamle er krediteret.', 'Kunden skal bruge fakturaer hver måned til bogføringen; foreslå en erhvervskonto.'],
      },
    },
  },
  {
    key: 'outage',
    labels: ['bug', 'outage'],
    priority: 'urgent',
    weight: { email: 1, chat: 3, form: 1 },
    fits: [[0, 1, 2], [1]],
    text: {
      en: {
        subjects: ['Website down?', 'Checkout not working'],
        opens: [
          'Is your website down? I keep getting a 502 error when I try to open my account.',
          `I've been trying to pay for my order for 20 minutes and checkout just spins and then says "something went wrong". Is there a problem on your end?`,
          `Your app won't load at all – just a white screen. Tried on wifi and on 4G.`,
        ],
        paths: [
          {
            reply: `Thanks for letting us know – you're not alone. We're having an outage affecting login and checkout, and our engineers are working on it right now. I'll update you here as soon as it's fixed.`,
            follow: 'OK, thanks for the quick answer. Will my order still go through at the same price?',
            close: 'Everything is back up and running. Your basket is saved and the price stays the same, so you can complete the order whenever suits you. Sorry for the disruption!',
          },
          {
            reply: 'Sorry about that! We had a short disruption with our payment provider; it should be working again now. Could you try once more and tell me if it goes through?',
            follow: 'Just tried again and it worked. Thanks!',
            close: 'Great, thanks for confirming! I can see your order has come through. Sorry again for the trouble.',
          },
        ],
        notes: ['Part of the checkout incident – added to the list of customers to update.', 'Engineering confirmed: payment gateway timeouts, fix deployed.'],
      },
      pl: {
        subjects: ['Strona nie działa?', 'Nie da się zapłacić'],
        opens: [
          'Czy strona nie działa? Przy próbie wejścia na konto ciągle dostaję błąd 502.',
          'Od 20 minut próbuję zapłacić za zamówienie, a płatność tylko się kręci i wyskakuje „coś poszło nie tak”. Czy macie jakąś awarię?',
          'Aplikacja w ogóle się nie ładuje – tylko biały ekran. Próbował{am|em} na Wi-Fi i na LTE.',
        ],
        paths: [
          {
            reply: 'Dziękujemy za zgłoszenie – nie tylko [Pani|Pan] to widzi. Mamy awarię logowania i płatności, nasi inżynierowie właśnie nad nią pracują. Dam znać tutaj, jak tylko wszystko zacznie działać.',
            follow: 'Dobrze, dzięki za szybką odpowiedź. Czy zamówienie przejdzie potem w tej samej cenie?',
            close: 'Wszystko już działa. Koszyk jest zapisany, a cena się nie zmieni – zamówienie można dokończyć w dowolnym momencie. Przepraszamy za utrudnienia!',
          },
          {
            reply: 'Przepraszamy! Mieliśmy krótką awarię u operatora płatności, teraz powinno już działać. Czy może [Pani|Pan] spróbować jeszcze raz i dać znać, czy płatność przeszła?',
            follow: 'Spróbował{am|em} jeszcze raz i zadziałało. Dzięki!',
            close: 'Super, dziękuję za potwierdzenie! Widzę, że zamówienie już do nas dotarło. Jeszcze raz przepraszamy za kłopot.',
          },
        ],
        notes: ['Zgłoszenie dotyczy awarii płatności – dodaję do listy klientów do poinformowania.', 'Zespół techniczny potwierdził: timeouty bramki płatniczej, poprawka wdrożona.'],
      },
      fi: {
        subjects: ['Sivusto alhaalla?', 'Maksaminen ei onnistu'],
        opens: [
          'Onko sivustonne alhaalla? Saan jatkuvasti virheen 502, kun yritän avata tilini.',
          'Olen yrittänyt maksaa tilausta 20 minuuttia, mutta kassa vain pyörii ja sitten tulee ”jotain meni pieleen”. Onko teillä häiriö?',
          'Sovellus ei lataudu ollenkaan – pelkkä valkoinen ruutu. Kokeilin sekä wifillä että mobiilidatalla.',
        ],
        paths: [
          {
            reply: 'Kiitos ilmoituksesta – et ole ainoa. Meillä on häiriö, joka vaikuttaa kirjautumiseen ja kassaan, ja kehittäjämme selvittävät sitä parhaillaan. Ilmoitan tähän heti, kun vika on korjattu.',
            follow: 'Okei, kiitos nopeasta vastauksesta. Meneekö tilaukseni läpi samaan hintaan myöhemmin?',
            close: 'Kaikki toimii taas. Ostoskorisi on tallessa ja hinta pysyy samana, joten voit viimeistellä tilauksen silloin kun sinulle sopii. Pahoittelut häiriöstä!',
          },
          {
            reply: 'Pahoittelut! Maksunvälittäjällämme oli lyhyt häiriö, ja nyt kaiken pitäisi taas toimia. Voisitko kokeilla vielä kerran ja kertoa, menikö maksu läpi?',
            follow: 'Kokeilin uudestaan ja nyt toimi. Kiitos!',
            close: 'Hienoa, kiitos vahvistuksesta! Näen, että tilauksesi on tullut perille. Pahoittelut vielä vaivasta.',
          },
        ],
        notes: ['Liittyy kassan häiriöön – lisätty tiedotettavien asiakkaiden listalle.', 'Kehitystiimi vahvisti: maksuvälittäjän aikakatkaisuja, korjaus julkaistu.'],
      },
      da: {
        subjects: ['Er siden nede?', 'Kan ikke gennemføre betaling'],
        opens: [
          'Er jeres hjemmeside nede? Jeg får hele tiden en 502-fejl, når jeg prøver at åbne min konto.',
          'Jeg har prøvet at betale for min ordre i 20 minutter, men kassen kører bare rundt og skriver så "noget gik galt". Er der problemer hos jer?',
          'Jeres app vil slet ikke starte – bare en hvid skærm. Har prøvet både på wifi og 4G.',
        ],
        paths: [
          {
            reply: 'Tak fordi du sagde til – du er ikke den eneste. Vi har et nedbrud, der rammer login og betaling, og vores udviklere arbejder på det lige nu. Jeg skriver her, så snart det er løst.',
            follow: 'Okay, tak for det hurtige svar. Kan jeg stadig få ordren til samme pris bagefter?',
            close: 'Alt kører igen. Din kurv er gemt, og prisen er den samme, så du kan gennemføre ordren, når det passer dig. Undskyld forstyrrelsen!',
          },
          {
            reply: 'Det beklager vi! Vi havde en kort forstyrrelse hos vores betalingsudbyder, men det burde virke igen nu. Vil du prøve en gang til og sige til, om betalingen går igennem?',
            follow: 'Har lige prøvet igen, og nu virkede det. Tak!',
            close: 'Super, tak for bekræftelsen! Jeg kan se, at din ordre er kommet igennem. Undskyld igen for besværet.',
          },
        ],
        notes: ['Hører til checkout-nedbruddet – tilføjet til listen over kunder, der skal have besked.', 'Udviklerne bekræfter: timeouts hos betalingsgatewayen, rettelse er udrullet.'],
      },
    },
  },
  {
    key: 'address_change',
    labels: ['shipping'],
    priority: 'high',
    weight: { email: 2, chat: 2, form: 2 },
    text: {
      en: {
        subjects: ['Change delivery address for #{order}', 'Wrong address on my order'],
        opens: [
          `I just placed order #{order} and realised it's going to my old address. Can you change it to {address} before it ships?`,
          `Is it possible to change the delivery address on order #{order}? I'll be at work all week, so I'd rather have it sent to a parcel locker.`,
          'Typo in my address! I wrote flat 12 instead of flat 21 on order #{order}.',
        ],
        paths: [
          {
            reply: `Caught it just in time – the order hadn't been packed yet, so I've updated the delivery address. You'll get a new confirmation email in a few minutes; could you double-check it when it arrives?`,
            follow: 'Got the new confirmation and the address looks right now. Thanks!',
            close: 'Perfect, thanks for checking! The order ships today with the corrected address.',
          },
          {
            reply: `Unfortunately the parcel has already left our warehouse, so we can't change the address ourselves any more. I've asked {carrier} to redirect it, which usually works – I'll let you know as soon as they confirm.`,
            follow: 'OK, fingers crossed. Please let me know either way.',
            close: '{carrier} has confirmed the redirect – the parcel will be delivered to the new address, one day later than planned. The tracking will update tonight.',
          },
        ],
        notes: ['Order was still in the picking queue – changed the address in the WMS before packing.', 'Redirect requested in the {carrier} business portal, ref {ref}.'],
      },
      pl: {
        subjects: ['Zmiana adresu dostawy – zamówienie {order}', 'Błędny adres w zamówieniu'],
        opens: [
          'Właśnie złożył{am|em} zamówienie nr {order} i zauważył{am|em}, że idzie na stary adres. Czy można zmienić go na {address}, zanim paczka zostanie wysłana?',
          'Czy da się zmienić adres dostawy w zamówieniu {order}? Cały tydzień będę w pracy, więc wolał{abym|bym} odebrać paczkę z paczkomatu.',
          'Literówka w adresie! W zamówieniu {order} wpisał{am|em} mieszkanie 12 zamiast 21.',
        ],
        paths: [
          {
            reply: 'Zdążyliśmy w ostatniej chwili – zamówienie nie było jeszcze spakowane, więc zmienił{am|em} adres dostawy. Za kilka minut przyjdzie nowe potwierdzenie; czy może [Pani|Pan] sprawdzić, czy wszystko się zgadza?',
            follow: 'Nowe potwierdzenie przyszło, adres jest teraz dobry. Dziękuję!',
            close: 'Świetnie, dziękuję za sprawdzenie! Zamówienie wyjedzie dziś z poprawionym adresem.',
          },
          {
            reply: 'Niestety paczka wyjechała już z magazynu, więc sami nie możemy zmienić adresu. Poprosił{am|em} przewoźnika ({carrier}) o przekierowanie przesyłki – zwykle się to udaje. Dam znać, jak tylko potwierdzą.',
            follow: 'Dobrze, trzymam kciuki. Proszę dać znać tak czy inaczej.',
            close: 'Przewoźnik ({carrier}) potwierdził przekierowanie – paczka zostanie doręczona na nowy adres, dzień później niż planowano. Status w śledzeniu zaktualizuje się wieczorem.',
          },
        ],
        notes: ['Zamówienie było jeszcze w kolejce kompletacji – zmieniony adres w WMS przed pakowaniem.', 'Przekierowanie zlecone w panelu biznesowym przewoźnika ({carrier}), nr {ref}.'],
      },
      fi: {
        subjects: ['Toimitusosoitteen muutos, tilaus {order}', 'Väärä osoite tilauksessa'],
        opens: [
          'Tein juuri tilauksen {order} ja huomasin, että se on menossa vanhaan osoitteeseeni. Voitteko vaihtaa osoitteeksi {address} ennen lähetystä?',
          'Voiko tilauksen {order} toimitusosoitetta vielä muuttaa? Olen koko viikon töissä, joten haluaisin paketin mieluummin pakettiautomaattiin.',
          'Osoitteessani on kirjoitusvirhe! Kirjoitin tilaukseen {order} asunnon numeroksi 12, vaikka oikea on 21.',
        ],
        paths: [
          {
            reply: 'Ehdimme juuri ajoissa – tilausta ei ollut vielä pakattu, joten päivitin toimitusosoitteen. Saat muutaman minuutin päästä uuden tilausvahvistuksen; voisitko tarkistaa sen, kun se tulee?',
            follow: 'Uusi vahvistus tuli ja osoite on nyt oikein. Kiitos!',
            close: 'Loistavaa, kiitos tarkistuksesta! Tilaus lähtee tänään korjatulla osoitteella.',
          },
          {
            reply: 'Valitettavasti paketti on jo lähtenyt varastoltamme, joten emme voi enää itse muuttaa osoitetta. Pyysin kuljetusyhtiötä ({carrier}) ohjaamaan paketin uudelleen, mikä yleensä onnistuu – ilmoitan heti, kun he vahvistavat.',
            follow: 'Okei, pidetään peukkuja. Kerro joka tapauksessa, miten kävi.',
            close: 'Kuljetusyhtiö ({carrier}) vahvisti uudelleenohjauksen – paketti toimitetaan uuteen osoitteeseen päivää suunniteltua myöhemmin. Seuranta päivittyy tänä iltana.',
          },
        ],
        notes: ['Tilaus oli vielä keräilyjonossa – osoite vaihdettu varastojärjestelmään ennen pakkausta.', 'Uudelleenohjaus pyydetty kuljetusyhtiön yritysportaalista ({carrier}), viite {ref}.'],
      },
      da: {
        subjects: ['Ændring af leveringsadresse – ordre {order}', 'Forkert adresse på min ordre'],
        opens: [
          'Jeg har lige lagt ordre {order} og kan se, at den skal til min gamle adresse. Kan I ændre den til {address}, inden den bliver sendt?',
          'Kan man ændre leveringsadressen på ordre {order}? Jeg er på arbejde hele ugen, så jeg vil hellere have den sendt til en pakkeboks.',
          'Tastefejl i min adresse! Jeg skrev 2. tv. i stedet for 2. th. på ordre {order}.',
        ],
        paths: [
          {
            reply: 'Lige i sidste øjeblik – ordren var ikke pakket endnu, så jeg har rettet leveringsadressen. Du får en ny ordrebekræftelse om et par minutter; vil du tjekke den, når den kommer?',
            follow: 'Har fået den nye bekræftelse, og adressen ser rigtig ud nu. Tak!',
            close: 'Perfekt, tak fordi du tjekkede! Ordren bliver sendt i dag med den rettede adresse.',
          },
          {
            reply: 'Desværre har pakken allerede forladt vores lager, så vi kan ikke selv ændre adressen længere. Jeg har bedt {carrier} om at omdirigere den, hvilket som regel lykkes – jeg giver besked, så snart de bekræfter.',
            follow: 'Okay, krydser fingre. Giv mig besked under alle omstændigheder.',
            close: '{carrier} har bekræftet omdirigeringen – pakken bliver leveret til den nye adresse, en dag senere end planlagt. Sporingen bliver opdateret i aften.',
          },
        ],
        notes: ['Ordren lå stadig i plukkekøen – adressen er ændret i lagersystemet før pakning.', 'Omdirigering bestilt i erhvervsportalen hos {carrier}, ref. {ref}.'],
      },
    },
  },
  {
    key: 'double_charge',
    labels: ['billing', 'refund'],
    priority: 'high',
    weight: { email: 2, chat: 1.5, form: 1.5 },
    text: {
      en: {
        subjects: ['Charged twice for order #{order}', 'Double payment'],
        opens: [
          `I've been charged twice for order #{order} – two payments of {amount} on my card statement. Please refund the duplicate.`,
          'My bank app shows two identical payments to Nordvik today. I only placed one order (#{order}). What happened?',
          `The first payment failed with an error, so I paid again – now both went through and I've paid {amount} twice.`,
        ],
        paths: [
          {
            reply: `Sorry about this! I can see two payments for order #{order}; the second one is a duplicate caused by a timeout at checkout. I've refunded {amount} just now – it will be back on your card within 3–5 working days.`,
            follow: 'Thanks for sorting it so quickly.',
            close: `You're welcome! I've also reported the checkout timeout to our developers so it doesn't happen again.`,
          },
          {
            reply: `I've looked into it: only one payment was actually captured. The second one is a pending authorisation that your bank will release automatically within 5–7 days. Could you send a screenshot if it still shows as charged after that?`,
            follow: 'It still shows as two payments in my banking app. Screenshot attached.',
            close: `Thanks for the screenshot – you're right, both payments were captured. I've refunded the duplicate ({amount}), reference {ref}. Sorry for the confusion!`,
          },
        ],
        notes: ['Payment dashboard: two captures 14 s apart, same card. Refunded the second one.', 'Another double charge after the checkout timeout – added to the bug ticket.'],
      },
      pl: {
        subjects: ['Podwójne obciążenie karty', 'Dwa razy pobrana płatność za zamówienie {order}'],
        opens: [
          'Za zamówienie nr {order} został{am|em} obciążon{a|y} dwukrotnie – na wyciągu widzę dwie płatności po {amount}. Proszę o zwrot jednej z nich.',
          'W aplikacji banku widzę dziś dwie identyczne płatności dla Nordvik. Złożył{am|em} tylko jedno zamówienie ({order}). Co się stało?',
          'Pierwsza płatność zakończyła się błędem, więc zapłacił{am|em} jeszcze raz – a teraz przeszły obie i zapłacił{am|em} dwa razy po {amount}.',
        ],
        paths: [
          {
            reply: 'Bardzo przepraszamy! Widzę dwie płatności za zamówienie {order}; druga to duplikat spowodowany przekroczeniem czasu przy płatności. Właśnie zlecił{am|em} zwrot {amount} – pieniądze wrócą na kartę w ciągu 3–5 dni roboczych.',
            follow: 'Dziękuję za tak szybkie załatwienie sprawy.',
            close: 'Nie ma za co! Zgłosił{am|em} też problem z płatnością naszym programistom, żeby się nie powtórzył.',
          },
          {
            reply: 'Sprawdził{am|em} to: faktycznie pobrana została tylko jedna płatność. Druga to blokada autoryzacyjna, którą bank zwolni automatycznie w ciągu 5–7 dni. Gdyby potem nadal była widoczna, proszę przesłać zrzut ekranu.',
            follow: 'W aplikacji banku nadal widzę dwie płatności. Przesyłam zrzut ekranu.',
            close: 'Dziękuję za zrzut ekranu – rzeczywiście pobrano obie płatności. Zlecił{am|em} zwrot duplikatu ({amount}), numer referencyjny {ref}. Przepraszamy za zamieszanie!',
          },
        ],
        notes: ['Panel płatności: dwa obciążenia w odstępie 14 s, ta sama karta. Zwrócone drugie.', 'Kolejne podwójne obciążenie po timeoucie w kasie – dopisane do zgłoszenia błędu.'],
      },
      fi: {
        subjects: ['Veloitettu kahdesti', 'Tilauksesta {order} veloitettiin kaksi kertaa'],
        opens: [
          'Tilauksestani {order} on veloitettu kahdesti – tiliotteella näkyy kaksi samansuuruista veloitusta ({amount}). Palauttakaa ylimääräinen veloitus.',
          'Pankkisovelluksessa näkyy tänään kaksi samanlaista maksua Nordvikille. Tein vain yhden tilauksen ({order}). Mitä tapahtui?',
          'Ensimmäinen maksu päättyi virheeseen, joten maksoin uudelleen – nyt molemmat menivät läpi ja olen maksanut {amount} kahteen kertaan.',
        ],
        paths: [
          {
            reply: 'Pahoittelut tästä! Näen tilaukselle {order} kaksi maksua; jälkimmäinen on kassan aikakatkaisun aiheuttama tuplaveloitus. Hyvitin juuri {amount} – summa palautuu kortillesi 3–5 arkipäivän kuluessa.',
            follow: 'Kiitos, että hoiditte asian näin nopeasti.',
            close: 'Ole hyvä! Ilmoitin kassan aikakatkaisusta myös kehittäjillemme, jotta sama ei toistu.',
          },
          {
            reply: 'Tarkistin asian: vain yksi maksu on oikeasti veloitettu. Toinen on katevaraus, jonka pankkisi vapauttaa automaattisesti 5–7 päivän kuluessa. Jos se näkyy sen jälkeenkin veloitettuna, lähetäthän kuvakaappauksen?',
            follow: 'Pankkisovelluksessa näkyy yhä kaksi maksua. Kuvakaappaus liitteenä.',
            close: 'Kiitos kuvakaappauksesta – olet oikeassa, molemmat maksut oli veloitettu. Hyvitin tuplaveloituksen ({amount}), viite {ref}. Pahoittelut sekaannuksesta!',
          },
        ],
        notes: ['Maksupalvelun näkymä: kaksi veloitusta 14 s välein, sama kortti. Jälkimmäinen hyvitetty.', 'Taas tuplaveloitus kassan aikakatkaisun jälkeen – lisätty bugitikettiin.'],
      },
      da: {
        subjects: ['Trukket to gange for ordre {order}', 'Dobbelt betaling'],
        opens: [
          'Jeg er blevet trukket to gange for ordre {order} – to betalinger på {amount} på min kontoudskrift. Refundér venligst den dobbelte betaling.',
          'Min bank-app viser to ens betalinger til Nordvik i dag. Jeg har kun lagt én ordre ({order}). Hvad er der sket?',
          'Den første betaling fejlede, så jeg betalte igen – nu er begge gået igennem, og jeg har betalt {amount} to gange.',
        ],
        paths: [
          {
            reply: 'Det beklager jeg! Jeg kan se to betalinger for ordre {order}; den anden er en dobbeltbetaling forårsaget af en timeout ved kassen. Jeg har netop refunderet {amount} – pengene er tilbage på dit kort inden for 3–5 hverdage.',
            follow: 'Tak fordi I løste det så hurtigt.',
            close: 'Det var så lidt! Jeg har også meldt timeouten ved kassen til vores udviklere, så det ikke sker igen.',
          },
          {
            reply: 'Jeg har undersøgt det: Kun én betaling er faktisk trukket. Den anden er en reservation, som din bank automatisk frigiver inden for 5–7 dage. Vil du sende et skærmbillede, hvis den stadig står som trukket efter det?',
            follow: 'Der står stadig to betalinger i min bank-app. Skærmbillede vedhæftet.',
            close: 'Tak for skærmbilledet – du har ret, begge betalinger var trukket. Jeg har refunderet den dobbelte betaling ({amount}), reference {ref}. Undskyld forvirringen!',
          },
        ],
        notes: ['Betalingsoversigt: to træk med 14 sekunders mellemrum, samme kort. Den anden er refunderet.', 'Endnu en dobbeltbetaling efter timeout ved kassen – tilføjet til fejlsagen.'],
      },
    },
  },
  {
    key: 'cancel_subscription',
    labels: ['billing'],
    priority: 'normal',
    weight: { email: 2, chat: 1.5, form: 1 },
    fits: [[0, 1], [2]],
    text: {
      en: {
        subjects: ['Cancel Nordvik Plus', 'How do I cancel my subscription?'],
        opens: [
          `Please cancel my Nordvik Plus membership. I don't use the free shipping enough any more.`,
          `How do I cancel my subscription? I can't find the button anywhere in the app.`,
          'I cancelled Nordvik Plus last month but was still charged {price} this month. Please cancel it properly and refund the charge.',
        ],
        paths: [
          {
            reply: `I've cancelled your Nordvik Plus membership. You keep the benefits until the end of the current billing period, and you won't be charged again. Is there anything we could have done better?`,
            follow: `No, it's fine – I just don't order that often any more. Thanks.`,
            close: 'Understood, thanks for the feedback! If you change your mind, you can restart Plus any time under Account → Membership.',
          },
          {
            reply: `Sorry – the cancellation didn't go through because of an error on our side. I've cancelled the membership now and refunded this month's {price}. Would you like a confirmation by email as well?`,
            follow: 'Yes please, send it to {email}.',
            close: 'Done – the confirmation has been sent to {email}. The refund should reach your account within 3–5 working days.',
          },
        ],
        notes: ['Cancellation from last month failed silently (known bug in the old app). Refunded.', 'Offered 3 months at half price – declined.'],
      },
      pl: {
        subjects: ['Rezygnacja z Nordvik Plus', 'Jak anulować subskrypcję?'],
        opens: [
          'Proszę o anulowanie mojego członkostwa Nordvik Plus. Za rzadko korzystam już z darmowej dostawy.',
          'Jak zrezygnować z subskrypcji? Nigdzie w aplikacji nie mogę znaleźć tego przycisku.',
          'W zeszłym miesiącu zrezygnował{am|em} z Nordvik Plus, a w tym i tak pobrano ode mnie {price}. Proszę o skuteczne anulowanie i zwrot opłaty.',
        ],
        paths: [
          {
            reply: 'Anulował{am|em} członkostwo Nordvik Plus. Korzyści pozostają aktywne do końca bieżącego okresu rozliczeniowego i nie pobierzemy już kolejnych opłat. Czy moglibyśmy coś zrobić lepiej?',
            follow: 'Nie, wszystko w porządku – po prostu rzadziej zamawiam. Dziękuję.',
            close: 'Rozumiem, dziękuję za opinię! Gdyby [Pani|Pan] zmienił[a|] zdanie, Plus można włączyć ponownie w dowolnym momencie w zakładce Konto → Członkostwo.',
          },
          {
            reply: 'Przepraszamy – rezygnacja nie została zapisana z powodu błędu po naszej stronie. Anulował{am|em} już członkostwo i zwrócił{am|em} opłatę za ten miesiąc ({price}). Czy wysłać także potwierdzenie mailem?',
            follow: 'Tak, poproszę na {email}.',
            close: 'Gotowe – potwierdzenie zostało wysłane na {email}. Zwrot powinien pojawić się na koncie w ciągu 3–5 dni roboczych.',
          },
        ],
        notes: ['Rezygnacja z zeszłego miesiąca nie zapisała się (znany błąd starej aplikacji). Zwrot zlecony.', 'Zaproponował{am|em} 3 miesiące za pół ceny – odmowa.'],
      },
      fi: {
        subjects: ['Nordvik Plus -jäsenyyden peruutus', 'Miten peruutan jäsenyyden?'],
        opens: [
          'Haluan peruuttaa Nordvik Plus -jäsenyyteni. En käytä ilmaisia toimituksia enää tarpeeksi.',
          'Miten peruutan jäsenyyden? En löydä sovelluksesta peruutusnappia mistään.',
          'Peruutin Nordvik Plussan jo viime kuussa, mutta minulta veloitettiin silti {price} tässä kuussa. Peruuttakaa jäsenyys kunnolla ja palauttakaa veloitus.',
        ],
        paths: [
          {
            reply: 'Peruutin Nordvik Plus -jäsenyytesi. Edut ovat voimassa kuluvan laskutuskauden loppuun, eikä uusia veloituksia tule. Olisimmeko voineet tehdä jotain paremmin?',
            follow: 'Ei, kaikki hyvin – tilaan vain harvemmin nykyään. Kiitos.',
            close: 'Selvä, kiitos palautteesta! Jos muutat mielesi, voit aloittaa Plussan uudelleen milloin tahansa kohdassa Tili → Jäsenyys.',
          },
          {
            reply: 'Pahoittelut – peruutus ei mennyt läpi meidän päässämme olleen virheen vuoksi. Peruutin jäsenyyden nyt ja hyvitin tämän kuun maksun ({price}). Haluatko vahvistuksen myös sähköpostiin?',
            follow: 'Kyllä kiitos, osoitteeseen {email}.',
            close: 'Tehty – vahvistus on lähetetty osoitteeseen {email}. Hyvityksen pitäisi näkyä tililläsi 3–5 arkipäivän kuluessa.',
          },
        ],
        notes: ['Viime kuun peruutus ei tallentunut (tunnettu vika vanhassa sovelluksessa). Hyvitetty.', 'Tarjosin 3 kuukautta puoleen hintaan – ei kiinnostanut.'],
      },
      da: {
        subjects: ['Opsigelse af Nordvik Plus', 'Hvordan opsiger jeg mit abonnement?'],
        opens: [
          'Jeg vil gerne opsige mit Nordvik Plus-medlemskab. Jeg bruger ikke den gratis fragt nok længere.',
          'Hvordan opsiger jeg mit abonnement? Jeg kan ikke finde knappen nogen steder i appen.',
          'Jeg opsagde Nordvik Plus sidste måned, men er alligevel blevet trukket {price} denne måned. Opsig det venligst ordentligt og refundér beløbet.',
        ],
        paths: [
          {
            reply: 'Jeg har opsagt dit Nordvik Plus-medlemskab. Du beholder fordelene til udgangen af den nuværende betalingsperiode, og du bliver ikke trukket igen. Er der noget, vi kunne have gjort bedre?',
            follow: 'Nej, det er fint – jeg bestiller bare ikke så tit længere. Tak.',
            close: 'Forstået, tak for tilbagemeldingen! Hvis du fortryder, kan du altid starte Plus igen under Konto → Medlemskab.',
          },
          {
            reply: 'Beklager – opsigelsen gik ikke igennem på grund af en fejl hos os. Jeg har opsagt medlemskabet nu og refunderet denne måneds {price}. Vil du også have en bekræftelse på mail?',
            follow: 'Ja tak, send den til {email}.',
            close: 'Klaret – bekræftelsen er sendt til {email}. Refusionen burde være på din konto inden for 3–5 hverdage.',
          },
        ],
        notes: ['Opsigelsen fra sidste måned blev ikke gemt (kendt fejl i den gamle app). Refunderet.', 'Tilbød 3 måneder til halv pris – takkede nej.'],
      },
    },
  },
  {
    key: 'wrong_item',
    labels: ['shipping', 'returns'],
    priority: 'normal',
    weight: { email: 2, chat: 1, form: 2 },
    fits: [[0, 1, 2], [0, 2]],
    text: {
      en: {
        subjects: ['Wrong item received', 'Wrong size – order #{order}'],
        opens: [
          'Order #{order} ({product}) arrived, but the parcel contained something completely different – a set of kitchen towels. Can you send the right item?',
          `Order #{order} arrived but it's the wrong size – I ordered an M and got an XS. How do I exchange it?`,
          `I think I got someone else's order. The packing slip has a different name on it. My order number is #{order}.`,
        ],
        paths: [
          {
            reply: `I'm sorry about the mix-up! I've sent the correct item today by express delivery, and emailed you a free return label for the wrong one – there's no rush to send it back.`,
            follow: 'Thank you! Does the return label work at any drop-off point?',
            close: 'Yes, you can drop it at any {carrier} point – just show the QR code from the email, no printing needed.',
          },
          {
            reply: 'Sorry about that – it looks like two orders were swapped at packing. Could you send me a photo of the packing slip so I can find the right parcel?',
            follow: `Here's the photo of the slip.`,
            close: 'Thanks! I found the swap. Your items have been sent out today, and there\'s a free return label for what you received in your order email.',
          },
        ],
        notes: ['Packing error at station 4 – reported to the warehouse lead.', 'Warehouse confirms two orders packed at the same time were swapped.'],
      },
      pl: {
        subjects: ['Błędny produkt w paczce', 'Zły rozmiar – zamówienie {order}'],
        opens: [
          'W zamówieniu nr {order} ({product}) przyszło coś zupełnie innego – komplet ścierek kuchennych. Czy mogą Państwo wysłać właściwy produkt?',
          'Zamówienie {order} dotarło, ale w złym rozmiarze – zamawiał{am|em} M, a przyszło XS. Jak mogę je wymienić?',
          'Chyba dostał{am|em} cudze zamówienie. Na dowodzie dostawy jest inne nazwisko. Mój numer zamówienia to {order}.',
        ],
        paths: [
          {
            reply: 'Przepraszamy za pomyłkę! Właściwy produkt wysłał{am|em} dziś przesyłką ekspresową, a na maila przyszła darmowa etykieta zwrotna na błędny towar – z odesłaniem nie trzeba się spieszyć.',
            follow: 'Dziękuję! Czy etykieta zwrotna działa w każdym punkcie nadania?',
            close: 'Tak, paczkę można nadać w dowolnym punkcie przewoźnika ({carrier}) – wystarczy pokazać kod QR z maila, nie trzeba niczego drukować.',
          },
          {
            reply: 'Przepraszamy – wygląda na to, że przy pakowaniu zamieniono dwa zamówienia. Czy może [Pani|Pan] przesłać zdjęcie dowodu dostawy? Dzięki temu znajdę właściwą paczkę.',
            follow: 'Przesyłam zdjęcie dowodu dostawy.',
            close: 'Dziękuję! Znalazł{am|em} zamianę. [Pani|Pana] produkty zostały dziś wysłane, a darmowa etykieta zwrotna na otrzymany towar jest w mailu z zamówieniem.',
          },
        ],
        notes: ['Błąd pakowania na stanowisku 4 – zgłoszone kierownikowi magazynu.', 'Magazyn potwierdza zamianę dwóch zamówień pakowanych w tym samym czasie.'],
      },
      fi: {
        subjects: ['Väärä tuote paketissa', 'Väärä koko – tilaus {order}'],
        opens: [
          'Tilauksessa {order} ({product}) tuli jotain ihan muuta – keittiöpyyhesetti. Voisitteko lähettää oikean tuotteen?',
          'Tilaus {order} tuli, mutta koko on väärä – tilasin M-koon ja sain XS:n. Miten voin vaihtaa sen?',
          'Taisin saada jonkun toisen tilauksen. Lähetteessä on eri nimi. Oma tilausnumeroni on {order}.',
        ],
        paths: [
          {
            reply: 'Pahoittelut sekaannuksesta! Lähetin oikean tuotteen tänään pikatoimituksena, ja sähköpostiisi tuli maksuton palautuslappu väärälle tuotteelle – palautuksella ei ole kiire.',
            follow: 'Kiitos! Käykö palautuslappu missä tahansa noutopisteessä?',
            close: 'Kyllä, voit jättää paketin mihin tahansa kuljetusyhtiön ({carrier}) pisteeseen – näytä vain sähköpostin QR-koodi, mitään ei tarvitse tulostaa.',
          },
          {
            reply: 'Pahoittelut – näyttää siltä, että kaksi tilausta on mennyt pakatessa sekaisin. Voisitko lähettää kuvan lähetteestä, niin löydän oikean paketin?',
            follow: 'Tässä kuva lähetteestä.',
            close: 'Kiitos! Löysin vaihdon. Omat tuotteesi lähtivät tänään, ja maksuton palautuslappu saamillesi tuotteille on tilausvahvistuksesi sähköpostissa.',
          },
        ],
        notes: ['Pakkausvirhe pisteellä 4 – ilmoitettu varaston esihenkilölle.', 'Varasto vahvistaa, että kaksi samaan aikaan pakattua tilausta meni sekaisin.'],
      },
      da: {
        subjects: ['Har fået en forkert vare', 'Forkert størrelse – ordre {order}'],
        opens: [
          'I ordre {order} ({product}) var der noget helt andet i pakken – et sæt viskestykker. Kan I sende den rigtige vare?',
          'Ordre {order} er kommet, men i forkert størrelse – jeg bestilte M og fik XS. Hvordan bytter jeg den?',
          'Jeg tror, jeg har fået en andens ordre. Der står et andet navn på følgesedlen. Mit ordrenummer er {order}.',
        ],
        paths: [
          {
            reply: 'Undskyld forvekslingen! Jeg har sendt den rigtige vare i dag med ekspreslevering, og du har fået en gratis returlabel på mail til den forkerte – der er ingen hast med at sende den retur.',
            follow: 'Tak! Virker returlabelen i alle pakkeshops?',
            close: 'Ja, du kan aflevere den i enhver pakkeshop hos {carrier} – vis bare QR-koden fra mailen, der skal ikke printes noget.',
          },
          {
            reply: 'Det beklager vi – det ser ud til, at to ordrer er blevet byttet om ved pakningen. Vil du sende et billede af følgesedlen, så jeg kan finde den rigtige pakke?',
            follow: 'Her er et billede af følgesedlen.',
            close: 'Tak! Jeg har fundet ombytningen. Dine varer er sendt i dag, og der ligger en gratis returlabel til det, du modtog, i din ordremail.',
          },
        ],
        notes: ['Pakkefejl ved station 4 – meldt til lagerchefen.', 'Lageret bekræfter, at to ordrer pakket samtidig blev byttet om.'],
      },
    },
  },
  {
    key: 'discount_code',
    labels: ['promo'],
    priority: 'low',
    weight: { email: 1, chat: 3, form: 1 },
    fits: [[0], [1], [2]],
    text: {
      en: {
        subjects: ['Discount code not working', 'Code {code} says invalid'],
        opens: [
          'The code {code} from your newsletter says "invalid" at checkout. It should be valid until Sunday.',
          `I tried to use {code}, but the discount isn't applied to the sale items in my basket. Is that right?`,
          'I forgot to enter my discount code ({code}) before paying for order #{order}. Can you still apply it?',
        ],
        paths: [
          {
            reply: `Thanks for letting us know! The code was set up incorrectly on our side – I've fixed it, so it should work now. Could you give it another try?`,
            follow: 'Yes, it works now. Thanks!',
            close: 'Great – enjoy your order, and thanks for helping us spot that!',
          },
          {
            reply: `Newsletter codes don't apply to items that are already reduced – it's in the small print, but I agree it's easy to miss. As a goodwill gesture I've added a 10% voucher to your account that works on sale items too.`,
            follow: `Oh, that's kind. Where do I find the voucher?`,
            close: `It's under Account → Vouchers and is applied automatically at checkout. It's valid for 30 days.`,
          },
          {
            reply: `No problem – I've applied the {code} discount to order #{order} retroactively. The difference will be back on your card within 3–5 working days.`,
            follow: 'Perfect, thank you! Can I use the code again on my next order?',
            close: `I'm afraid the codes are one per customer, but there's a new one in the newsletter every month. Happy shopping!`,
          },
        ],
        notes: ['Code was set to exclude sale items by mistake – marketing has fixed it.', 'Goodwill voucher added (10%), expires in 30 days.'],
      },
      pl: {
        subjects: ['Kod rabatowy nie działa', 'Kod {code} jest nieprawidłowy'],
        opens: [
          'Kod {code} z newslettera przy kasie pokazuje się jako „nieprawidłowy”. Powinien być ważny do niedzieli.',
          'Próbował{am|em} użyć kodu {code}, ale rabat nie nalicza się na produkty z wyprzedaży w koszyku. Czy tak ma być?',
          'Zapomniał{am|em} wpisać kod rabatowy ({code}) przed zapłaceniem za zamówienie {order}. Czy można go jeszcze uwzględnić?',
        ],
        paths: [
          {
            reply: 'Dziękujemy za sygnał! Kod był błędnie skonfigurowany po naszej stronie – już go poprawił{am|em}, więc powinien działać. Czy może [Pani|Pan] spróbować jeszcze raz?',
            follow: 'Tak, teraz działa. Dziękuję!',
            close: 'Świetnie – udanych zakupów i dziękujemy za zgłoszenie!',
          },
          {
            reply: 'Kody z newslettera nie obejmują produktów już przecenionych – jest to w regulaminie promocji, ale rzeczywiście łatwo to przeoczyć. W ramach przeprosin dodał{am|em} do konta bon 10%, który działa także na wyprzedaż.',
            follow: 'O, to miłe. Gdzie znajdę ten bon?',
            close: 'Jest w zakładce Konto → Bony i nalicza się automatycznie przy kasie. Jest ważny 30 dni.',
          },
          {
            reply: 'Nie ma problemu – naliczył{am|em} rabat z kodu {code} do zamówienia {order} z mocą wsteczną. Różnica wróci na kartę w ciągu 3–5 dni roboczych.',
            follow: 'Super, dziękuję! Czy mogę użyć tego kodu jeszcze raz przy kolejnym zamówieniu?',
            close: 'Niestety kod można wykorzystać tylko raz, ale w każdym miesięcznym newsletterze jest nowy. Udanych zakupów!',
          },
        ],
        notes: ['Kod przez pomyłkę wykluczał wyprzedaż – marketing już poprawił.', 'Dodany bon 10% w ramach przeprosin, ważny 30 dni.'],
      },
      fi: {
        subjects: ['Alennuskoodi ei toimi', 'Koodi {code} ei kelpaa'],
        opens: [
          'Uutiskirjeen koodi {code} näkyy kassalla ”virheellisenä”. Sen pitäisi olla voimassa sunnuntaihin asti.',
          'Yritin käyttää koodia {code}, mutta alennus ei koske ostoskorin alennustuotteita. Onko tämä oikein?',
          'Unohdin syöttää alennuskoodin ({code}) ennen kuin maksoin tilauksen {order}. Voiko sen vielä lisätä jälkikäteen?',
        ],
        paths: [
          {
            reply: 'Kiitos, kun kerroit! Koodi oli määritetty meillä väärin – korjasin sen, joten sen pitäisi nyt toimia. Voisitko kokeilla uudelleen?',
            follow: 'Nyt toimii, kiitos!',
            close: 'Hienoa – mukavia ostoshetkiä, ja kiitos, että huomasit virheen!',
          },
          {
            reply: 'Uutiskirjeen koodit eivät koske jo alennettuja tuotteita – tämä lukee kampanjan ehdoissa, mutta se on kyllä helppo ohittaa. Lisäsin tilillesi hyvityksenä 10 %:n lahjakoodin, joka toimii myös alennustuotteisiin.',
            follow: 'Kiva, kiitos. Mistä löydän sen?',
            close: 'Se on kohdassa Tili → Edut ja vähennetään automaattisesti kassalla. Koodi on voimassa 30 päivää.',
          },
          {
            reply: 'Ei hätää – lisäsin koodin {code} alennuksen tilaukseen {order} jälkikäteen. Erotus palautuu kortillesi 3–5 arkipäivän kuluessa.',
            follow: 'Loistavaa, kiitos! Voinko käyttää koodia uudelleen seuraavassa tilauksessa?',
            close: 'Valitettavasti koodia voi käyttää vain kerran, mutta uutiskirjeessä on joka kuukausi uusi koodi. Mukavia ostoshetkiä!',
          },
        ],
        notes: ['Koodi rajasi vahingossa alennustuotteet pois – markkinointi korjasi.', 'Lisätty 10 %:n hyvityskoodi, voimassa 30 päivää.'],
      },
      da: {
        subjects: ['Rabatkoden virker ikke', 'Koden {code} er ugyldig'],
        opens: [
          'Koden {code} fra jeres nyhedsbrev står som "ugyldig" ved kassen. Den skulle gælde til og med søndag.',
          'Jeg prøvede at bruge {code}, men rabatten bliver ikke trukket fra på udsalgsvarerne i min kurv. Er det rigtigt?',
          'Jeg glemte at indtaste min rabatkode ({code}), før jeg betalte for ordre {order}. Kan den stadig nå at blive brugt?',
        ],
        paths: [
          {
            reply: 'Tak fordi du sagde til! Koden var sat forkert op hos os – jeg har rettet den, så den burde virke nu. Vil du prøve igen?',
            follow: 'Ja, nu virker den. Tak!',
            close: 'Dejligt – god fornøjelse med ordren, og tak fordi du gjorde os opmærksom på det!',
          },
          {
            reply: 'Koderne fra nyhedsbrevet gælder ikke varer, der allerede er nedsat – det står med småt, men jeg er enig i, at det er let at overse. Som plaster på såret har jeg lagt en rabatkupon på 10 % på din konto, som også virker på udsalgsvarer.',
            follow: 'Hvor sødt. Hvor finder jeg kuponen?',
            close: 'Den ligger under Konto → Kuponer og bliver trukket fra automatisk ved kassen. Den gælder i 30 dage.',
          },
          {
            reply: 'Intet problem – jeg har givet rabatten fra {code} på ordre {order} med tilbagevirkende kraft. Forskellen er tilbage på dit kort inden for 3–5 hverdage.',
            follow: 'Perfekt, tak! Kan jeg bruge koden igen på min næste ordre?',
            close: 'Koderne kan desværre kun bruges én gang pr. kunde, men der er en ny i nyhedsbrevet hver måned. God fornøjelse med shoppingen!',
          },
        ],
        notes: ['Koden udelukkede ved en fejl udsalgsvarer – marketing har rettet det.', 'Kompensationskupon på 10 % tilføjet, udløber om 30 dage.'],
      },
    },
  },
  {
    key: 'return_request',
    labels: ['returns'],
    priority: 'normal',
    weight: { email: 2, chat: 1.5, form: 2 },
    fits: [[0, 2], [1]],
    text: {
      en: {
        subjects: ['Return for order #{order}', 'How do I return an item?'],
        opens: [
          `I'd like to return an item from order #{order} ({product}). It's unused and still in the original box. How do I do that?`,
          'The returns page says my order is "not eligible", but I only received it 10 days ago. Order #{order}.',
          'Can I return just one item from my order, or do I have to send everything back?',
        ],
        paths: [
          {
            reply: `Of course! You can return single items within 30 days. I've created a return for you and emailed the prepaid label – just pack the item and drop it at any {carrier} point.`,
            follow: 'Got the label, thanks. How long does the refund take once you receive it?',
            close: `We process returns within 2 working days of receiving them, and the refund then takes 3–5 working days to reach your account. You'll get an email at each step.`,
          },
          {
            reply: `Thanks for pointing that out – the returns page was counting from the order date instead of the delivery date. I've registered the return manually; the prepaid label is in your inbox.`,
            follow: `Perfect, it's packed and I'll drop it off tomorrow.`,
            close: `Great – we'll email you as soon as it arrives at our warehouse and the refund is on its way.`,
          },
        ],
        notes: ['Return window counted from the order date – known issue, ticket {ref}.', 'Item is final sale, but making an exception – first return in 3 years of orders.'],
      },
      pl: {
        subjects: ['Zwrot zamówienia {order}', 'Jak zwrócić produkt?'],
        opens: [
          'Chciał{abym|bym} zwrócić produkt z zamówienia nr {order} ({product}). Jest nieużywany, w oryginalnym opakowaniu. Jak to zrobić?',
          'Na stronie zwrotów wyświetla się, że moje zamówienie „nie kwalifikuje się do zwrotu”, a otrzymał{am|em} je dopiero 10 dni temu. Zamówienie {order}.',
          'Czy mogę zwrócić tylko jeden produkt z zamówienia, czy muszę odesłać wszystko?',
        ],
        paths: [
          {
            reply: 'Oczywiście! Pojedyncze produkty można zwrócić w ciągu 30 dni. Utworzył{am|em} zwrot i wysłał{am|em} mailem opłaconą etykietę – wystarczy zapakować produkt i nadać go w dowolnym punkcie przewoźnika ({carrier}).',
            follow: 'Etykieta dotarła, dziękuję. Ile trwa zwrot pieniędzy po otrzymaniu paczki?',
            close: 'Zwroty rozpatrujemy w ciągu 2 dni roboczych od otrzymania paczki, a przelew dociera potem w 3–5 dni roboczych. Na każdym etapie przyjdzie mail z informacją.',
          },
          {
            reply: 'Dziękujemy za zgłoszenie – strona zwrotów liczyła termin od daty zamówienia zamiast od daty doręczenia. Zarejestrował{am|em} zwrot ręcznie, opłacona etykieta jest już w skrzynce mailowej.',
            follow: 'Świetnie, paczka spakowana, jutro ją nadam.',
            close: 'Super – damy znać mailem, jak tylko paczka dotrze do magazynu i zlecimy zwrot pieniędzy.',
          },
        ],
        notes: ['Termin zwrotu liczony od daty zamówienia – znany błąd, zgłoszenie {ref}.', 'Produkt z wyprzedaży końcowej, ale robimy wyjątek – pierwszy zwrot po 3 latach zamówień.'],
      },
      fi: {
        subjects: ['Palautus, tilaus {order}', 'Miten palautan tuotteen?'],
        opens: [
          'Haluaisin palauttaa tuotteen tilauksesta {order} ({product}). Se on käyttämätön ja alkuperäisessä pakkauksessa. Miten toimin?',
          'Palautussivulla lukee, että tilaukseni ”ei ole palautuskelpoinen”, vaikka sain sen vasta 10 päivää sitten. Tilaus {order}.',
          'Voinko palauttaa vain yhden tuotteen tilauksesta, vai pitääkö koko tilaus lähettää takaisin?',
        ],
        paths: [
          {
            reply: 'Totta kai! Yksittäisiä tuotteita voi palauttaa 30 päivän ajan. Tein sinulle palautuksen ja lähetin maksetun palautuslapun sähköpostiisi – pakkaa vain tuote ja jätä se mihin tahansa kuljetusyhtiön ({carrier}) pisteeseen.',
            follow: 'Palautuslappu tuli, kiitos. Kauanko hyvitys kestää, kun paketti on teillä?',
            close: 'Käsittelemme palautukset kahden arkipäivän kuluessa saapumisesta, ja hyvitys näkyy tililläsi sen jälkeen 3–5 arkipäivässä. Saat sähköpostin jokaisesta vaiheesta.',
          },
          {
            reply: 'Kiitos, kun huomautit – palautussivu laski ajan tilauspäivästä eikä toimituspäivästä. Kirjasin palautuksen käsin, ja maksettu palautuslappu on sähköpostissasi.',
            follow: 'Loistavaa, paketti on pakattu ja vien sen huomenna.',
            close: 'Hienoa – ilmoitamme sähköpostilla heti, kun paketti on varastollamme ja hyvitys on matkalla.',
          },
        ],
        notes: ['Palautusaika laskettiin tilauspäivästä – tunnettu vika, tiketti {ref}.', 'Loppuunmyyntituote, mutta tehdään poikkeus – ensimmäinen palautus kolmen vuoden aikana.'],
      },
      da: {
        subjects: ['Returnering af ordre {order}', 'Hvordan returnerer jeg en vare?'],
        opens: [
          'Jeg vil gerne returnere en vare fra ordre {order} ({product}). Den er ubrugt og stadig i den originale æske. Hvordan gør jeg?',
          'Retursiden siger, at min ordre "ikke kan returneres", men jeg fik den for kun 10 dage siden. Ordre {order}.',
          'Kan jeg returnere bare én vare fra min ordre, eller skal jeg sende det hele retur?',
        ],
        paths: [
          {
            reply: 'Selvfølgelig! Du kan returnere enkelte varer inden for 30 dage. Jeg har oprettet en returnering og sendt dig en betalt returlabel på mail – pak bare varen og aflevér den i en pakkeshop hos {carrier}.',
            follow: 'Har fået labelen, tak. Hvor lang tid tager refusionen, når I har modtaget pakken?',
            close: 'Vi behandler returneringer inden for 2 hverdage efter modtagelsen, og derefter tager det 3–5 hverdage, før pengene er på din konto. Du får en mail undervejs.',
          },
          {
            reply: 'Tak fordi du gjorde opmærksom på det – retursiden regnede fra ordredatoen i stedet for leveringsdatoen. Jeg har registreret returneringen manuelt, og den betalte returlabel ligger i din indbakke.',
            follow: 'Perfekt, den er pakket, og jeg afleverer den i morgen.',
            close: 'Super – vi sender dig en mail, så snart den er kommet frem til vores lager, og refusionen er på vej.',
          },
        ],
        notes: ['Returfristen blev regnet fra ordredatoen – kendt fejl, sag {ref}.', 'Varen er købt på udsalg uden returret, men vi gør en undtagelse – første returnering på 3 år.'],
      },
    },
  },
  {
    key: 'delete_account',
    labels: ['privacy', 'account'],
    priority: 'normal',
    weight: { email: 1, chat: 0.5, form: 0.5 },
    text: {
      en: {
        subjects: ['Delete my account and data', 'GDPR request'],
        opens: [
          'Please delete my account and all personal data you hold about me, in line with GDPR. My account email is {email}.',
          'I no longer want an account with you. Please remove all my data, including my order history.',
          `How do I close my account? I don't want to get any more emails from you either.`,
        ],
        paths: [
          {
            reply: `Thanks for your request. For your security, please confirm it with the link I've just sent to the email address on your account. We complete requests within 30 days, usually much sooner.`,
            follow: `Done, I've clicked the link.`,
            close: `Thank you – it's done. Your account has been closed, your personal data deleted (except invoices, which accounting law requires us to keep), and you've been removed from all mailing lists.`,
          },
          {
            reply: `I've unsubscribed you from all marketing emails straight away. Closing the account will also delete your order history – shall we go ahead?`,
            follow: 'Yes, please go ahead.',
            close: `Done – your account is closed and your personal data has been deleted, apart from invoices that accounting law requires us to keep. You'll get one final confirmation email.`,
          },
        ],
        notes: ['Identity confirmed via the account email. Deletion scheduled in the privacy tool.', 'Customer has an open return – wait for the refund before deleting.'],
      },
      pl: {
        subjects: ['Usunięcie konta i danych', 'Wniosek RODO'],
        opens: [
          'Proszę o usunięcie mojego konta i wszystkich moich danych osobowych zgodnie z RODO. E-mail konta: {email}.',
          'Nie chcę już mieć u Państwa konta. Proszę o usunięcie wszystkich moich danych, łącznie z historią zamówień.',
          'Jak mogę zamknąć konto? Nie chcę też dostawać od Państwa więcej maili.',
        ],
        paths: [
          {
            reply: 'Dziękujemy za wniosek. Ze względów bezpieczeństwa prosimy o potwierdzenie go linkiem, który właśnie wysłał{am|em} na adres e-mail przypisany do konta. Wnioski realizujemy w ciągu 30 dni, zwykle znacznie szybciej.',
            follow: 'Gotowe, kliknął{am|em} w link.',
            close: 'Dziękuję – wszystko załatwione. Konto zostało zamknięte, dane osobowe usunięte (poza fakturami, które musimy przechowywać zgodnie z przepisami), a adres usunięty ze wszystkich list mailingowych.',
          },
          {
            reply: 'Od razu wypisał{am|em} [Panią|Pana] ze wszystkich maili marketingowych. Zamknięcie konta usunie też historię zamówień – czy mamy kontynuować?',
            follow: 'Tak, proszę kontynuować.',
            close: 'Gotowe – konto zostało zamknięte, a dane osobowe usunięte, z wyjątkiem faktur, które musimy przechowywać zgodnie z przepisami. Na koniec przyjdzie jeszcze jeden mail z potwierdzeniem.',
          },
        ],
        notes: ['Tożsamość potwierdzona przez e-mail konta. Usunięcie zaplanowane w narzędziu RODO.', '[Klientka|Klient] ma otwarty zwrot – usunąć dopiero po wypłacie środków.'],
      },
      fi: {
        subjects: ['Tilin ja tietojen poisto', 'GDPR-pyyntö'],
        opens: [
          'Poistakaa tilini ja kaikki minusta tallennetut henkilötiedot GDPR:n mukaisesti. Tilini sähköposti on {email}.',
          'En halua enää tiliä teille. Poistakaa kaikki tietoni, myös tilaushistoria.',
          'Miten saan tilini suljettua? En halua myöskään enää sähköposteja teiltä.',
        ],
        paths: [
          {
            reply: 'Kiitos pyynnöstäsi. Tietoturvasi vuoksi pyydämme vahvistamaan sen linkistä, jonka lähetin juuri tilisi sähköpostiosoitteeseen. Käsittelemme pyynnöt 30 päivän kuluessa, yleensä paljon nopeammin.',
            follow: 'Tehty, klikkasin linkkiä.',
            close: 'Kiitos – asia on hoidettu. Tili on suljettu, henkilötietosi poistettu (lukuun ottamatta laskuja, jotka kirjanpitolaki velvoittaa säilyttämään), ja osoitteesi on poistettu kaikilta postituslistoilta.',
          },
          {
            reply: 'Poistin sinut heti kaikilta markkinointilistoilta. Tilin sulkeminen poistaa myös tilaushistoriasi – jatketaanko?',
            follow: 'Kyllä, jatkakaa vain.',
            close: 'Tehty – tili on suljettu ja henkilötietosi poistettu, lukuun ottamatta laskuja, jotka kirjanpitolaki velvoittaa säilyttämään. Saat vielä yhden vahvistusviestin.',
          },
        ],
        notes: ['Henkilöllisyys vahvistettu tilin sähköpostilla. Poisto ajastettu tietosuojatyökalussa.', 'Asiakkaalla on avoin palautus – poistetaan vasta hyvityksen jälkeen.'],
      },
      da: {
        subjects: ['Slet min konto og mine data', 'GDPR-anmodning'],
        opens: [
          'Slet venligst min konto og alle personoplysninger, I har om mig, jf. GDPR. Min konto-e-mail er {email}.',
          'Jeg vil ikke længere have en konto hos jer. Slet venligst alle mine data, også min ordrehistorik.',
          'Hvordan lukker jeg min konto? Jeg vil heller ikke modtage flere mails fra jer.',
        ],
        paths: [
          {
            reply: 'Tak for din anmodning. Af sikkerhedshensyn beder vi dig bekræfte den via linket, som jeg lige har sendt til e-mailadressen på din konto. Vi behandler anmodninger inden for 30 dage, som regel meget hurtigere.',
            follow: 'Klaret, jeg har klikket på linket.',
            close: 'Tak – så er det gjort. Din konto er lukket, dine personoplysninger er slettet (bortset fra fakturaer, som bogføringsloven kræver, at vi gemmer), og du er fjernet fra alle mailinglister.',
          },
          {
            reply: 'Jeg har med det samme afmeldt dig alle markedsføringsmails. Hvis vi lukker kontoen, bliver din ordrehistorik også slettet – skal vi fortsætte?',
            follow: 'Ja, fortsæt bare.',
            close: 'Klaret – din konto er lukket, og dine personoplysninger er slettet, bortset fra fakturaer, som bogføringsloven kræver, at vi gemmer. Du får en sidste bekræftelse på mail.',
          },
        ],
        notes: ['Identitet bekræftet via kontoens e-mail. Sletning planlagt i privatlivsværktøjet.', 'Kunden har en åben returnering – vent med sletning, til refusionen er gennemført.'],
      },
    },
  },
  {
    key: 'app_bug',
    labels: ['bug'],
    priority: 'high',
    weight: { email: 1, chat: 2, form: 1 },
    text: {
      en: {
        subjects: ['Basket empties at checkout', 'App crashes when I open my orders'],
        opens: [
          `Every time I go to checkout my basket empties and I'm back on the home page. Tried three times now.`,
          'The app crashes as soon as I tap "My orders". iPhone 13, latest iOS.',
          `The "Apply" button for my gift card doesn't do anything. I've tried in Chrome and Firefox.`,
        ],
        paths: [
          {
            reply: `Thanks for the detailed report – I've reproduced it and passed it to our developers as a high-priority bug. In the meantime, our website in a private browser window works as a workaround. I'll update you when it's fixed.`,
            follow: 'The private window worked and my order went through. Please let me know when it\'s fixed, though.',
            close: 'Good news: the fix has just been released, so everything should work normally again. Thanks for your patience and for reporting it!',
          },
          {
            reply: `Sorry about that! Could you clear the app's cache (or your browser's cookies for our site) and tell me if it happens again? If it does, a screenshot would help our developers a lot.`,
            follow: 'Cleared everything and it still happens. Screenshot attached.',
            close: `Thanks, that helped – the developers found the cause and a fix went live this morning. Please try again and let me know if anything's still off.`,
          },
        ],
        notes: ['Reproduced on staging. Bug ticket {ref} – linked here.', 'Same bug reported by 4 customers today – asked the dev team for an ETA.'],
      },
      pl: {
        subjects: ['Koszyk się czyści przy płatności', 'Aplikacja się zamyka przy otwieraniu zamówień'],
        opens: [
          'Za każdym razem, gdy przechodzę do kasy, koszyk się czyści i ląduję na stronie głównej. Próbował{am|em} już trzy razy.',
          'Aplikacja zamyka się, gdy tylko kliknę „Moje zamówienia”. iPhone 13, najnowszy iOS.',
          'Przycisk „Zastosuj” przy karcie podarunkowej nic nie robi. Próbował{am|em} w Chrome i w Firefoksie.',
        ],
        paths: [
          {
            reply: 'Dziękuję za dokładny opis – udało mi się odtworzyć błąd i przekazał{am|em} go programistom jako pilny. Do czasu poprawki można złożyć zamówienie na stronie w oknie prywatnym przeglądarki. Dam znać, gdy błąd zostanie naprawiony.',
            follow: 'W oknie prywatnym zadziałało, zamówienie złożone. Proszę jednak dać znać, jak będzie poprawka.',
            close: 'Dobra wiadomość: poprawka właśnie została wdrożona, wszystko powinno znowu działać normalnie. Dziękujemy za cierpliwość i za zgłoszenie!',
          },
          {
            reply: 'Przepraszamy za kłopot! Czy może [Pani|Pan] wyczyścić pamięć podręczną aplikacji (albo ciasteczka naszej strony w przeglądarce) i sprawdzić, czy problem się powtarza? Jeśli tak, zrzut ekranu bardzo pomoże naszym programistom.',
            follow: 'Wyczyścił{am|em} wszystko i dalej to samo. Przesyłam zrzut ekranu.',
            close: 'Dziękuję, to pomogło – programiści znaleźli przyczynę i dziś rano wdrożyli poprawkę. Proszę spróbować jeszcze raz i dać znać, gdyby coś nadal nie działało.',
          },
        ],
        notes: ['Odtworzone na stagingu. Zgłoszenie błędu {ref} – podlinkowane.', 'Ten sam błąd zgłosiło dziś 4 klientów – zapytał{am|em} programistów o termin poprawki.'],
      },
      fi: {
        subjects: ['Ostoskori tyhjenee kassalla', 'Sovellus kaatuu tilauksia avattaessa'],
        opens: [
          'Aina kun menen kassalle, ostoskori tyhjenee ja päädyn etusivulle. Olen yrittänyt jo kolme kertaa.',
          'Sovellus kaatuu heti, kun napautan ”Omat tilaukset”. iPhone 13, uusin iOS.',
          'Lahjakortin ”Käytä”-painike ei tee mitään. Kokeilin Chromella ja Firefoxilla.',
        ],
        paths: [
          {
            reply: 'Kiitos tarkasta kuvauksesta – sain vian toistettua ja välitin sen kehittäjille kiireellisenä. Sillä välin tilauksen voi tehdä verkkosivuillamme selaimen yksityisessä ikkunassa. Ilmoitan, kun vika on korjattu.',
            follow: 'Yksityisessä ikkunassa toimi, ja tilaus meni läpi. Kerro kuitenkin, kun vika on korjattu.',
            close: 'Hyviä uutisia: korjaus on juuri julkaistu, joten kaiken pitäisi taas toimia normaalisti. Kiitos kärsivällisyydestä ja ilmoituksesta!',
          },
          {
            reply: 'Pahoittelut! Voisitko tyhjentää sovelluksen välimuistin (tai sivustomme evästeet selaimesta) ja kertoa, toistuuko ongelma? Jos toistuu, kuvakaappaus auttaisi kehittäjiämme paljon.',
            follow: 'Tyhjensin kaiken, ja sama vika jatkuu. Kuvakaappaus liitteenä.',
            close: 'Kiitos, siitä oli apua – kehittäjät löysivät syyn, ja korjaus julkaistiin tänä aamuna. Kokeile uudelleen ja kerro, jos jokin ei vieläkään toimi.',
          },
        ],
        notes: ['Toistettu testiympäristössä. Bugitiketti {ref} – linkitetty.', 'Sama vika neljältä asiakkaalta tänään – kysyin kehittäjiltä aikataulua.'],
      },
      da: {
        subjects: ['Kurven tømmes ved kassen', 'Appen lukker ned, når jeg åbner mine ordrer'],
        opens: [
          'Hver gang jeg går til kassen, bliver min kurv tømt, og jeg ender på forsiden. Har prøvet tre gange nu.',
          'Appen lukker ned, så snart jeg trykker på "Mine ordrer". iPhone 13, nyeste iOS.',
          'Knappen "Anvend" til mit gavekort gør ingenting. Jeg har prøvet i både Chrome og Firefox.',
        ],
        paths: [
          {
            reply: 'Tak for den grundige beskrivelse – jeg har genskabt fejlen og sendt den videre til vores udviklere med høj prioritet. Indtil da kan du bestille på hjemmesiden i et privat browservindue. Jeg giver besked, når den er rettet.',
            follow: 'Det virkede i et privat vindue, og ordren er gået igennem. Giv mig dog gerne besked, når det er rettet.',
            close: 'Gode nyheder: rettelsen er netop udrullet, så alt burde virke normalt igen. Tak for tålmodigheden, og tak fordi du meldte det!',
          },
          {
            reply: 'Det beklager vi! Vil du rydde appens cache (eller browserens cookies for vores side) og sige til, om det sker igen? Hvis det gør, vil et skærmbillede hjælpe vores udviklere meget.',
            follow: 'Har ryddet det hele, og det sker stadig. Skærmbillede vedhæftet.',
            close: 'Tak, det hjalp – udviklerne fandt årsagen, og en rettelse gik i luften i morges. Prøv igen, og sig til, hvis noget stadig driller.',
          },
        ],
        notes: ['Genskabt på testmiljøet. Fejlsag {ref} – linket her.', 'Samme fejl meldt af 4 kunder i dag – har spurgt udviklerne om en tidsplan.'],
      },
    },
  },
];
