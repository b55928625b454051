/**
 * The wording of the parts of the advice about who says what: the addressee and sender blocks,
 * the labels "Gemeten" and "Conclusie van de organisatoren", the remark counts, the page per
 * bidder, the methodology appendix and the glossary's further terms, and the English edition's
 * note on what remains in Dutch. Kept apart from texts.ts; the English has the same structure.
 */

import type { PluralForms } from '../logic/plural';

const forms = (one: string, other: string): PluralForms => ({ one, other });

const NL = {
  letter: {
    addressee: 'Geadresseerde',
    to: 'Aan',
    reference: 'Kenmerk',
    date: 'Datum',
    subject: 'Onderwerp',
    sender: 'Afzender',
    name: 'Vastgesteld door',
    nameValue: '{name}, {role}',
    network: 'Namens',
    reply: 'Reactie naar',
    pending: '(vult de organisatie in bij vaststelling)',
  },
  measured: 'Gemeten',
  measuredNote: 'Berekend uit de getelde beoordelingen met de rekenmethode in de bijlagen; niemand heeft deze getallen geschreven of gekozen.',
  conclusion: 'Conclusie van de organisatoren',
  conclusionBy: 'Geschreven door {name} ({role}) namens {network}. Dit is hun lezing van de avond en de uitslag, geen uitkomst van de beoordelingen zelf.',
  conclusionByDraft: 'Geschreven door de organisatoren van {network}. Dit is hun lezing van de avond en de uitslag, geen uitkomst van de beoordelingen zelf.',
  whoSaysWhat:
    'Wie zegt wat: onder het kopje ‘Gemeten’ staat wat de beoordelingen van de bewoners opleveren, berekend volgens de rekenmethode in de bijlagen. Onder ‘Conclusie van de organisatoren’ staat wat de organisatoren daaruit concluderen, in hun eigen woorden; dat is een interpretatie, geen stemuitslag. Citaten zijn opmerkingen van bewoners zelf, door de organisatoren gekozen.',
  issuedBy: 'Dit advies is vastgesteld door {name} ({role}) namens {network}, en gericht aan {addressee}. Een reactie kan naar {reply}.',
  units: {
    remarks: forms('{n} opmerking', '{n} opmerkingen'),
    byPhone: forms('{n} via een telefoon', '{n} via telefoons'),
    onPaper: forms('{n} op een papieren scorekaart', '{n} op papieren scorekaarten'),
    quotes: forms('{n} citaat', '{n} citaten'),
    minutes: forms('{n} minuut', '{n} minuten'),
  },
  remarks: {
    none: 'Bij de getelde beoordelingen van deze inschrijver schreven bewoners geen opmerking; er is dus niets te citeren.',
    count: forms(
      'Bij de getelde beoordelingen van deze inschrijver schreven bewoners {remarks} ({channels}).',
      'Bij de getelde beoordelingen van deze inschrijver schreven bewoners {remarks} ({channels}).',
    ),
    noneQuoted: forms('De organisatoren citeren die opmerking niet.', 'De organisatoren citeren geen van die opmerkingen.'),
    allQuoted: forms('Die ene opmerking staat hieronder.', 'Ze staan hieronder alle {n}.'),
    selection: forms(
      'Hieronder {quotes} daaruit, gekozen door de organisatoren: een selectie, geen samenvatting van alle opmerkingen.',
      'Hieronder {quotes} daaruit, gekozen door de organisatoren: een selectie, geen samenvatting van alle opmerkingen.',
    ),
    phoneSource: 'bewoner, anoniem, via telefoon',
    paperSource: 'bewoner, anoniem, op een papieren scorekaart',
    quotes: 'Uit de opmerkingen van bewoners',
  },
  bidderPage: {
    intro:
      'Per inschrijver een eigen deel, op een nieuwe pagina: de pitch zoals die vóór de avond is vastgelegd, alle criteria in één oogopslag, waar de inschrijver verschilt van de andere, de conclusie van de organisatoren en citaten van bewoners.',
    pitch: 'De pitch',
    position: 'Plaats in de volgorde',
    positionValue: '{n} van {total}',
    pitchTitle: 'Titel',
    pitchSummary: 'Samenvatting (vastgelegd vóór de avond)',
    planned: 'Geplande tijd',
    plannedValue: '{pitch} presentatie en {qa} vragen',
    status: 'Verloop',
    overall: 'Totaal',
    criteriaHeader: ['Criterium', 'Gewicht', 'Mediaan', 'Gem.', 'n'],
    criteriaCaption: 'Mediaan en gemiddelde van de oordelen per criterium; n: beoordelingen die het criterium beoordeelden.',
    fewGrades: forms(
      'Met {n} totaalcijfer zeggen de kans op de eerste plaats en het interval weinig.',
      'Met {n} totaalcijfers zeggen de kans op de eerste plaats en het interval weinig.',
    ),
    differences: 'Waar deze inschrijver verschilt van de andere',
    differencesNote:
      'Per criterium de mediaan van deze inschrijver naast die van de andere inschrijvers die op dat criterium beoordeeld zijn. Een verschil in mediaan zegt niet hoe zeker het is; daarover gaat hoofdstuk Robuustheid en integriteit.',
    place: 'Plaats {place} van {ranked} in de rangorde.',
    placeShared: 'Plaats {place} van {ranked} in de rangorde, gedeeld met {others}.',
    notRanked: 'Geen plaats in de rangorde: deze inschrijver kreeg geen totaalcijfer.',
    notAssessed: 'Deze inschrijver kreeg geen beoordelingen (bijvoorbeeld omdat de pitch is overgeslagen); er valt niets te vergelijken.',
    noOthers: 'Geen andere inschrijver is beoordeeld; er valt niets te vergelijken.',
    highestAlone: '{criterion}: de hoogste mediaan, {grade}, als enige.',
    highestShared: '{criterion}: de hoogste mediaan, {grade}, samen met {others}.',
    lowestAlone: '{criterion}: de laagste mediaan, {grade}, als enige.',
    lowestShared: '{criterion}: de laagste mediaan, {grade}, samen met {others}.',
    allEqual: '{criterion}: alle beoordeelde inschrijvers hebben dezelfde mediaan: {grade}.',
    between: '{criterion}: mediaan {grade}, tussen de hoogste, {top}, en de laagste, {bottom}.',
    criterionNotAssessed: '{criterion}: niet beoordeeld.',
    criterionNoOthers: '{criterion}: mediaan {grade}; geen andere inschrijver is op dit criterium beoordeeld.',
  },
  methodology: {
    heading: 'Rekenmethode',
    intro: 'Zo komen de getallen in dit advies tot stand. Elke stap is na te rekenen uit record.json (zie hoofdstuk Verantwoording).',
    steps: [
      'Welke beoordelingen tellen: per telefoon en inschrijver de laatst verstuurde beoordeling, ontvangen terwijl het stemmen voor die pitch open stond, en elke papieren scorekaart die twee moderatoraccounts gelijk invoerden. Een beoordeling van iemand die een band met die inschrijver meldde, telt niet mee maar blijft in de gegevens.',
      'Per criterium: het profiel (hoeveel beoordelingen elk oordeel gaven), de mediaan (het middelste oordeel; bij een even aantal het lagere van de twee middelste) en het gemiddelde.',
      'Het totaalcijfer van één telefoon of kaart voor één inschrijver: het gewogen gemiddelde van de gegeven oordelen, met de gewichten van het kader. Wie criteria oversloeg, krijgt een totaalcijfer over de rest, mits die samen minstens het ingestelde deel van het gewicht hebben.',
      'De rangorde: het meerderheidsoordeel (Balinski en Laraki). De inschrijver met de hoogste mediaan van de totaalcijfers staat bovenaan. Bij gelijke mediaan beslist de meerderheidswaarde: steeds wordt één middelste totaalcijfer weggenomen en opnieuw vergeleken, in aandelen, zodat meer beoordelingen geen voorsprong geven.',
      'De zekerheid: de bootstrap. Uit de beoordelingen wordt duizenden keren een even grote trekking met teruglegging gedaan en de rangorde opnieuw berekend. Het aandeel van de trekkingen waarin een inschrijver bovenaan staat, is de kans op de eerste plaats; de trekkingen geven ook het 95%-interval van het gemiddelde.',
      'Het oordeel over een voorkeur: alleen ‘duidelijke voorkeur’ als er genoeg totaalcijfers zijn, de nummer één alleen bovenaan staat, in genoeg trekkingen voor blijft, en het gemiddelde, de paarsgewijze vergelijking en de kans op de eerste plaats hetzelfde zeggen. De regel staat bij het oordeel in hoofdstuk Totaaloordeel en rangorde.',
      'Ter controle, niet voor de rangorde: het gewogen gemiddelde, de z-score (totaalcijfers gecorrigeerd voor strenge en milde beoordelaars), het getrimde gemiddelde, de Borda-score en de paarsgewijze vergelijking (met de Condorcet-winnaar als die er is).',
      'Signalen van mogelijk misbruik: groepen identieke beoordelingen, telefoons die één inschrijver het hoogste en alle andere het laagste oordeel gaven, en pieken van veel beoordelingen binnen enkele seconden (getoetst met een Poisson-kans). Gemarkeerde beoordelingen tellen mee; de uitslag zonder hen staat ernaast.',
      'Toeval en herhaalbaarheid: de trekkingen gebruiken een vaste generator met de vingerafdruk van het beoordelingskader als startwaarde. Dezelfde beoordelingen geven dus altijd precies dezelfde getallen, tot op de laatste decimaal.',
      'Tellen en afronden: telefoons en papieren kaarten worden nooit bij elkaar opgeteld tot ‘personen’; kansen uit de trekkingen zijn schattingen en staan nooit als 0% of 100% in dit advies.',
    ],
  },
  glossaryIntro: 'De rekenkundige begrippen in dit advies, in gewone woorden. Hoe ze samen de uitslag geven, staat in de bijlage Rekenmethode hieronder.',
  glossaryTerms: [
    ['Totaalcijfer', 'Het gewogen gemiddelde van de oordelen van één telefoon of kaart voor één inschrijver.'],
    ['Meerderheidswaarde', 'De regel die beslist bij een gelijk meerderheidsoordeel: het middelste cijfer wordt weggenomen en opnieuw vergeleken, tot er een verschil is.'],
    ['Profiel', 'Hoe de oordelen over één criterium verdeeld zijn: welk deel elk oordeel gaf, als gekleurde balk.'],
    ['Borda-score', 'Per telefoon: welk deel van de andere inschrijvers het een lager totaalcijfer gaf (gelijk telt half), gemiddeld over de telefoons.'],
    ['Condorcet-winnaar', 'Een inschrijver die in de paarsgewijze vergelijking van elke andere inschrijver wint. Die is er niet altijd.'],
    ['Poisson-kans', 'Hoe waarschijnlijk het is dat zoveel beoordelingen toevallig in zo korte tijd binnenkomen, gegeven de drukte eromheen. Een heel kleine kans maakt een piek een signaal.'],
    ['Generator (xoshiro128**)', 'De rekenregel die uit een startwaarde een vaste reeks ‘toevallige’ getallen maakt voor de trekkingen.'],
    ['n', 'Het aantal beoordelingen of totaalcijfers waarop een getal berust.'],
    ['MJ', 'Afkorting voor het meerderheidsoordeel, naar de internationale naam van de methode.'],
  ] as [string, string][],
  methodText:
    'Hoe de getallen tot stand komen, staat in de bijlage Rekenmethode van dit advies. De bootstrap gebruikt {resamples} trekkingen, een betrouwbaarheid van {confidence} en de generator {prng}, met de vingerafdruk van het beoordelingskader als startwaarde; dezelfde beoordelingen geven dus altijd precies dezelfde getallen. Software: Buurtjury {software}.',
  methodSteps: [
    'Download record.json en results.json bij deze versie van het advies.',
    'Controleer met sha256sum dat hun SHA-256 gelijk is aan de codes hierboven.',
    'Reken de uitslag na met de rekenmodule van Buurtjury (open source) of een eigen programma volgens de bijlage Rekenmethode; de uitkomst is gelijk aan results.json.',
  ],
};

