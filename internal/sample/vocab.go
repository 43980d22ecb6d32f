package sample

// The vocabulary of the communities. Texts are templates whose {keys} are
// filled in by fill (text.go): {ask}/{Ask} and {tip}/{Tip} are a topic's
// question and its matching answer (capitalised with the upper-case key),
// {tip2} another answer of the topic, {topic} and {term} the
// topic's name and words, {link} one of its documents as Slack markup,
// {mention} the person the message is addressed to, {expert} a specialist
// of the topic, {community}, {first} (the author's first name), {team},
// {day}, {file}, {n2} (2 to 9), and for bots {n}, {n3}, {repo}, {date}.
//
// Slack escapes &, < and > in message text: templates avoid them.

// archetype is a kind of community: its craft, language and vocabulary.
type archetype struct {
	name, vocation, lang, tz string
	channels                 []chanSpec // the first is the main channel; at most 3 are used
	topics                   []topic
	titles                   []string // job titles of its members
	teams                    []string
	files                    []docFile
	bot                      *botSpec // nil: no bot posts in this community
	wiki                     string   // base URL of its wiki pages
}

// topic is a subject of a community's craft. asks[i] is answered by tips[i].
type topic struct {
	name  string
	terms []string
	asks  []string // clauses: "how to …", "whether …" / "comment …", "si …"
	tips  []string // clauses starting in lower case, no final full stop
	links []link
}

type link struct{ url, title string }

type docFile struct{ name, title string }

type chanKind int

const (
	chanMain   chanKind = iota // discussions, announcements and questions
	chanHelp                   // mostly questions
	chanAlerts                 // bot notifications and what people say about them
	chanCore                   // private: the core team coordinating
	chanExtra                  // news and links
)

type chanSpec struct {
	name, purpose string
	kind          chanKind
}

// botSpec is an integration posting in a community (subtype bot_message).
type botSpec struct {
	name, realName string
	texts          []string
	repos          []string // {repo}
	acks           []string // what a helper replies when picking an alert up
}

// phrases are the templates of one language.
type phrases struct {
	ask, answer, followUp, second, extra, thanks, sameHere []string
	askContext                                             []string // appended to some asks
	share, shareReply, statement                           []string
	announce, announceReply, fileShare, fileReply          []string
	coord, coordReply, intro, welcome                      []string
	qotw                                                   []string // the question_of_the_week ritual
	wiki                                                   string   // title of a topic's wiki page, %s is the topic
	sites                                                  []string // places of a community's regional variants
	extraChannels                                          []string // suffixes of channels beyond the archetype's
}

func phrasesFor(lang string) *phrases {
	if lang == "fr" {
		return &phrasesFR
	}
	return &phrasesEN
}

