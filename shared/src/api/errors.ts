/**
 * The one error vocabulary of Buurtjury, for REST refusals and socket refusals alike.
 *
 * - `code` (ERROR_CODES): stable and coarse; clients branch on it (409 DRAFT_CHANGED, SCORING_CLOSED).
 * - `reason` (ERROR_REASONS): stable and fine, with `params`; a client renders the sentence from
 *   its locale files (`errors.<reason>` in frontend/src/locales/{nl,en}.json) with the params.
 * - `message`: the same sentence in English, for API clients and logs. The Dutch interface never
 *   shows it; without a reason it shows its own sentence for the code.
 */
export type ErrorParams = Record<string, string | number>;

/** One problem with its reason and parameters, and the English sentence (e.g. one per setup check). */
export interface Problem {
  reason: ErrorReason;
  params?: ErrorParams;
  message: string;
}

/** Every refusal the API gives has this body, so a client can show the reason's sentence and branch on `code`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  /** The fine reason; the client renders it from its locale files with `params`. Absent on a few generic refusals. */
  reason?: ErrorReason;
  params?: ErrorParams;
  /** In English, for API clients. */
  message: string;
  /** Individual problems in English, for example one per invalid field. */
  details?: string[];
  /** The same problems with their reasons, where the server knows them (setup, weights, scale). */
  problems?: Problem[];
}

