package question

// The word lists behind Detect and IsThanks, English then French, written as
// people type them: they are normalized like messages (lower case, no
// accents, ’ → '), and a hyphenated entry also matches with spaces.

// What opens a message before its substance: greetings, fillers and, after a
// greeting or a mention, whom it is addressed to.
var (
	greetings = newPhrases([]string{
		"hi", "hey", "hello", "hiya", "heya", "howdy", "yo", "morning", "good morning",
		"good afternoon", "good evening", "hey there", "hi there", "hello there",
	}, []string{"bonjour", "bonsoir", "salut", "coucou", "re", "hello"})
	fillers = newPhrases([]string{
		"so", "ok", "okay", "and", "also", "but", "btw", "hmm", "hm", "um", "uh", "sorry",
		"question", "quick question", "quick q", "quick one", "dumb question", "silly question",
		"stupid question", "noob question", "newbie question", "random question", "general question",
		"a question", "one question", "another question",
	}, []string{
		"alors", "du coup", "bon", "et", "mais", "sinon", "au fait", "d'ailleurs", "desole", "dites",
		"dis", "question", "petite question", "une question", "question rapide", "question bete",
		"question idiote", "autre question", "une autre question", "svp", "stp",
	})
	vocatives = newPhrases([]string{
		"all", "everyone", "everybody", "folks", "team", "guys", "people", "friends", "there",
		"y'all", "you all", "all of you", "experts", "gang", "crew",
	}, []string{
		"a tous", "a toutes", "a tous et a toutes", "tout le monde", "la team", "l'equipe",
		"les amis", "les gens", "la compagnie", "les collegues", "les copains", "a vous",
		"messieurs dames", "la communaute", "team",
	})
	// trailers close social one-liners: "how is everyone today?".
	trailers = newPhrases([]string{
		"all", "everyone", "everybody", "folks", "team", "guys", "people", "y'all", "you all",
		"today", "this morning", "this week", "then", "tout le monde", "a tous", "a toutes",
		"la team", "les amis", "les gens", "aujourd'hui", "ce matin", "cette semaine", "alors",
	})
)

// social one-liners are questions nobody needs to answer. A sentence is
// social when, greetings and trailers aside, it is exactly one of these.
var social = newSet([]string{
	"how are you", "how are you doing", "how are u", "how r u", "how are things", "how is everyone",
	"how's everyone", "how is everyone doing", "how's everyone doing", "how's it going",
	"how is it going", "how are we", "how are we doing", "how are we all doing", "how's life",
	"how are you all", "how are you all doing", "how are y'all", "how are y'all doing",
	"how are you guys", "how are you guys doing", "how is everybody", "how's everybody",
	"how was your weekend", "how was the weekend", "how was your day", "how's your day",
	"how's your week going", "how's the week going", "how was your holiday", "how were the holidays",
	"did you have a good weekend", "had a good weekend", "what's up", "whats up", "sup", "wassup",
	"what's new", "whats new", "what a day", "what a week", "what a game", "what a ride", "who cares",
	"why not", "guess what", "you know what", "right", "really", "seriously", "isn't it", "is it",
	"am i right", "ready", "who's in", "who's with me", "who's coming", "who is coming",
	"who's joining", "how cool is that", "how awesome is that", "how great is that", "happy friday",
	"happy monday", "you know", "you think", "no way", "for real", "what else", "why",
	"how come", "what", "huh", "eh", "ok", "okay", "see you", "see you there",
}, []string{
	"ca va", "comment ca va", "comment va", "comment allez-vous", "comment vas-tu", "comment vous allez",
	"comment tu vas", "vous allez bien", "tu vas bien", "ca va bien", "tout va bien",
	"tout le monde va bien", "quoi de neuf", "quoi de beau", "bien ou bien", "ca roule", "la forme",
	"en forme", "bon week-end", "bon weekend", "bonne semaine", "bonne journee",
	"vous avez passe un bon week-end", "bon week-end a tous", "c'est pas beau ca", "c'est pas beau",
	"quelle journee", "quelle semaine", "quelle soiree", "qui dit mieux", "pourquoi pas",
	"n'est-ce pas", "c'est vrai", "vraiment", "serieux", "serieusement", "ah bon", "non", "hein",
	"tu crois", "vous croyez", "sans blague", "qui est partant", "qui est chaud", "qui vient",
	"qui est dispo", "qui en est", "on y va", "ca vous dit", "pret", "prets", "c'est parti",
	"quoi", "pourquoi", "comment", "ok",
})