var phrasesEN = phrases{
	ask: []string{
		"Does anyone know {ask}?",
		"Quick question about {topic}: does anyone know {ask}?",
		"Hi all 👋 any idea {ask}?",
		"Hey team, I'm trying to figure out {ask}. Any pointers?",
		"Struggling with {term} today 😅 does anyone know {ask}?",
		"Does anyone know {ask}? cc {expert}",
		"How do we handle this one: {ask}? I couldn't find it in the wiki.",
		"{Topic} question: does anyone here know {ask}?",
		"Newbie question, sorry: {ask}?",
	},
	askContext: []string{
		" for the {team} team",
		" on our side",
		" this week",
		" for a new project",
		" again, I know it came up before",
		" without breaking everything",
		" as a first-timer",
	},
	answer: []string{
		"{Tip}.",
		"We had the same issue last quarter. {Tip}.",
		"Short answer: {tip}. Longer version here: {link}",
		"{Tip}. Happy to pair on it if you want.",
		"IIRC {tip}. {expert} might know more.",
		"It depends a bit on {term}, but in general {tip}.",
		"{Tip}. We documented it in {link}",
		"Good question! {Tip}.",
	},
	followUp: []string{
		"Thanks! And what about {term}?",
		"Makes sense. Does that also apply to {term}?",
		"OK, and how does that work with {term}?",
		"Got it. Is there an example somewhere?",
	},
	second: []string{
		"Yes, same idea. {Tip2}.",
		"For {term} it's a bit different: {tip2}.",
		"There's one in the wiki: {link}",
		"Not exactly, {tip2}.",
	},
	extra: []string{
		"Adding to that: {tip2}.",
		"+1 to the above, and {tip2}.",
		"One more thing: {tip2}. See {link}",
	},
	thanks: []string{
		"Thanks {mention}, that worked!",
		"thanks!",
		"Perfect, thank you {mention} 🙏",
		"That did the trick, thanks a lot!",
		"Got it working, thanks all!",
		"Super helpful, thanks!",
	},
	sameHere: []string{"+1, we hit this too", "Following, same question here 👀", "Same question for our team"},
	share: []string{
		"Interesting read on {topic}: {link}",
		"Found this useful for anyone working with {term}: {link}",
		"We wrote up how we handle {topic}, feedback welcome: {link}",
		"Good refresher on {topic} if you have 10 minutes: {link}",
	},
	shareReply: []string{
		"Great read, thanks for sharing!",
		"+1, we do something similar with {term}",
		"Bookmarked 🔖",
		"Nice, this matches what we saw with {term}.",
	},
	statement: []string{
		"TIL: {tip}.",
		"Finally cleaned up our {term} setup. Lesson learned: {tip}.",
		"Heads-up: we're changing how we handle {topic} next month.",
		"PSA: {tip}.",
		"Spent the morning on {term}. {Tip}, if that helps anyone.",
	},
	announce: []string{
		"📣 Reminder: {community} office hours this {day} at 2pm, bring your {topic} questions!",
		"📣 Next show and tell on {day}: {mention} will walk us through their {term} setup.",
		"📣 New page in the wiki about {topic}: {link}",
		"We're looking for volunteers to review the {topic} guidelines. Reply in the thread 🙏",
		"📣 The recording of last week's session on {topic} is up: {link}",
	},
	announceReply: []string{
		"Count me in!",
		"I'll be there 🙋",
		"Happy to help with the review",
		"Thanks for organising this!",
	},
	fileShare: []string{
		"Here are the slides from yesterday's session on {topic}",
		"Sharing our {topic} checklist, feel free to reuse",
		"Draft for review, comments welcome",
		"",
	},
	fileReply: []string{"Thanks, super useful!", "Could we add a section on {term}?", "Looks good to me 👍"},
	coord: []string{
		"Who's hosting office hours this {day}?",
		"Draft agenda for the next meetup is in the doc, please add your topics",
		"Should we invite {mention} to present their work on {term}?",
		"We had {n2} unanswered questions last week, mostly about {topic}. Ideas?",
		"Reminder to review the {topic} guidelines before {day}",
	},
	coordReply: []string{"I can take it", "Good idea, I'll ping them", "I'll look at the {topic} ones", "+1"},
	intro: []string{
		"Hi everyone 👋 I'm {first}, I just joined the {team} team. Keen to learn more about {topic}!",
		"Hello! {first} here, new in {team}. Looking forward to learning from you all.",
		"Hi all, I'm {first} from {team}. I'll probably have lots of questions about {topic} 😅",
	},
	welcome: []string{
		"Welcome {mention}! 🎉",
		"Welcome aboard {mention}! The pinned posts are a good place to start.",
		"Welcome! Don't hesitate to ask, no question is too basic here.",
	},
	qotw: []string{
		"What tool saved you time this week?",
		"What's one thing you learned the hard way this month?",
		"Which doc do you wish existed?",
		"What would you tell a newcomer on their first day?",
	},
	wiki:          "Wiki: %s",
	sites:         []string{"Singapore", "Austin", "Dublin", "Boston", "Bangalore", "Manchester"},
	extraChannels: []string{"news", "events", "random", "projects", "reading", "jobs"},
}