/** The codes the live socket refuses with (a subset of ERROR_CODES; some are REST codes too). */
export const SOCKET_ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'EVENING_NOT_OPEN',
  'EVENING_ENDED',
  'SCORING_CLOSED',
  'QUESTIONS_CLOSED',
  'UNKNOWN_BIDDER',
  'UNKNOWN_CRITERION',
  'GRADE_NOT_ON_SCALE',
  'TIED_TO_BIDDER',
  'NOT_PRESENT',
  'BALLOT_ID_TAKEN',
  'INVALID_COMMAND',
  'RATE_LIMITED',
  'SERVER_BUSY',
  'TICKET_RELEASED',
  'SESSION_ENDED',
  'TOO_MANY_CONNECTIONS',
  'INTERNAL',
] as const;
/** The codes only REST refusals use. */
const REST_ONLY_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'INVITATION_INVALID',
  'SETUP_FROZEN',
  'SETUP_INCOMPLETE',
  'EVENING_SEALED',
  'EVENING_NOT_ENDED',
  'DRAFT_CHANGED',
  'ADVICE_INCOMPLETE',
  'ADVICE_EMPTY_SECTIONS',
  'QUOTES_NOT_CONFIRMED',
  'ADVICE_NOT_ISSUED',
  'LINK_REVOKED',
  'LINK_PRINTED',
  'TICKET_REQUIRED',
  'TICKET_INVALID',
  'TICKET_IN_USE',
  'PAPER_CARD_INVALID',
  'PAPER_SAME_MODERATOR',
  'PAPER_CLOSED',
  'PAPER_CARD_NOT_PRINTED',
  'INVALID_STATE',
  'WEIGHTS_INVALID',
  'SCALE_INVALID',
  'ORDER_INVALID',
  'DUPLICATE_NAME',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'ACCOUNT_LOCKED',
  'PASSWORD_INCORRECT',
  'LAST_OWNER',
  'JOIN_BUSY',
  'RECEIPT_NOT_FOUND',
  'RENDER_BUSY',
  'RENDER_TOO_LARGE',
] as const;
/** Every code of the one vocabulary: REST refusals and socket refusals. */
export const ERROR_CODES = [...REST_ONLY_ERROR_CODES, ...SOCKET_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The reasons with their English sentence; `{name}` is a parameter. The locale files have the same
 * keys under `errors` (a unit test checks every reason in Dutch and English, with the same parameters).
 */
export const ERROR_REASONS = {
  // joining and the phone
  joinCodeUnknown: 'There is no evening with this code. Check the code on the poster.',
  eveningNotOpen: 'This evening has not been opened yet: the organisers still have to freeze its setup.',
  ticketRequired: 'This evening admits by ticket. Scan the QR code on your ticket card, or type the code printed on it.',
  ticketCodeMalformed: 'This is not a valid ticket code. Check the code on your card (ten letters and digits).',
  ticketCodeUnknown: 'This ticket code is not valid for this evening. Check the code on your card.',
  ticketInUse: 'This ticket is already in use on another phone. If it is yours, ask the host to release it.',
  ticketReleased: 'This ticket was released for another phone by the organisers, so this phone no longer takes part. If you did not ask for this, tell the host.',
  sessionEnded: 'Your organiser session has ended (logged out, ended on another device, expired, or your account was removed). Log in again to continue.',
  joinAgain: 'Join the evening again.',
  joinFirst: 'Join the evening with its code first.',
  hostLogin: 'Log in as an organiser to run the evening.',
  eveningMissing: 'This evening does not exist.',
  ticketReleasedRejoin:
    'The organisers released this ticket for another phone, so this phone no longer takes part. If that was not at your request, tell the host; to continue here, type the code on your card again.',
  // ballots
  scoringEnded: 'The evening has ended; scoring is closed.',
  bidderNotOnProgramme: 'This bidder is not on the programme of this evening.',
  scoringClosed: 'Scoring for this pitch has closed.',
  scoringNotOpen: 'Scoring for this pitch has not opened yet.',
  ballotTooLate: 'Your ballot arrived after scoring for this pitch closed at {time}, so it was not counted. The organisers can see that a ballot arrived too late.',
  ballotChangeTooLate: 'Your change arrived after scoring for this pitch closed at {time}, so it was not counted; your earlier ballot counts.',
  tiedToBidder: 'You declared a tie with this bidder, so you cannot score their pitch.',
  notPresent: 'You joined after this pitch started, so you cannot score it. You can score the pitches that start after you joined.',
  notPresentGrace: 'You joined more than {minutes} min after this pitch started, so you cannot score it. You can score the pitches that start after you joined.',
  noGrades: 'Give a grade for at least one criterion.',
  criterionNotOnEvening: 'This ballot grades a criterion that is not part of this evening.',
  gradeNotOnScale: "Grade {grade} is not on this evening's scale.",
  remarkTooLong: 'A remark has at most {max} characters.',
  // the host's commands on the console (not in the phone's messages: see frontend/src/lib/message-parts.ts)
  'command.eveningEnded': 'The evening has ended.',
  'command.allPitchesDone': 'Every pitch has been given or skipped.',
  'command.pitchAlreadyGiven': 'The pitch of {bidder} has already been given.',
  'command.pitchNotStarted': 'Start the pitch of {bidder} before opening scoring for it.',
  'command.scoringWasClosed': 'Scoring for {bidder} was closed; reopen it instead, with a reason.',
  'command.scoringNeverOpened': 'Scoring for {bidder} has not been opened.',
  'command.reopenOnlyClosed': 'Only closed scoring can be reopened; scoring for {bidder} is not closed.',
  'command.skipOnlyWaiting': 'Only a pitch that has not started can be skipped; the pitch of {bidder} has started.',
  'command.revealBeforeEnd': 'End the evening before revealing the ranking.',
  'command.nothingToReveal': 'No bidder has an overall grade, so there is no ranking to reveal.',
  'command.allRevealed': 'The whole ranking has been revealed.',
  // paper score cards (not in the phone's messages either)
  'paper.freezeFirst': 'Freeze the setup first: a score card shows the frozen criteria and scale.',
  'paper.onlyGrow': '{count} cards per pitch exist already; the number can only grow.',
  'paper.tooManyCards': 'At most {max} score cards fit in one print, all pitches together: with {pitches} pitches, at most {most} cards per pitch.',
  'paper.chooseCardsFirst': 'Choose how many score cards per pitch to print first.',
  'paper.pitchNotGiven': 'This pitch has not been given, so it has no paper cards to enter.',
  'paper.noCardsAtStart': 'Card {card} was not printed: no score cards existed when pitch {pitch} started.',
  'paper.cardNotPrinted': 'Card {card} was not printed before pitch {pitch} started: that pitch has cards 1 to {printed}.',
  'paper.sameModerator': 'You entered card {card} already. A different moderator must type it in the second time.',
  'paper.enteredTwice': 'Card {card} has been entered twice already. Withdraw an entry to retype it.',
  'paper.withdrawOwn': 'Only the moderator who typed an entry can withdraw it.',
  'paper.closed': 'Paper entry closed when the evening ended, the moment the results could be known: cards can no longer be entered, withdrawn or added.',
  // the setup, tickets and the network on the organisers' pages (not in the phone's messages)
  'setup.biddersMax': 'An evening has at most {max} bidders.',
  'setup.criteriaMax': 'An evening has at most {max} criteria.',
  'setup.duplicateBidder': 'There is already a bidder called "{name}".',
  'setup.duplicateCriterion': 'There is already a criterion called "{name}".',
  'setup.frozen': 'The setup of this evening is frozen: bidders, running order, criteria, weights, scale and tender can no longer change.',
  'setup.sealed': 'An advice has been issued for this evening: its title, date, start time, venue and language are printed in it and sealed with its frame, so they can no longer change.',
  'setup.frozenNotDeleted': 'A frozen evening cannot be deleted; it is part of the record.',
  'setup.alreadyFrozen': 'This evening is already frozen.',
  'setup.noFingerprintYet': 'This evening is not frozen yet, so it has no fingerprint.',
  'setup.drawTooFewBidders': 'Add at least two bidders before drawing the running order.',
  'setup.drawContributionsMax': 'A draw takes at most {max} contributions.',
  'setup.orderEveryBidder': 'Give every bidder of this evening exactly once ({count} in all).',
  'setup.orderEveryCriterion': 'Give every criterion of this evening exactly once ({count} in all).',
  'setup.descriptorsNotOnScale': 'levelDescriptors names grades that are not on the scale: {grades}.',
  // the results and the expected attendance (not in the phone's messages)
  'results.notEnded': 'The results are available once the host has ended the evening.',
  'results.exportUnknown': 'Exports are {names}.',
  'joinWatch.freezeFirst': 'Freeze the setup first.',
  'joinWatch.ended': 'The evening has ended: the expected attendance is part of what the advice reports and no longer changes.',
  'tickets.openEvening': 'This evening is open to anyone with the join code. Choose admission by ticket in the setup first.',
  'tickets.max': 'An evening has at most {max} tickets; it has {count} already.',
  'tickets.madeMeanwhile': 'Someone else made tickets for this evening at the same time. Make yours again.',
  'tickets.releaseOnlyInUse': 'Only a ticket in use on a phone can be released.',
  'tickets.unknownNumbers': 'There is no ticket number {numbers} for this evening.',
  'tickets.usedNotReprinted': 'Ticket {numbers} has been used on a phone and cannot be printed again: a new card would let its holder continue as that voter.',
  'procedure.declarationsContradict': 'A role cannot declare an interest and be marked "nothing to declare" at the same time.',
  'procedure.declarationsMax': 'An evening has at most {max} declarations of interest.',
  'procedure.incidentsBeforeFreeze': 'Incidents can be recorded once the setup is frozen.',
  'procedure.incidentsSealed': 'The advice has been issued: the incidents are printed in it and can no longer change.',
  'procedure.incidentsMax': 'An evening has at most {max} incidents.',
  'network.removeSelf': 'You cannot remove yourself from the network. Ask another organiser to do it.',
  // the request itself (on the phone too): the details list what is wrong
  'validation.request': "The request is not valid: check what was filled in.",
  // accounts, invitations and the network's owners (not in the phone's messages)
  'accounts.emailTaken': "An account with this e-mail address already exists. Log in instead.",
  'accounts.emailHasAccount': "This person already has a Buurtjury account; an account belongs to one network.",
  'accounts.invitationInvalid': "This invitation link is not valid any more. Ask for a new one.",
  'accounts.invitationOtherEmail': "This invitation is for {email}. Sign up with that address.",
  'accounts.passwordIncorrect': 'Your current password is not correct.',
  'accounts.lastOwnerRole': "You cannot change the role of the network's only owner. Make another member owner first.",
  'accounts.lastOwnerRemove': "You cannot remove the network's only owner. Make another member owner first.",
  // writing and issuing the advice, its files, and a receipt code (not in the phone's messages)
  'advice.versionNoteMissing': "Say what this version corrects: a later version needs a note.",
  'advice.eveningChanged': "The details of the evening changed while the advice was being issued. Issue it again.",
  'advice.incidentsChanged': "An incident was recorded, changed or removed while the advice was being issued. Issue it again, so that the document prints the incidents as they are now.",
  'advice.printedLink': "This is the address printed in version {version} of the advice; the committee checks the advice through it, so it cannot be withdrawn.",
  'advice.savedMeanwhile': "Someone else saved the advice in the meantime. Reload it to see their changes, then make yours again.",
  'advice.notFitting': "The advice does not fit this evening.",
  'advice.languageUnknown': "The language of a document is one of {languages}.",
  // questions from the room (the phone's question round, the moderators' list)
  'question.control': 'A question cannot contain control characters or line breaks.',
  'question.empty': 'Type your question first.',
  'question.tooShort': 'A question has at least {min} characters.',
  'question.tooLong': 'A question has at most {max} characters.',
  'question.nameTooLong': 'A first name has at most {max} characters.',
  'question.notStarted': 'The evening has not started yet; questions can be asked during the pitches.',
  'question.eveningEnded': 'The evening has ended; no more questions can be asked.',
  'question.notCurrent': 'Questions go to the bidder on stage; this pitch is not being presented now.',
  'question.duringPitch': 'Questions open when the pitch is over, in about {minutes} min.',
  'question.tooMany': 'You asked {max} questions to this bidder already; that is the most one phone can ask.',
  'question.tooManyOpen': 'You have {max} questions waiting or shown for this bidder; ask another when one has been answered.',
  'question.tooSoon': 'Wait {seconds} s before you send another question.',
  'question.unknown': 'This question was not found for this evening.',
  'question.idTaken': 'This question id is already used. Send the question again with a new id.',
  'question.notShown': 'You can only vote for questions that are shown.',
  'question.ownVote': 'You cannot vote for your own question.',
  'question.merged': 'This question was merged into another one; act on that one instead.',
  'question.answerUnshown': 'Only a shown question can be marked answered; approve it first.',
  'question.notAnswered': 'This question is not marked answered.',
  'question.mergeHidden': 'A hidden question cannot be merged; approve it first or leave it hidden.',
  'question.mergeTarget': 'Merge a question into another open question to the same bidder.',
  'advice.fileUnknown': "The file name is not one of this version\u2019s files.",
  'receipt.codeMalformed': "A receipt code is short: letters, digits and a dash, as your phone showed it.",
  // not found
  'signup.closed': 'Signing up for this evening is closed. You can still come and score without signing up, unless the evening admits by ticket.',
  'signup.emailRequired': 'Fill in your e-mail address: the organisers need it to reach you about this evening.',
  'signup.cancelled': 'This sign-up was cancelled. Sign up again on the evening\'s page if you want to come after all.',
  'signup.notSetUp': 'Set up the announcement page first.',
  'signup.ticketUsed': 'Your ticket has already been used to take part, so you can no longer cancel: your scores count. Ask the host if something is wrong.',
  'bidderLink.revoked': 'The organisers withdrew this link to your page. Ask them for a new one.',
  'bidderLink.expired': 'This link to your page expired on {date}. Ask the organisers for a new one.',
  'bidderPage.frozen': 'The setup of this evening is frozen: your answer and your details are fixed as they stand. If something is wrong, contact the organisers.',
  'bidderPage.noDraw': 'The organisers have not committed to a lot draw, so there is nothing to contribute to now.',
  'bidderPage.alreadyContributed': 'You added your contribution to this draw already, at {time}.',
  'bidderPage.contributionsFull': 'This draw takes no more contributions: it has {max} already.',
  'bidderPage.noAdvice': 'The advice has not been issued yet: your feedback sheet comes with it.',
  'bidderPage.emailInvalid': 'This is not a valid e-mail address.',
  'notFound.bidderLink': 'This link to a bidder\'s page is not valid. Check the link in your invitation, or ask the organisers for a new one.',
  'notFound.announcement': 'There is no evening announcement at this address. Check the link.',
  'notFound.signup': 'This sign-up link is not valid. Check the link in your confirmation.',
  'notFound.evening': 'The evening was not found.',
  'notFound.eveningCode': 'An evening with this code was not found.',
  'notFound.committeeLink': 'The committee link was not found.',
  'notFound.bidder': 'The bidder was not found.',
  'notFound.criterion': 'The criterion was not found.',
  'notFound.ticket': 'The ticket was not found.',
  'notFound.member': 'The member was not found.',
  'notFound.invitation': 'The invitation was not found.',
  'notFound.session': 'The session was not found.',
  'notFound.paperEntry': 'The entry was not found.',
  'notFound.incident': 'The incident was not found.',
  'notFound.link': 'This link was not found.',
  'notFound.adviceVersion': 'Version {number} of the advice was not found.',
  'notFound.adviceFile': 'The file "{name}" was not found.',
  'notFound.sealedFrame': 'The sealed frame was not found: it is sealed when the first version of the advice is issued.',
  'notFound.frozenSetup': 'The frozen setup was not found.',
  'notFound.adviceEdition': 'The {lang} edition of version {number} was not found.',
  // permissions
  'forbidden.setup': 'Only the organisers can change an evening; a moderator cannot.',
  'forbidden.advice': 'Only the organisers can write or issue the advice and share it; a moderator cannot.',
  'forbidden.members': 'Only the organisers can invite people to the network, remove members or change their roles.',
  'forbidden.ownership': 'Only an owner can make someone owner, or change or remove an owner.',
  'forbidden.run': 'You cannot run this evening.',
  'forbidden.paper': 'You cannot enter paper ballots.',
  'forbidden.read': 'You cannot see this evening.',
  'forbidden.account': 'You cannot change this account.',
  // issuing the advice
  adviceIncomplete: 'The advice cannot be issued yet.',
  adviceSummaryEmpty: 'Write the summary (Samenvatting) first.',
  adviceRecommendationEmpty: 'Write the advice itself (Advies) first.',
  adviceEmptySections: 'Parts of the advice are empty and would be printed as not written, for good. Issue it with acceptEmpty: true to confirm.',
  adviceBidderEmpty: 'Nothing is written about {bidder}: no strengths, concerns or conditions.',
  // what the setup did not record, which the issued document says as such (a warning before issuing)
  adviceAwardCriteriaNotRecorded: 'The tender\'s award criteria are not recorded in the setup: the document cannot give findings per award criterion and says so.',
  adviceAwardPublishedNotRecorded: 'Where the award criteria were published is not recorded: the document says so.',
  adviceAnnouncedNotRecorded: 'Whether the tender documents announced this evening is not recorded: the document says so and asks the committee to check it.',
  adviceDeclarationsNotRecorded: 'No declarations of interest are recorded, of the network, the moderators or the venue (not even that they have none): the document says so.',
  adviceDeclarationsNetworkNotRecorded: 'No declaration of interest of the organising network is recorded (not even that it has none): the document says ‘nothing recorded’.',
  adviceDeclarationsModeratorNotRecorded: 'No declaration of interest of the moderators is recorded (not even that they have none): the document says ‘nothing recorded’.',
  adviceDeclarationsVenueNotRecorded: 'No declaration of interest of the venue is recorded (not even that it has none): the document says ‘nothing recorded’.',
  // the setup: the freeze checklist, weights and scale
  setupIncomplete: 'The setup cannot be frozen yet: {first}',
  tenderNameMissing: 'Fill in the name of the tender.',
  municipalityMissing: 'Fill in the municipality that issued the tender.',
  tooFewBidders: 'Add at least two bidders; there are {count}.',
  pitchLengthMissing: 'Give the pitch length of {bidder}.',
  bidderDeclined: '{bidder} declined to take part on its page. Remove the bidder, or ask them to confirm, before freezing.',
  noCriteria: 'Add at least one criterion.',
  weightsEmpty: 'Add at least one criterion with a weight.',
  weightsNotWhole: 'Weights are whole percentages.',
  weightsOutOfRange: 'Each weight is between 1 and 100 percent.',
  weightsTotal: 'The weights add up to {total} %; they must add up to exactly 100 %.',
  scaleSize: 'A scale has between {min} and {max} grades; this one has {count}.',
  scaleValues: 'Grade values are whole numbers from 0 to 100.',
  scaleSameValue: 'Two grades have the same value.',
  scaleOrder: 'List the grades from best (highest value) to worst (lowest value).',
  scaleLabelMissing: 'Every grade needs a label.',
  scaleSameLabel: 'Two grades have the same label.',
  scaleNumericLabels: 'On a numeric scale each grade is labelled with its own number.',
  scaleNumericGaps: 'A numeric scale has no gaps (for example 1, 2, 3, 4, 5).',
  scaleUnusable: 'The scale is not usable: {first}',
  // the setup: the tender's award criteria
  awardCriterionUnknown: 'The criterion "{criterion}" maps to "{award}", which is not one of the award criteria recorded in the setup.',
  awardWeightsTotal: 'The published weights of the award criteria add up to {total} %; they must add up to 100 %.',
  awardAnnouncedWhereMissing: 'Say where the tender documents announced the resident evening.',
  awardDuplicate: 'The award criterion "{name}" is listed twice.',
  // the lot draw
  drawSeedMismatch: 'This seed does not match the commitment made at {time}: its SHA-256 is {hash}. Give the seed that was committed.',
  drawNotCommitted: 'Commit a seed first: contributions are added after the commitment and before the draw.',
  drawAlreadyCommitted: 'A seed is already committed for the next draw; draw with it first.',
} as const;
export type ErrorReason = keyof typeof ERROR_REASONS;

/** The `{name}` parameters a sentence uses, also as `{name, plural, …}` in a locale's ICU message (not the `#` inside it). */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

/** Fills `{name}` in a template with its parameter. */
export function fillTemplate(template: string, params: ErrorParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A reason with its parameters and its English sentence. */
export function problem(reason: ErrorReason, params?: ErrorParams): Problem {
  return { reason, ...(params ? { params } : {}), message: fillTemplate(ERROR_REASONS[reason], params) };
}