// strong phrases ask wherever they are in a sentence.
var strong = newPhrases([]string{
	"anyone know", "anybody know", "anyone knows", "anyone have", "anyone has", "anyone had",
	"anyone tried", "anyone used", "anyone using", "anyone familiar", "anyone else", "anyone seen",
	"anyone got", "anyone experienced", "anyone run into", "anybody have", "anybody tried",
	"has anyone", "has anybody", "does anyone", "does anybody", "does someone", "did anyone",
	"do any of you", "do you guys", "is there a way", "is there any way", "is there an easy way",
	"is it possible", "any idea", "any ideas", "any clue", "any thoughts", "any tips", "any advice",
	"any suggestion", "any suggestions", "any recommendation", "any recommendations",
	"any pointers", "i wonder", "i was wondering", "wondering if", "wondering whether",
	"wondering how", "wondering why", "not sure how", "not sure if", "not sure whether",
	"not sure what", "not sure why", "how do i", "how can i", "how should i", "how do we",
	"how can we", "how should we", "what's the best way", "what is the best way",
	"can someone", "can anyone", "can anybody", "could someone", "could anyone", "would anyone",
}, []string{
	"quelqu'un sait", "quelqu'un saurait", "quelqu'un connait", "quelqu'un a deja",
	"quelqu'un a une", "quelqu'un a un", "quelqu'un a des", "quelqu'un aurait",
	"quelqu'un a-t-il", "quelqu'un utilise", "quelqu'un peut", "quelqu'un pourrait",
	"qqn sait", "qqn a deja", "qqn connait", "qqn aurait", "qq1 sait", "qq1 a deja",
	"savez-vous", "est-ce que", "est-ce qu'", "je me demande", "je me demandais",
	"une idee de", "une idee pour", "une idee sur", "des idees pour", "des idees sur",
	"vous auriez", "auriez-vous", "sauriez-vous", "connaissez-vous",
})

// help requests ask for help without a question.
// requests ask for an action, not for knowledge: calls for volunteers,
// testers or reviews, votes, polls, invitations. A "?" sentence holding one
// is not a question, and a message holding one asks no help ("We're looking
// for volunteers… Reply in the thread").
var requests = newPhrases([]string{
	"volunteer", "volunteers", "volunteering", "who wants to", "who would like to", "who'd like to",
	"anyone want to", "anyone wants to", "anybody want to", "anyone interested in",
	"anybody interested in", "anyone up for", "who's up for", "who is up for", "anyone keen",
	"guinea pigs", "beta testers", "testers", "reply in the thread", "reply in thread",
	"reply in this thread", "sign up", "signup", "cast your vote", "please vote", "vote for",
	"poll", "doodle", "rsvp", "fill out", "fill in the form", "take a look at this pr",
	"take a look at my pr", "look at this pr", "look at my pr", "review this", "review my pr",
	"review my pull request", "review this pr", "lunch", "join in", "join us",
}, []string{
	"volontaire", "volontaires", "benevole", "benevoles", "qui veut", "qui voudrait",
	"qui est partant", "qui est partante", "qui serait partant", "qui est dispo", "des testeurs",
	"repondez dans le fil", "repondez en fil", "inscrivez-vous", "votez", "sondage",
	"relire ma pr", "relire cette pr", "relire ma merge request", "dejeuner", "rejoignez-nous",
})

var help = newPhrases([]string{
	"i'm stuck", "im stuck", "i am stuck", "i'm blocked", "i am blocked", "we're stuck",
	"we are stuck", "stuck on", "stuck with", "need help", "needs help", "need some help",
	"need a hand", "need your help", "need advice", "need some advice", "looking for",
	"please help", "pls help", "plz help", "help please", "help pls", "help needed", "help me",
	"any help", "would appreciate", "thanks in advance", "thank you in advance", "thx in advance",
	"tia", "can't figure out", "cannot figure out", "cant figure out", "can't seem to",
	"cannot seem to", "i don't understand", "don't understand why", "can't get it to work",
	"struggling with", "struggling to", "having trouble", "having issues", "having an issue",
	"having a problem", "running into", "ran into an issue",
}, []string{
	"je cherche", "on cherche", "je recherche", "nous cherchons", "besoin d'aide",
	"besoin d'un coup de main", "besoin de conseils", "besoin d'un conseil",
	"besoin de vos lumieres", "besoin d'avis", "j'aurais besoin", "un coup de main",
	"un petit coup de main", "je bloque", "je suis bloque", "je suis bloquee", "on bloque",
	"on est bloques", "je galere", "je seche", "je n'arrive pas", "j'arrive pas",
	"je ne comprends pas", "je comprends pas", "qui peut m'aider", "qui pourrait m'aider",
	"quelqu'un peut m'aider", "quelqu'un pourrait m'aider", "pouvez-vous m'aider",
	"pourriez-vous m'aider", "aidez-moi", "merci d'avance", "merci par avance", "help svp",
	"de l'aide",
})

