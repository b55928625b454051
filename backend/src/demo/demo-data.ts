import type { AwardRequest, BidderInput, CreateEveningRequest, CriterionInput } from '@buurtjury/shared';

/** A fictional neighbourhood-programme tender, as a resident network would prepare it. */
export const DEMO_ACCOUNT = {
  email: 'demo@buurtjury.nl',
  password: 'buurtjury-demo',
  displayName: 'Demo-organisator',
  networkName: 'Burennetwerk Sleutelbloem (demo)',
};

export const DEMO_EVENING: CreateEveningRequest = {
  title: 'Idols-avond Samen in de Wijk',
  language: 'nl',
  venue: 'Buurthuis De Sleutelbloem, Noorderweg 12, Eemhoven',
  date: '2026-12-10',
  startTime: '19:00',
  tender: {
    municipality: 'Gemeente Eemhoven',
    name: 'Coördinerende partij Samen in de Wijk 2027–2030',
    reference: 'EH-2026-041',
    subject:
      'Een private partij die namens de gemeente het wijkprogramma Samen in de Wijk coördineert: bewonersinitiatieven verbinden met wijkprofessionals, de jaarlijkse wijkplannen begeleiden en budget voor bewonersinzet verdelen.',
    committee: 'Adviescommissie Samen in de Wijk',
    adviceDeadline: '2026-12-20',
  },
};

/** The tender's own award criteria as the (fictional) tender guidelines publish them. */
export const DEMO_AWARD: AwardRequest = {
  criteria: [
    { name: 'Gunningscriterium A: visie op de opdracht', weight: 20, description: 'Visie op de coördinatie van het wijkprogramma en de rol van bewoners.' },
    { name: 'Gunningscriterium B: plan van aanpak', weight: 40, description: 'Hoe de partij bewonersinitiatieven en wijkprofessionals verbindt.' },
    { name: 'Gunningscriterium C: kwaliteit en risicobeheersing', weight: 20, description: '' },
    { name: 'Gunningscriterium D: prijs', weight: 20, description: 'Door de commissie beoordeeld; niet door de bewoners.' },
  ],
  publishedIn: 'Aanbestedingsleidraad EH-2026-041, § 5.2 (TenderNed)',
  eveningAnnounced: 'yes',
  announcedWhere: 'Aanbestedingsleidraad EH-2026-041, § 3.4',
};

export const DEMO_BIDDERS: BidderInput[] = [
  {
    name: 'Stichting Wijkkracht',
    contactPerson: 'Marieke Jansen',
    pitchTitle: 'De wijk aan het stuur',
    pitchSummary: 'Wijkteams van bewoners bepalen per kwartaal de prioriteiten; Wijkkracht levert de ondersteuning.',
    pitchMinutes: 10,
    qaMinutes: 5,
  },
  {
    name: 'Welzijn Eemland',
    contactPerson: 'Hans de Boer',
    pitchTitle: 'Vertrouwde gezichten, nieuwe werkwijze',
    pitchSummary: 'De bestaande welzijnsorganisatie vernieuwt zich: vaste wijkcoaches en een open budgetregeling.',
    pitchMinutes: 10,
    qaMinutes: 5,
  },
  {
    name: 'Coöperatie Buurtwerk',
    contactPerson: 'Fatima El Amrani',
    pitchTitle: 'Betaalde bewoners, sterke buurten',
    pitchSummary: 'Een coöperatie van zzp’ers en actieve bewoners die betaald worden voor hun inzet in de wijk.',
    pitchMinutes: 10,
    qaMinutes: 5,
  },
  {
    name: 'Sociaal Netwerk Nederland',
    contactPerson: 'Peter van Dijk',
    pitchTitle: 'Landelijke kennis, lokale aanpak',
    pitchSummary: 'Een landelijke organisatie met bewezen methodes en een lokaal team van zes mensen.',
    pitchMinutes: 10,
    qaMinutes: 5,
  },
  {
    name: 'Buurtonderneming De Verbinding',
    contactPerson: 'Sanne Visser',
    pitchTitle: 'Van buurthuis tot burenhulp',
    pitchSummary: 'Een bewonersbedrijf dat al drie buurthuizen draait en nu de coördinatie voor de hele stad wil doen.',
    pitchMinutes: 10,
    qaMinutes: 5,
  },
];

export const DEMO_CRITERIA: CriterionInput[] = [
  {
    name: 'Kennis van de wijk',
    explanation: 'Weet de partij wat er in onze wijken speelt en wie er al actief is?',
    weight: 20,
    awardCriterion: 'Gunningscriterium A: visie op de opdracht',
    levelDescriptors: {
      '5': 'Noemt concrete initiatieven, mensen en knelpunten uit onze wijk.',
      '1': 'Praat alleen in algemene termen; de wijk komt niet voor in het verhaal.',
    },
  },
  {
    name: 'Ruimte voor bewoners',
    explanation: 'Krijgen bewoners echt invloed op prioriteiten en geld, of alleen inspraak?',
    weight: 25,
    awardCriterion: 'Gunningscriterium B: plan van aanpak',
    levelDescriptors: {
      '5': 'Bewoners beslissen mee over prioriteiten en budget, en dat is goed geregeld.',
      '1': 'Bewoners mogen meepraten, maar de partij beslist.',
    },
  },
  {
    name: 'Samenwerking met professionals',
    explanation: 'Hoe verbindt de partij bewonersinzet met sociaal werkers, wijkagenten, scholen en corporaties?',
    weight: 15,
    awardCriterion: 'Gunningscriterium B: plan van aanpak',
    levelDescriptors: {},
  },
  {
    name: 'Betaalde bewonersinzet',
    explanation: 'Is er ruimte om professionele bewoners en zzp’ers uit de wijk te betalen voor hun werk?',
    weight: 15,
    awardCriterion: '',
    levelDescriptors: { '5': 'Een duidelijke regeling met budget, voorwaarden en begeleiding.' },
  },
  {
    name: 'Haalbaarheid',
    explanation: 'Is het plan uitvoerbaar binnen het budget en de tijd, met de mensen die de partij heeft?',
    weight: 15,
    awardCriterion: 'Gunningscriterium C: kwaliteit en risicobeheersing',
    levelDescriptors: {},
  },
  {
    name: 'Overtuigingskracht',
    explanation: 'Geloof je dat deze partij doet wat ze belooft? Hoe ging ze om met vragen uit de zaal?',
    weight: 10,
    awardCriterion: '',
    levelDescriptors: {},
  },
];
