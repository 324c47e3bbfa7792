/**
 * The built-in library in French, written as a rep in Paris writes to a prospect: "vous",
 * short, one ask, French spacing before "?" and ":". Same merge fields and fallbacks as the
 * English originals.
 */
import type { TemplateWording } from './types';

const SIGN = '\n\n{{rep.signature}}';
const HI = 'Bonjour {{firstName|à vous}},\n\n';

export const FR: Readonly<Record<string, TemplateWording>> = {
  'acknowledge.sms.default': {
    name: 'Accusé : SMS avec une question',
    body: "Bonjour {{firstName|à vous}}, c'est {{rep.name}} de {{rep.company}}. Merci pour votre demande au sujet de {{topic|nos services}}. C'est pour bientôt, ou vous êtes encore en réflexion ?",
  },
  'acknowledge.email.default': {
    name: 'Accusé : premier e-mail, une question',
    subject: 'Une petite question sur {{topic|votre projet}}',
    body: `${HI}Je suis {{rep.name}}, de {{rep.company}}. Je vous écris au sujet de {{topic|votre projet}} chez {{company|vous}}, et je préfère vous poser la question plutôt que deviner vos besoins.\n\nEst-ce prévu dans les prochains mois, ou plus tard ?${SIGN}`,
  },
  'acknowledge.email.inbound': {
    name: 'Accusé : merci pour votre demande',
    subject: 'Bien reçu, {{firstName|merci}}',
    body: `${HI}Merci pour votre demande au sujet de {{topic|nos services}}. Je suis {{rep.name}} et je serai votre interlocuteur chez {{rep.company}}.\n\nPour bien préparer notre échange : c'est un besoin pour les prochaines semaines, ou vous comparez encore les offres ?${SIGN}`,
  },
  'confirm.email.default': {
    name: 'Confirmation : la suite et proposition de rendez-vous',
    subject: 'Votre {{topic|demande}} : la suite',
    body: `${HI}Merci pour votre demande concernant {{topic|votre projet}}. Je suis {{rep.name}}, de {{rep.company}}, et je m'occupe de vous à partir de maintenant.\n\nLa plupart des gens veulent savoir trois choses : le prix, le délai et si c'est adapté. Un appel de 15 minutes est le moyen le plus rapide d'y répondre.\n\nSi cela vous convient, choisissez le créneau qui vous arrange : {{rep.bookingLink}}${SIGN}`,
  },
  'confirm.sms.default': {
    name: 'Confirmation : bien reçu + lien de réservation',
    body: 'Bonjour {{firstName|à vous}}, {{rep.name}} de {{rep.company}}. Votre demande au sujet de {{topic|votre projet}} est bien reçue. Réservez un court appel ici : {{rep.bookingLink}}',
  },
  'call.call.default': {
    name: 'Appel : trame et message vocal',
    body: "Appeler {{fullName|ce contact}} au sujet de {{topic|sa demande}}\n\nTrame\n- Bonjour {{firstName|à vous}}, c'est {{rep.name}} de {{rep.company}}. Vous nous avez contactés au sujet de {{topic|nos services}}. Vous avez deux minutes ?\n- Posez une question ouverte : qu'est-ce qui vous amène à vous y intéresser maintenant.\n- Écoutez d'abord. Si cela correspond, proposez un appel de 15 minutes pour voir les options.\n\nMessage vocal (moins de 30 secondes)\nBonjour {{firstName|à vous}}, c'est {{rep.name}} de {{rep.company}}, au sujet de votre {{topic|demande}}. J'ai quelques idées pour vous. Rappelez-moi ou écrivez-moi au {{rep.phone}}. Je répète, {{rep.phone}}. À bientôt.",
  },
  'voicemail.voicemail.default': {
    name: 'Message vocal : court et personnel',
    body: "Bonjour {{firstName|à vous}}, c'est {{rep.name}} de {{rep.company}}, suite à votre {{topic|demande}}. J'ai une idée rapide à vous proposer. Un SMS me va très bien si c'est plus simple. Mon numéro : {{rep.phone}}. Je répète, {{rep.phone}}. Merci !",
  },
  'voicemail-nudge.sms.default': {
    name: 'Après le message vocal : plus simple par SMS ?',
    body: "Bonjour {{firstName|à vous}}, {{rep.name}} ici : {{lastTouch|j'ai essayé de vous appeler}} au sujet de {{topic|votre demande}}. Est-ce plus simple par SMS ? Un oui ou un non suffit.",
  },
  'voicemail-nudge.email.default': {
    name: 'Après le message vocal : plutôt par e-mail ?',
    subject: 'Suite à mon appel : {{topic|votre demande}}',
    body: `${HI}Je me permets de vous écrire : {{lastTouch|j'ai essayé de vous joindre}} au sujet de {{topic|votre demande}}. Pour éviter de nous courir après au téléphone, voici l'essentiel : en 15 minutes environ, je vous présente les options et un ordre de prix.\n\nVous préférez l'e-mail ? Répondez ici et on continue par écrit.${SIGN}`,
  },
  'follow-up.email.default': {
    name: 'Relance : prochaine étape',
    subject: 'Prochaine étape pour {{topic|votre demande}}',
    body: `${HI}Je reviens vers vous : {{lastTouch|je vous ai contacté}} au sujet de {{topic|votre demande}}. Si l'e-mail vous convient mieux, voici ce que je verrais avec vous lors d'un court appel : les options adaptées à {{company|votre situation}}, un ordre de prix et les délais.\n\nAuriez-vous 15 minutes cette semaine ?${SIGN}`,
  },
  'follow-up.sms.default': {
    name: 'Relance : SMS court',
    body: 'Bonjour {{firstName|à vous}}, {{rep.name}} de {{rep.company}}. Je reste à votre disposition pour {{topic|votre demande}}. Quand seriez-vous disponible pour un appel de 10 minutes ?',
  },
  'follow-up.linkedin.default': {
    name: 'Relance : message LinkedIn',
    body: "Bonjour {{firstName|à vous}}, merci pour la mise en relation. C'est moi qui m'occupe de votre question sur {{topic|nos services}} chez {{rep.company}}. Un court appel cette semaine vous aiderait-il ?",
  },
  'follow-up.task.default': {
    name: 'Relance : note de tâche',
    body: 'Relancer {{fullName|ce contact}} au sujet de {{topic|sa demande}}\n\nRelisez le dernier échange, choisissez le canal sur lequel la personne a déjà répondu et envoyez une seule prochaine étape, claire.',
  },
  'value.email.case-study': {
    name: 'Valeur : cas client',
    subject: 'Comment une équipe comme {{company|la vôtre}} a fait',
    body: `${HI}Un de nos clients avait une question très proche de la vôtre au sujet de {{topic|ce sujet}}. Voici ce qui s'est passé : {{custom.caseStudy}}\n\nJ'ai une synthèse d'une page avec les détails. Voulez-vous que je vous l'envoie ?${SIGN}`,
  },
  'value.email.stat': {
    name: 'Valeur : un chiffre utile',
    subject: 'Un chiffre à connaître sur {{topic|ce sujet}}',
    body: `${HI}En pensant à {{topic|votre projet}} chez {{company|vous}}, un chiffre m'a frappé : {{custom.stat}}\n\nSi cela correspond à ce que vous constatez, je peux vous montrer en 15 minutes ce que cela change pour vous. Est-ce que cela vous serait utile ?${SIGN}`,
  },
  'value.email.tip': {
    name: 'Valeur : un conseil rapide',
    subject: 'Un conseil pour {{topic|votre projet}}',
    body: `${HI}Un point qui bloque souvent {{topic|les projets comme le vôtre}} : {{custom.tip}}\n\nSans arrière-pensée commerciale. Si vous voulez un deuxième avis sur votre situation, répondez-moi et j'y jette un œil.${SIGN}`,
  },
  'value.email.resource': {
    name: 'Valeur : lien vers la ressource avec P.-S.',
    subject: 'Le lien promis, {{firstName|comme convenu}}',
    body: `${HI}Voici le lien pour {{topic|la ressource demandée}} : {{custom.resourceLink}}\n\nCommencez par la première partie : elle répond à ce qu'on nous demande le plus souvent. Si quelque chose n'est pas clair, répondez simplement à ce message.${SIGN}\n\nP.-S. Dans quelques jours, je vous raconterai comment une autre équipe l'a mis en pratique.`,
  },
  'question.email.default': {
    name: 'Question : une seule, réponse en un mot',
    subject: 'Une question sur {{topic|votre demande}}',
    body: `${HI}Une seule question, et un mot suffit : {{topic|ce sujet}} est-il une priorité pour {{company|vous}} ce trimestre, ou plutôt plus tard dans l'année ?\n\nLes deux réponses m'aident à vous envoyer ce qui vous sera utile.${SIGN}`,
  },
  'question.sms.default': {
    name: 'Question : répondez OUI',
    body: 'Bonjour {{firstName|à vous}}, {{rep.name}} ici. Je vous envoie un court récapitulatif de {{topic|vos options}} ? Répondez OUI et je vous le transmets par SMS.',
  },
  'multi-thread.email.default': {
    name: 'Multi-contacts : la bonne personne ?',
    subject: 'La bonne personne chez {{company|vous}}',
    body: `${HI}J'ai échangé avec votre équipe chez {{company|vous}} au sujet de {{topic|une demande récente}}, et je ne suis pas sûr d'avoir trouvé la personne en charge.\n\nEst-ce vous, ou y a-t-il quelqu'un de mieux placé à qui m'adresser ?${SIGN}`,
  },
  'multi-thread.task.default': {
    name: 'Multi-contacts : trouver un second contact',
    body: "Trouver un second contact chez {{company|cette entreprise}}\n\n{{fullName|Le contact principal}} n'a pas répondu à deux relances de suite. Cherchez une autre personne en charge de {{topic|ce sujet}} (site de l'entreprise ou LinkedIn), ajoutez-la comme contact et envoyez-lui l'e-mail multi-contacts.",
  },
  'meeting-ask.email.default': {
    name: 'Demande de rendez-vous : deux créneaux précis',
    subject: 'Un court appel au sujet de {{topic|votre demande}}',
    body: `${HI}J'aimerais prendre 15 minutes pour faire le point sur {{topic|votre demande}} et répondre à vos questions. Seriez-vous disponible {{meetingSlots}} ?\n\nSi aucun ne vous convient, choisissez un autre créneau ici : {{rep.bookingLink}}${SIGN}`,
  },
  'meeting-ask.sms.default': {
    name: 'Demande de rendez-vous : deux créneaux par SMS',
    body: 'Bonjour {{firstName|à vous}}, {{rep.name}} ici. Pourrions-nous parler 15 minutes de {{topic|votre demande}}, {{meetingSlots}} ?',
  },
  'breakup.email.default': {
    name: 'Dernier message : porte ouverte',
    subject: 'Je clôture {{topic|votre demande}}',
    body: `${HI}Sans nouvelles de votre part, je suppose que {{topic|ce sujet}} n'est pas une priorité en ce moment : ce sera donc mon dernier message.\n\nSi les choses changent, vous pouvez reprendre contact ici quand vous voulez : {{rep.reconnectLink}}\n\nBonne continuation.${SIGN}`,
  },
  'breakup.sms.default': {
    name: 'Dernier message : SMS avec lien',
    body: 'Bonjour {{firstName|à vous}}, {{rep.name}} ici. Dernier SMS de ma part au sujet de {{topic|votre demande}}. Si les choses changent, reprenez contact ici : {{rep.reconnectLink}}',
  },
  'final-check-in.email.default': {
    name: 'Dernière relance : sans pression',
    subject: 'Toujours intéressé par {{topic|ce sujet}} ?',
    body: `${HI}Êtes-vous toujours intéressé par de l'aide pour {{topic|votre demande}} ? Aucune pression. Si ce n'est pas le bon moment, c'est tout à fait normal, et une ligne de réponse me suffit.${SIGN}`,
  },
  'final-check-in.sms.default': {
    name: 'Dernière relance : SMS court',
    body: "Bonjour {{firstName|à vous}}, toujours intéressé par de l'aide pour {{topic|votre demande}} ? Aucune pression, un oui ou un non me suffit. {{rep.name}}",
  },
  're-engage.email.default': {
    name: 'Reprise de contact : après un long silence',
    subject: '{{topic|Votre projet}}, quelques mois plus tard',
    body: `${HI}Il y a quelque temps, vous nous aviez contactés au sujet de {{topic|votre projet}}. Beaucoup de choses peuvent changer en quelques mois, alors je voulais savoir où vous en êtes.\n\nUn coup de main vous serait-il encore utile ?${SIGN}`,
  },
  're-engage.sms.default': {
    name: 'Reprise de contact : SMS court',
    body: "Bonjour {{firstName|à vous}}, {{rep.name}} de {{rep.company}}. Il y a quelques mois, vous nous aviez contactés au sujet de {{topic|votre projet}}. Toujours besoin d'un coup de main ?",
  },
  'after-meeting.email.default': {
    name: 'Après le rendez-vous : compte rendu et prochaine étape',
    subject: 'Compte rendu : {{topic|notre appel}} et prochaines étapes',
    body: `${HI}Merci pour votre temps aujourd'hui. Voici ce que j'en retiens :\n\n- Où en sont les choses : {{custom.meetingNotes}}\n- Prochaine étape : {{custom.nextStep}}\n\nSi j'ai oublié ou mal compris quelque chose, répondez-moi et je corrige.${SIGN}`,
  },
  'meeting-reminder.sms.default': {
    name: 'Rappel de rendez-vous : SMS court',
    body: "Bonjour {{firstName|à vous}}, {{rep.name}} ici : petit rappel de notre rendez-vous au sujet de {{topic|votre projet}}. Besoin d'un autre créneau ? Répondez simplement.",
  },
  'meeting-reminder.email.default': {
    name: 'Rappel de rendez-vous : quoi préparer',
    subject: 'Rappel : notre rendez-vous au sujet de {{topic|votre projet}}',
    body: `${HI}Petit rappel de notre rendez-vous au sujet de {{topic|votre projet}}. Si vous voulez que je prépare quelque chose, ou si vous avez une question à régler avant, répondez ici.\n\nSi l'horaire ne vous convient plus, dites-le-moi et nous en trouverons un autre.${SIGN}`,
  },
  'linkedin-connect.linkedin.default': {
    name: 'LinkedIn : note de connexion',
    body: "Bonjour {{firstName|à vous}}, merci pour votre intérêt pour {{topic|notre activité}} chez {{rep.company}}. J'aimerais rester en contact ici aussi. {{rep.name}}",
  },
  'linkedin-engage.linkedin.default': {
    name: 'LinkedIn : réagir à une publication',
    body: 'Interagir avec {{fullName|ce contact}} sur LinkedIn\n\nTrouvez une publication récente de cette personne qui vous intéresse vraiment et laissez un commentaire : une observation précise ou une vraie question. Parlez de sa publication, pas de votre produit. Pas de lien, pas de démarchage.',
  },
  'assign.task.default': {
    name: 'Attribuer : note de nouveau lead',
    body: 'Nouveau lead : {{fullName|nom inconnu}}, {{title|sans fonction}} chez {{company|sans entreprise}}\nSujet : {{topic|non précisé}}\nSource : {{leadSource|inconnue}}\nTéléphone : {{phone|aucun}}\nE-mail : {{email|aucun}}\n\nAttribuez un responsable dans les 2 minutes pour que le premier contact parte à temps.',
  },
};