// openers ask when they open a clause.
var openers = newPhrases([]string{
	"how to", "how much", "how many", "how long", "how often", "how come", "how far",
	"what about", "why not", "is there", "are there", "any way to",
}, []string{
	"est ce que", "est ce qu'", "qu'est-ce", "qu'est ce", "c'est quoi", "cest quoi", "c quoi",
	"y a-t-il", "y a t'il", "y'a t'il", "y'a-t-il", "y a-t'il", "il y a moyen", "y a moyen",
	"y'a moyen",
	"peut-on", "faut-il", "avez-vous", "savez-vous", "pouvez-vous", "connaissez-vous",
	"vous savez", "vous connaissez", "vous avez deja", "vous auriez", "vous utilisez",
	"vous pensez", "vous recommandez", "vous conseillez", "tu sais", "tu connais", "tu as deja",
	"t'as deja", "t'aurais", "tu aurais", "tu utilises", "on fait comment", "on fait quoi",
	"une idee", "des idees", "des pistes", "des suggestions", "des recommandations",
	"des retours", "des conseils pour", "cherche", "recherche",
})

// exclamations open what looks like a question and is not one.
var exclamations = newPhrases([]string{
	"what a", "what an", "how cool", "how nice", "how great", "how awesome", "how sad",
}, []string{
	"quel plaisir", "quelle joie", "quel bonheur", "quelle journee", "quelle semaine",
	"quelle belle", "quel beau", "quelle bonne", "quel bon", "quelle horreur", "quel dommage",
	"quelle galere", "quelle surprise", "quelle histoire", "quel talent", "quelle chance",
})

// Announcements (by their first words or first emoji) are not questions even
// when a title in them ends with "?".
var (
	announcements = newPhrases([]string{
		"announcement", "announcing", "reminder", "friendly reminder", "psa", "fyi", "heads up",
		"heads-up", "save the date", "new post", "new article", "new blog post", "new episode",
		"new release", "new video", "webinar", "meetup", "join us",
		"registration is open", "we're hiring", "newsletter", "weekly digest", "this week in",
		"call for papers", "call for speakers", "today's topic", "question of the week",
	}, []string{
		"annonce", "rappel", "petit rappel", "pour info", "nouvel article", "nouveau post",
		"nouvel episode", "nouvelle video", "nouvelle version", "webinaire", "rejoignez-nous",
		"inscrivez-vous", "les inscriptions", "on recrute", "question de la semaine",
		"sujet du jour", "save the date",
	})
	announceEmoji = words("mega", "loudspeaker", "tada", "rocket", "newspaper",
		"rolled_up_newspaper", "calendar", "date", "spiral_calendar_pad", "spiral_calendar",
		"pushpin", "round_pushpin", "bell", "new", "information_source", "studio_microphone",
		"confetti_ball", "partying_face", "sparkles", "calendar_spiral", "loud_sound", "mailbox")
	announceRunes = map[rune]bool{'📣': true, '📢': true, '🎉': true, '🚀': true, '📰': true,
		'📅': true, '📆': true, '🗓': true, '📌': true, '📍': true, '🔔': true, '🆕': true,
		'ℹ': true, '🎙': true, '🎊': true, '🥳': true, '✨': true}
)

// shares mark a message sharing a link (an article, a talk): a "?" in a
// sentence with no one addressed is then a title, not a question.
var shares = newPhrases([]string{
	"article", "post", "blog", "blogpost", "read", "reading", "must read", "talk", "video",
	"podcast", "episode", "webinar", "newsletter", "paper", "slides", "keynote", "tutorial",
	"interesting", "worth", "check out", "til", "released", "release", "published", "is out",
	"replay",
}, []string{
	"a lire", "lecture", "conference", "webinaire", "tuto", "interessant", "interessante",
	"decouvrez", "publie", "sorti", "sortie", "en ligne", "video",
})

// askers are the words of someone asking: the author (I, we, je, nous), or
// whoever they ask (anyone, quelqu'un, a mention). Not "on", which is an
// English preposition as often as a French pronoun.
var askers = words("i", "i'", "me", "my", "we", "us", "our", "anyone", "anybody", "someone",
	"somebody", "je", "j'", "m'", "moi", "mon", "ma", "mes", "nous", "notre", "nos",
	"quelqu'", "qqn", "qq1", string(markMention))

// answers open the sentence after a rhetorical question that the author
// answers themselves: "Why does it matter? Because…".
var answers = newPhrases([]string{
	"because", "cause", "spoiler", "the answer", "short answer", "answer", "simple", "easy",
	"yes", "yep", "nope", "absolutely", "turns out", "here's why", "here is how",
}, []string{
	"parce que", "parce qu'", "car", "la reponse", "reponse", "spoiler", "oui", "absolument",
	"simple", "facile", "eh bien", "voici",
})