export type AuthorshipTexts = typeof NL;

const EN: AuthorshipTexts = {
  letter: {
    addressee: 'Addressee',
    to: 'To',
    reference: 'Reference',
    date: 'Date',
    subject: 'Subject',
    sender: 'Sender',
    name: 'Issued by',
    nameValue: '{name}, {role}',
    network: 'On behalf of',
    reply: 'Reply to',
    pending: '(entered by the organisers when issuing)',
  },
  measured: 'Measured',
  measuredNote: 'Computed from the counted assessments with the methodology in the appendices; nobody wrote or chose these numbers.',
  conclusion: 'The organisers’ conclusion',
  conclusionBy: 'Written by {name} ({role}) on behalf of {network}. This is their reading of the evening and the results, not an outcome of the assessments themselves.',
  conclusionByDraft: 'Written by the organisers of {network}. This is their reading of the evening and the results, not an outcome of the assessments themselves.',
  whoSaysWhat:
    'Who says what: under the heading ‘Measured’ is what the residents’ assessments produce, computed with the methodology in the appendices. Under ‘The organisers’ conclusion’ is what the organisers conclude from it, in their own words; that is an interpretation, not an outcome of the assessments. Quotes are remarks by residents themselves, chosen by the organisers.',
  issuedBy: 'This advice was issued by {name} ({role}) on behalf of {network}, and is addressed to {addressee}. A reply can go to {reply}.',
  units: {
    remarks: forms('{n} remark', '{n} remarks'),
    byPhone: forms('{n} by phone', '{n} by phone'),
    onPaper: forms('{n} on a paper score card', '{n} on paper score cards'),
    quotes: forms('{n} quote', '{n} quotes'),
    minutes: forms('{n} minute', '{n} minutes'),
  },
  remarks: {
    none: 'With the counted assessments of this bidder residents wrote no remark, so there is nothing to quote.',
    count: forms('With the counted assessments of this bidder residents wrote {remarks} ({channels}).', 'With the counted assessments of this bidder residents wrote {remarks} ({channels}).'),
    noneQuoted: forms('The organisers do not quote that remark.', 'The organisers quote none of those remarks.'),
    allQuoted: forms('That one remark is below.', 'All {n} of them are below.'),
    selection: forms(
      'Below is {quotes} from them, chosen by the organisers: a selection, not a summary of all remarks.',
      'Below are {quotes} from them, chosen by the organisers: a selection, not a summary of all remarks.',
    ),
    phoneSource: 'resident, anonymous, by phone',
    paperSource: 'resident, anonymous, on a paper score card',
    quotes: 'From the residents’ remarks',
  },
  bidderPage: {
    intro:
      'A part of its own per bidder, starting on a new page: the pitch as recorded before the evening, all criteria at a glance, where the bidder differs from the others, the organisers’ conclusion and quotes from residents.',
    pitch: 'The pitch',
    position: 'Place in the running order',
    positionValue: '{n} of {total}',
    pitchTitle: 'Title',
    pitchSummary: 'Summary (recorded before the evening)',
    planned: 'Planned time',
    plannedValue: '{pitch} presentation and {qa} questions',
    status: 'On the evening',
    overall: 'Overall',
    criteriaHeader: ['Criterion', 'Weight', 'Median', 'Mean', 'n'],
    criteriaCaption: 'Median and mean of the grades per criterion; n: assessments that graded the criterion.',
    fewGrades: forms('With {n} overall grade, the chance of first place and the interval say little.', 'With {n} overall grades, the chance of first place and the interval say little.'),
    differences: 'Where this bidder differs from the others',
    differencesNote:
      'Per criterion, this bidder’s median beside those of the other bidders assessed on that criterion. A difference in medians does not say how certain it is; the chapter Robustness and integrity is about that.',
    place: 'Place {place} of {ranked} in the ranking.',
    placeShared: 'Place {place} of {ranked} in the ranking, shared with {others}.',
    notRanked: 'No place in the ranking: this bidder received no overall grade.',
    notAssessed: 'This bidder received no assessments (for example because the pitch was skipped); there is nothing to compare.',
    noOthers: 'No other bidder was assessed; there is nothing to compare.',
    highestAlone: '{criterion}: the highest median, {grade}, alone.',
    highestShared: '{criterion}: the highest median, {grade}, shared with {others}.',
    lowestAlone: '{criterion}: the lowest median, {grade}, alone.',
    lowestShared: '{criterion}: the lowest median, {grade}, shared with {others}.',
    allEqual: '{criterion}: all assessed bidders have the same median: {grade}.',
    between: '{criterion}: median {grade}, between the highest, {top}, and the lowest, {bottom}.',
    criterionNotAssessed: '{criterion}: not assessed.',
    criterionNoOthers: '{criterion}: median {grade}; no other bidder was assessed on this criterion.',
  },
  methodology: {
    heading: 'Methodology',
    intro: 'This is how the numbers in this advice come about. Every step can be recomputed from record.json (see the chapter Accountability).',
    steps: [
      'Which assessments count: per phone and bidder the last assessment sent, received while scoring for that pitch was open, and every paper score card that two moderator accounts entered alike. An assessment by someone who declared a tie with that bidder does not count but stays in the data.',
      'Per criterion: the merit profile (how many assessments gave each grade), the median (the middle grade; with an even number the lower of the two middle ones) and the mean.',
      'The overall grade of one phone or card for one bidder: the weighted mean of the grades given, with the frame’s weights. Whoever skipped criteria gets an overall grade over the rest, provided those weigh at least the set share of the weight together.',
      'The ranking: majority judgment (Balinski and Laraki). The bidder with the highest median of the overall grades ranks first. Equal medians are decided by the majority value: one middle overall grade at a time is taken away and the rest compared again, in shares, so that more assessments give no advantage.',
      'Certainty: the bootstrap. Thousands of times, a draw of the same size is taken from the assessments with replacement and the ranking computed again. The share of the resamples in which a bidder ranks first is the chance of first place; the resamples also give the 95% interval of the mean.',
      'The verdict on a preference: ‘clear preference’ only when there are enough overall grades, the first ranks first alone, stays ahead in enough resamples, and the mean, the pairwise comparison and the chance of first place agree. The rule is printed with the verdict in the chapter Overall judgement and ranking.',
      'As a check, not for the ranking: the weighted mean, the z-score (overall grades corrected for strict and lenient assessors), the trimmed mean, the Borda score and the pairwise comparison (with the Condorcet winner if there is one).',
      'Signals of possible abuse: groups of identical assessments, phones that gave one bidder the top grade and all others the bottom grade, and bursts of many assessments within seconds (tested with a Poisson probability). Flagged assessments count; the result without them is shown beside it.',
      'Randomness and repeatability: the resamples use a fixed generator seeded with the scoring frame’s fingerprint. The same assessments therefore always give exactly the same numbers, to the last decimal.',
      'Counting and rounding: phones and paper cards are never added up to ‘persons’; chances from the resamples are estimates and never appear as 0% or 100% in this advice.',
    ],
  },
  glossaryIntro: 'The statistical terms in this advice, in plain words. How they give the result together is in the appendix Methodology below.',
  glossaryTerms: [
    ['Overall grade', 'The weighted mean of the grades of one phone or card for one bidder.'],
    ['Majority value', 'The rule that decides an equal majority grade: the middle grade is taken away and the rest compared again, until they differ.'],
    ['Merit profile', 'How the grades on one criterion are spread: the share that gave each grade, as a coloured bar.'],
    ['Borda score', 'Per phone: the share of the other bidders it gave a lower overall grade (equal counts half), averaged over the phones.'],
    ['Condorcet winner', 'A bidder that beats every other bidder in the pairwise comparison. There is not always one.'],
    ['Poisson probability', 'How likely it is that so many assessments arrive by chance in so short a time, given the traffic around it. A very small probability makes a burst a signal.'],
    ['Generator (xoshiro128**)', 'The rule that turns a seed into a fixed series of ‘random’ numbers for the resamples.'],
    ['n', 'The number of assessments or overall grades a figure rests on.'],
    ['MJ', 'Short for majority judgment.'],
  ] as [string, string][],
  methodText:
    'How the numbers come about is in this advice’s appendix Methodology. The bootstrap uses {resamples} resamples, a confidence of {confidence} and the generator {prng}, seeded with the scoring frame’s fingerprint; the same assessments therefore always give exactly the same numbers. Software: Buurtjury {software}.',
  methodSteps: [
    'Download record.json and results.json with this version of the advice.',
    'Check with sha256sum that their SHA-256 equals the codes above.',
    'Recompute the results with Buurtjury’s results module (open source) or your own program following the appendix Methodology; the outcome equals results.json.',
  ],
};