var phrasesFR = phrases{
	ask: []string{
		"Quelqu'un sait {ask} ?",
		"Petite question côté {topic} : quelqu'un sait {ask} ?",
		"Bonjour à tous 👋 est-ce que quelqu'un sait {ask} ?",
		"Quelqu'un s'y connaît en {term} ? Je cherche à savoir {ask}.",
		"Je galère un peu côté {term} 😅 quelqu'un sait {ask} ?",
		"Quelqu'un sait {ask} ? cc {expert}",
		"Qui s'y connaît en {topic} ? J'aimerais savoir {ask}.",
		"Question de débutant, désolé : {ask} ?",
		"Hello, je n'ai rien trouvé sur le wiki : {ask} ? Merci d'avance 🙏",
	},
	askContext: []string{" pour l'équipe {team}", " de notre côté", " cette semaine", " sur un nouveau projet",
		" (je sais que la question est déjà passée)", " sans tout casser", " quand on débute"},
	answer: []string{
		"{Tip}.",
		"On a eu le même souci le trimestre dernier. {Tip}.",
		"En bref : {tip}. Plus de détails ici : {link}",
		"{Tip}. Je peux t'aider à le mettre en place si tu veux.",
		"De mémoire, {tip}. {expert} en saura sans doute plus.",
		"Ça dépend un peu du contexte (en matière de {term} surtout), mais en général {tip}.",
		"{Tip}. C'est documenté ici : {link}",
		"Bonne question ! {Tip}.",
	},
	followUp: []string{
		"Merci ! Et côté {term} ?",
		"D'accord. Et ça vaut aussi en matière de {term} ?",
		"Ok, et comment ça se passe côté {term} ?",
		"Compris. Il y a un exemple quelque part ?",
	},
	second: []string{
		"Oui, même principe. {Tip2}.",
		"Côté {term}, c'est un peu différent : {tip2}.",
		"Il y en a un sur le wiki : {link}",
		"Pas tout à fait : {tip2}.",
	},
	extra: []string{
		"Pour compléter : {tip2}.",
		"+1, et aussi : {tip2}.",
		"Autre point : {tip2}. Voir {link}",
	},
	thanks: []string{
		"Merci {mention}, ça marche !",
		"merci !",
		"Parfait, merci {mention} 🙏",
		"C'était bien ça, merci beaucoup !",
		"Top, merci à tous !",
		"Super utile, merci !",
	},
	sameHere: []string{
		"+1, on a le même problème",
		"Je suis le fil, même question 👀",
		"Même question de notre côté",
	},
	share: []string{
		"Article intéressant, thème {topic} : {link}",
		"Pour ceux qui travaillent côté {term}, ça peut servir : {link}",
		"On a documenté notre approche côté {topic}, vos retours sont les bienvenus : {link}",
		"Bon rappel, thème {topic}, si vous avez dix minutes : {link}",
	},
	shareReply: []string{
		"Très intéressant, merci du partage !",
		"+1, on fait pareil côté {term}",
		"Je garde ça sous le coude 🔖",
		"Ça rejoint ce qu'on a vu en matière de {term}.",
	},
	statement: []string{
		"Appris aujourd'hui : {tip}.",
		"On a enfin remis à plat notre façon de faire côté {topic}. Leçon retenue : {tip}.",
		"Pour info : on change notre façon de travailler côté {topic} le mois prochain.",
		"Rappel utile : {tip}.",
		"Passé la matinée sur un problème de {term}. {Tip}, si ça peut aider quelqu'un.",
	},
	announce: []string{
		"📣 Rappel : permanence {community} ce {day} à 14 h, venez avec vos questions " +
			"(thème du jour : {topic}) !",
		"📣 Prochain partage d'expérience {day} : {mention} nous présentera sa démarche en matière de {term}.",
		"📣 Nouvelle page du wiki, rubrique {topic} : {link}",
		"On cherche des volontaires pour relire le guide {topic}. Répondez dans le fil 🙏",
		"📣 L'enregistrement de la session « {topic} » de la semaine dernière est disponible : {link}",
	},
	announceReply: []string{"Je serai là !", "Je m'inscris 🙋", "Je veux bien relire", "Merci pour l'organisation !"},
	fileShare: []string{
		"Voici les slides de la session « {topic} » d'hier",
		"Je partage notre check-list {topic}, n'hésitez pas à la réutiliser",
		"Brouillon à relire, vos commentaires sont les bienvenus",
		"",
	},
	fileReply: []string{"Merci, très utile !", "On pourrait ajouter une partie « {term} » ?", "Ça me va 👍"},
	coord: []string{
		"Qui anime la permanence ce {day} ?",
		"Le brouillon d'ordre du jour de la prochaine rencontre est dans le doc, ajoutez vos sujets",
		"On invite {mention} à présenter son travail en matière de {term} ?",
		"{n2} questions sans réponse la semaine dernière, surtout côté {topic}. Des idées ?",
		"Pensez à relire le guide {topic} avant {day}",
	},
	coordReply: []string{"Je m'en occupe", "Bonne idée, je le contacte", "Je prends celles côté {topic}", "+1"},
	intro: []string{
		"Bonjour à tous 👋 Je suis {first}, je viens d'arriver dans " +
			"l'équipe {team}. J'ai hâte d'en apprendre plus, notamment en {topic} !",
		"Hello ! {first}, j'arrive dans l'équipe {team}. Au plaisir d'échanger avec vous.",
		"Bonjour, moi c'est {first} ({team}). J'aurai sûrement plein de questions côté {topic} 😅",
	},
	welcome: []string{
		"Bienvenue {mention} ! 🎉",
		"Bienvenue parmi nous {mention} ! Les messages épinglés sont un bon point de départ.",
		"Bienvenue ! N'hésite pas à poser tes questions, il n'y a pas de question bête ici.",
	},
	qotw: []string{
		"Quel outil vous a fait gagner du temps cette semaine ?",
		"Qu'avez-vous appris à vos dépens ce mois-ci ?",
		"Quelle documentation aimeriez-vous voir exister ?",
		"Que diriez-vous à un nouvel arrivant le premier jour ?",
	},
	wiki:          "Wiki : %s",
	sites:         []string{"Lyon", "Nantes", "Toulouse", "Montréal", "Grenoble", "Lille"},
	extraChannels: []string{"actus", "evenements", "divers", "projets", "lectures", "emplois"},
}
