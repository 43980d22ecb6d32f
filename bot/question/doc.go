// Package question holds the pure building blocks of the question
// lifecycle: telling a question from chatter in a community channel
// (Detect), seeing the asker close it (IsThanks, IsAcceptReaction) and who was
// asked (Mentions). Nothing here touches Slack, the store or the clock;
// callers pass text. Working hours, by which an unanswered question waits,
// are bot/workhours.
//
// # Reading a message
//
// Detect reads Slack's text as the Events API sends it, in English or French
// (both vocabularies apply to every message; there is no language guess):
//
//   - What is not the author's prose is set aside first: ``` blocks and
//     `inline code`, quoted lines ("&gt; …", everything after "&gt;&gt;&gt;"),
//     <https://…|labels>, bare URLs, <@mentions>, <#channels>, <!here>,
//     :emoji: codes and "quoted titles" on one line. So a "?" in a URL, a
//     code sample, a quote or a title counts for nothing, while "Can <@U1>
//     look at <https://x|this>?" still reads as a sentence.
//   - The rest is lower-cased and folded: accents go (É, é → e), typographic
//     apostrophes and quotes become ' and ", the no-break spaces French puts
//     before "?" become spaces. Then it is cut into sentences (at ? ! . and
//     line breaks; "v1.2" and "a?b=c" do not end one) and tokens ("qu'",
//     "il"; "peut-on" stays whole).
//
// A message is a question when, in that order of precedence:
//
//   - question_mark: a sentence ends with "?" (or "?!", or " ?") and is not
//     set aside: fewer than two words once greetings are skipped ("ok?",
//     "Anyone?"), a social one-liner from a short list ("how are you?",
//     "ça va ?", "quoi de neuf ?"), part of an announcement (opened by
//     "Reminder:", "Nouvel article", "[PSA]"… or by 📣 :tada: :mega: before
//     any word), a shared link's title ("Great read: Is X dead? <link>": a
//     link next to it, a sharing word such as read, talk, podcast, à lire in
//     the message, and no one asking: no I, we, anyone, quelqu'un, mention),
//     or a rhetorical question its author answers ("Why? Because…", "Faut-il
//     migrer ? Spoiler : oui"), or a request for an action rather than for
//     knowledge: a call for volunteers or testers, a review, a vote or a
//     poll, an invitation ("Who wants to…", "Anyone up for lunch?", "qui est
//     partant", "répondez dans le fil"); a message holding such a request
//     asks no help either ("We're looking for volunteers").
//   - interrogative: a clause opens like a question, after greetings and
//     fillers ("Hi all, quick question:"). Word order decides: an English
//     wh-word then an auxiliary ("what is", "which version of X should we"),
//     not a subject ("what we did" is a title); an auxiliary then its subject
//     ("can someone", "does the API"; "do"/"have" want a pronoun, so "Do the
//     review" is an order); French comment + verb ("comment faire", "comment
//     on fait", but not "comment on the PR"), pourquoi, quand est-ce, où est,
//     qui, quel…, combien, lequel…, est-ce que, c'est quoi, and inversions
//     ("peut-on", "faut-il", "y a-t-il", "avez-vous", not "inscrivez-vous").
//     Or a sentence holds a phrase that asks wherever it is: "anyone know",
//     "has anyone", "is there a way", "any idea", "quelqu'un sait",
//     "savez-vous", "je me demandais"…
//   - help_request: "I'm stuck", "need help", "looking for", "can't figure
//     out", "thanks in advance", "je cherche", "besoin d'aide", "je bloque",
//     "un coup de main", "qui peut m'aider", "merci d'avance"…
//
// Otherwise Detect says why not: empty, no_text (only links, mentions, emoji,
// code or quotes), too_short, social, announcement, request, title,
// rhetorical or statement. testdata/labelled.jsonl measures precision and
// recall on real messages.
//
// Known limits. The vocabularies are finite: a question with no "?" that
// opens otherwise ("Kafka or Pulsar for this") is missed, and a statement
// that happens to open like a question ("Tu sais, c'est dur") is taken for
// one. Any "?" sentence of two words or more counts, sarcasm and polls
// included. Announcements are only recognized by how they open; a title is
// only recognized with a sharing word, so "Is this a bug? <link>" is a
// question. Accents being folded, "ou" is only read as "où" before a verb.
// A question written inside quotes or a code block is ignored. Detect costs
// tens of microseconds per kilobyte, linear in the length.
//
// IsThanks is meant for the asker's replies in the question's thread (the
// caller checks who wrote them); a reply that thanks and then asks again, or
// says "but"/"mais"/"still", is not a close.
package question