export const AUTHORSHIP_TEXTS = { nl: NL, en: EN } as const;

/** The English edition's note on what remains in Dutch (only the English edition of a Dutch evening has one). */
export const ENGLISH_EDITION_NOTE = {
  intro: 'This edition translates all text Buurtjury generates.',
  always: 'In Dutch, as entered: the names of the tender, evening, venue, committee, network and bidders',
  pitchTitles: 'pitch titles',
  pitchSummaries: 'pitch summaries',
  quotes: 'residents’ quotes',
  complete: 'The organisers added English versions of all their other texts, the criteria and the scale grades.',
  fields: {
    summary: 'the summary',
    recommendation: 'the advice',
    minorityViews: 'minority views',
    incidents: 'the procedure note',
    limitations: 'their limitations',
  },
  bidders: 'the conclusion on {bidders}',
  /** More than two bidders: how many, not their names (the first page stays short; each bidder's page shows which). */
  biddersCount: 'the conclusion on {n} of the {total} bidders',
  /** The organisers' other entries this evening has; they have no English versions. */
  record: {
    tenderSubject: 'the tender’s description',
    award: 'award criteria',
    declarations: 'declarations of interest',
    incidents: 'incidents',
    reasons: 'reasons in the log',
    letter: 'the letter’s addressee, role and subject',
  },
  criteria: forms('{n} of the {total} criteria', '{n} of the {total} criteria'),
  allCriteria: 'the criteria',
  refinements: 'criteria refinements',
  scale: forms('{n} of the {total} scale grades', '{n} of the {total} scale grades'),
  allScale: 'the scale grades',
};
