/**
 * The built-in library in German, written as a rep in Munich writes to a prospect: "Sie" with
 * the first name (usual in German B2B sales today), short, one ask. After the salutation's comma
 * German carries on in lower case. Same merge fields and fallbacks as the English originals.
 */
import type { TemplateWording } from './types';

const SIGN = '\n\n{{rep.signature}}';
const HI = 'Hallo {{firstName|und guten Tag}},\n\n';

export const DE: Readonly<Record<string, TemplateWording>> = {
  'acknowledge.sms.default': {
    name: 'Bestätigung: kurze SMS mit einer Frage',
    body: 'Hallo {{firstName|und guten Tag}}, hier ist {{rep.name}} von {{rep.company}}. Danke für Ihre Anfrage zu {{topic|unseren Leistungen}}. Brauchen Sie das bald, oder planen Sie noch?',
  },
  'acknowledge.email.default': {
    name: 'Bestätigung: erste E-Mail, eine Frage',
    subject: 'Kurze Frage zu {{topic|Ihren Plänen}}',
    body: `${HI}ich bin {{rep.name}} von {{rep.company}}. Ich melde mich wegen {{topic|Ihrer Pläne}} bei {{company|Ihrem Unternehmen}} und frage lieber nach, als zu raten, was Sie brauchen.\n\nSteht das für die nächsten Monate an, oder eher später?${SIGN}`,
  },
  'acknowledge.email.inbound': {
    name: 'Bestätigung: danke für Ihre Anfrage',
    subject: 'Ihre Anfrage ist angekommen, {{firstName|vielen Dank}}',
    body: `${HI}danke für Ihre Anfrage zu {{topic|unseren Leistungen}}. Ich bin {{rep.name}} und Ihr Ansprechpartner bei {{rep.company}}.\n\nDamit ich mich gut vorbereiten kann: Brauchen Sie das in den nächsten Wochen, oder vergleichen Sie noch Angebote?${SIGN}`,
  },
  'confirm.email.default': {
    name: 'Bestätigung: nächste Schritte und Terminangebot',
    subject: 'Ihre {{topic|Anfrage}}: die nächsten Schritte',
    body: `${HI}danke für Ihre Anfrage zu {{topic|Ihrem Projekt}}. Hier ist {{rep.name}} von {{rep.company}}, ich kümmere mich ab jetzt um Sie.\n\nDie meisten wollen drei Dinge wissen: was es kostet, wie lange es dauert und ob es passt. Ein Gespräch von 15 Minuten klärt alle drei am schnellsten.\n\nWenn das für Sie passt, wählen Sie hier einfach einen Termin: {{rep.bookingLink}}${SIGN}`,
  },
  'confirm.sms.default': {
    name: 'Bestätigung: Eingang + Buchungslink',
    body: 'Hallo {{firstName|und guten Tag}}, {{rep.name}} von {{rep.company}}. Ihre Anfrage zu {{topic|Ihrem Projekt}} ist da. Hier können Sie ein kurzes Gespräch buchen: {{rep.bookingLink}}',
  },
  'call.call.default': {
    name: 'Anruf: Gesprächsleitfaden und Mailbox',
    body: '{{fullName|Diesen Kontakt}} anrufen wegen {{topic|der Anfrage}}\n\nLeitfaden\n- Hallo {{firstName|und guten Tag}}, hier ist {{rep.name}} von {{rep.company}}. Sie hatten nach {{topic|unseren Leistungen}} gefragt. Passt es gerade für zwei Minuten?\n- Eine offene Frage stellen: Was hat Sie gerade jetzt darauf gebracht?\n- Erst zuhören. Wenn es passt, ein 15-minütiges Gespräch zu den Optionen anbieten.\n\nMailbox (unter 30 Sekunden)\nHallo {{firstName|und guten Tag}}, hier ist {{rep.name}} von {{rep.company}}, wegen Ihrer {{topic|Anfrage}}. Ich habe ein paar Ideen für Sie. Rufen Sie mich an oder schreiben Sie mir: {{rep.phone}}. Noch einmal: {{rep.phone}}. Bis bald.',
  },
  'voicemail.voicemail.default': {
    name: 'Mailbox-Nachricht: kurz und persönlich',
    body: 'Hallo {{firstName|und guten Tag}}, hier ist {{rep.name}} von {{rep.company}}, wegen Ihrer {{topic|Anfrage}}. Ich habe eine kurze Idee für Sie. Gern auch per SMS, wenn das einfacher ist. Meine Nummer: {{rep.phone}}. Noch einmal: {{rep.phone}}. Danke!',
  },
  'voicemail-nudge.sms.default': {
    name: 'Nach der Mailbox: lieber per SMS?',
    body: 'Hallo {{firstName|und guten Tag}}, hier {{rep.name}}: {{lastTouch|ich habe versucht, Sie anzurufen}}, wegen {{topic|Ihrer Anfrage}}. Ist SMS für Sie einfacher? Ein kurzes Ja oder Nein genügt.',
  },
  'voicemail-nudge.email.default': {
    name: 'Nach der Mailbox: lieber per E-Mail?',
    subject: 'Zu meinem Anruf: {{topic|Ihre Anfrage}}',
    body: `${HI}{{lastTouch|ich habe versucht, Sie anzurufen}}, es ging um {{topic|Ihre Anfrage}}. Damit wir uns nicht am Telefon verpassen, hier die Kurzfassung: In etwa 15 Minuten zeige ich Ihnen die Optionen und einen ungefähren Preis.\n\nIst Ihnen E-Mail lieber? Antworten Sie einfach hier, dann bleiben wir schriftlich.${SIGN}`,
  },
  'follow-up.email.default': {
    name: 'Nachfassen: nächster Schritt',
    subject: 'Nächster Schritt zu {{topic|Ihrer Anfrage}}',
    body: `${HI}{{lastTouch|ich hatte mich bei Ihnen gemeldet}}, es ging um {{topic|Ihre Anfrage}}. Falls Ihnen E-Mail lieber ist, das würde ich in einem kurzen Gespräch abdecken: die Optionen, die zu {{company|Ihrer Situation}} passen, einen ungefähren Preis und den Zeitrahmen.\n\nHätten Sie diese Woche 15 Minuten Zeit?${SIGN}`,
  },
  'follow-up.sms.default': {
    name: 'Nachfassen: kurze SMS',
    body: 'Hallo {{firstName|und guten Tag}}, {{rep.name}} von {{rep.company}}. Ich helfe Ihnen gern weiter bei {{topic|Ihrer Anfrage}}. Wann passt Ihnen ein Gespräch von 10 Minuten?',
  },
  'follow-up.linkedin.default': {
    name: 'Nachfassen: LinkedIn-Nachricht',
    body: 'Hallo {{firstName|und guten Tag}}, danke für die Vernetzung. Ich betreue bei {{rep.company}} Ihre Frage zu {{topic|unseren Leistungen}}. Würde Ihnen diese Woche ein kurzes Gespräch helfen?',
  },
  'follow-up.task.default': {
    name: 'Nachfassen: Aufgabennotiz',
    body: 'Bei {{fullName|diesem Kontakt}} nachfassen wegen {{topic|der Anfrage}}\n\nLetzten Kontakt ansehen, den Kanal wählen, auf dem die Person zuletzt geantwortet hat, und einen klaren nächsten Schritt schicken.',
  },
  'value.email.case-study': {
    name: 'Mehrwert: Kundenbeispiel',
    subject: 'Wie ein Team wie {{company|Ihres}} das gelöst hat',
    body: `${HI}einer unserer Kunden hatte eine ganz ähnliche Frage zu {{topic|diesem Thema}}. So ist es gelaufen: {{custom.caseStudy}}\n\nIch habe eine einseitige Zusammenfassung mit den Details. Soll ich sie Ihnen schicken?${SIGN}`,
  },
  'value.email.stat': {
    name: 'Mehrwert: eine relevante Zahl',
    subject: 'Eine Zahl zu {{topic|diesem Thema}}',
    body: `${HI}beim Blick auf {{topic|Ihr Projekt}} bei {{company|Ihrem Unternehmen}} ist mir eine Zahl aufgefallen: {{custom.stat}}\n\nWenn das zu Ihren Erfahrungen passt, zeige ich Ihnen in 15 Minuten, was es für Sie bedeutet. Wäre das hilfreich?${SIGN}`,
  },
  'value.email.tip': {
    name: 'Mehrwert: ein kurzer Tipp',
    subject: 'Ein Tipp zu {{topic|Ihrem Projekt}}',
    body: `${HI}woran {{topic|Projekte wie Ihres}} oft hängen: {{custom.tip}}\n\nOhne Verkaufsabsicht. Wenn Sie eine zweite Meinung zu Ihrer Situation möchten, antworten Sie einfach, und ich schaue es mir an.${SIGN}`,
  },
  'value.email.resource': {
    name: 'Mehrwert: Link zur Unterlage mit PS',
    subject: 'Der versprochene Link, {{firstName|wie besprochen}}',
    body: `${HI}hier der Link zu {{topic|der gewünschten Unterlage}}: {{custom.resourceLink}}\n\nFangen Sie mit dem ersten Abschnitt an, er beantwortet, was uns die meisten zuerst fragen. Wenn etwas unklar ist, antworten Sie einfach.${SIGN}\n\nPS: In ein paar Tagen erzähle ich Ihnen kurz, wie ein anderes Team das umgesetzt hat.`,
  },
  'question.email.default': {
    name: 'Frage: eine Frage, ein Wort als Antwort',
    subject: 'Eine Frage zu {{topic|Ihrer Anfrage}}',
    body: `${HI}nur eine Frage, ein Wort als Antwort reicht: Hat {{topic|das Thema}} bei {{company|Ihnen}} in diesem Quartal Priorität, oder später im Jahr?\n\nBeide Antworten helfen mir, Ihnen das Richtige zu schicken.${SIGN}`,
  },
  'question.sms.default': {
    name: 'Frage: mit JA antworten',
    body: 'Hallo {{firstName|und guten Tag}}, hier {{rep.name}}. Darf ich Ihnen eine kurze Übersicht zu {{topic|Ihren Optionen}} schicken? Antworten Sie mit JA, dann kommt sie per SMS.',
  },
  'multi-thread.email.default': {
    name: 'Weitere Ansprechpartner: die richtige Person?',
    subject: 'Die richtige Person bei {{company|Ihrem Unternehmen}}',
    body: `${HI}ich war mit Ihrem Team bei {{company|Ihrem Unternehmen}} zu {{topic|einer aktuellen Anfrage}} im Austausch und bin nicht sicher, ob ich die zuständige Person erreicht habe.\n\nSind Sie das, oder gibt es jemanden, mit dem ich besser sprechen sollte?${SIGN}`,
  },
  'multi-thread.task.default': {
    name: 'Weitere Ansprechpartner: zweiten Kontakt finden',
    body: 'Zweiten Kontakt bei {{company|diesem Unternehmen}} finden\n\n{{fullName|Der Hauptkontakt}} hat auf zwei Kontakte in Folge nicht reagiert. Suchen Sie jemanden, der für {{topic|das Thema}} zuständig wäre (Website oder LinkedIn), legen Sie ihn als Kontakt an und schicken Sie ihm die E-Mail für weitere Ansprechpartner.',
  },
  'meeting-ask.email.default': {
    name: 'Terminanfrage: zwei konkrete Zeiten',
    subject: 'Kurzes Gespräch zu {{topic|Ihrer Anfrage}}',
    body: `${HI}ich würde gern 15 Minuten mit Ihnen über {{topic|Ihre Anfrage}} sprechen und Ihre Fragen beantworten. Passt Ihnen {{meetingSlots}}?\n\nWenn beides nicht geht, wählen Sie hier einen freien Termin: {{rep.bookingLink}}${SIGN}`,
  },
  'meeting-ask.sms.default': {
    name: 'Terminanfrage: zwei Zeiten per SMS',
    body: 'Hallo {{firstName|und guten Tag}}, hier {{rep.name}}. Können wir 15 Minuten über {{topic|Ihre Anfrage}} sprechen, {{meetingSlots}}?',
  },
  'breakup.email.default': {
    name: 'Abschluss: letzte Nachricht, Tür offen',
    subject: 'Ich schließe {{topic|Ihre Anfrage}} vorerst ab',
    body: `${HI}da ich nichts von Ihnen gehört habe, gehe ich davon aus, dass {{topic|das Thema}} gerade keine Priorität hat. Das ist meine letzte Nachricht dazu.\n\nWenn sich das ändert, können Sie jederzeit hier wieder einsteigen: {{rep.reconnectLink}}\n\nAlles Gute.${SIGN}`,
  },
  'breakup.sms.default': {
    name: 'Abschluss: letzte SMS mit Link',
    body: 'Hallo {{firstName|und guten Tag}}, hier {{rep.name}}. Meine letzte SMS zu {{topic|Ihrer Anfrage}}. Wenn sich etwas ändert, melden Sie sich hier: {{rep.reconnectLink}}',
  },
  'final-check-in.email.default': {
    name: 'Letzte Nachfrage: ohne Druck',
    subject: 'Ist {{topic|das Thema}} noch aktuell?',
    body: `${HI}sind Sie noch an Unterstützung bei {{topic|Ihrer Anfrage}} interessiert? Ganz ohne Druck. Wenn der Zeitpunkt nicht passt, ist das völlig in Ordnung, eine Zeile als Antwort genügt mir.${SIGN}`,
  },
  'final-check-in.sms.default': {
    name: 'Letzte Nachfrage: kurze SMS',
    body: 'Hallo {{firstName|und guten Tag}}, ist {{topic|Ihre Anfrage}} noch aktuell? Ganz ohne Druck, ein Ja oder Nein genügt. {{rep.name}}',
  },
  're-engage.email.default': {
    name: 'Wiederaufnahme: nach längerer Pause',
    subject: '{{topic|Ihr Projekt}}: ein paar Monate später',
    body: `${HI}vor einiger Zeit hatten Sie uns zu {{topic|Ihrem Projekt}} gefragt. In ein paar Monaten kann sich viel ändern, deshalb wollte ich hören, wie es steht.\n\nKönnen Sie dabei noch Unterstützung gebrauchen?${SIGN}`,
  },
  're-engage.sms.default': {
    name: 'Wiederaufnahme: kurze SMS',
    body: 'Hallo {{firstName|und guten Tag}}, {{rep.name}} von {{rep.company}}. Vor ein paar Monaten hatten Sie nach {{topic|Ihrem Projekt}} gefragt. Brauchen Sie noch Unterstützung?',
  },
  'after-meeting.email.default': {
    name: 'Nach dem Termin: Zusammenfassung und nächster Schritt',
    subject: 'Zusammenfassung: {{topic|unser Gespräch}} und nächste Schritte',
    body: `${HI}danke für Ihre Zeit heute. Das habe ich mitgenommen:\n\n- Stand: {{custom.meetingNotes}}\n- Nächster Schritt: {{custom.nextStep}}\n\nFalls ich etwas vergessen oder falsch verstanden habe, antworten Sie kurz, dann korrigiere ich es.${SIGN}`,
  },
  'meeting-reminder.sms.default': {
    name: 'Terminerinnerung: kurze SMS',
    body: 'Hallo {{firstName|und guten Tag}}, hier {{rep.name}}: eine Erinnerung an unseren Termin zu {{topic|Ihrem Projekt}}. Brauchen Sie eine andere Zeit? Antworten Sie einfach.',
  },
  'meeting-reminder.email.default': {
    name: 'Terminerinnerung: was vorbereiten',
    subject: 'Erinnerung: unser Termin zu {{topic|Ihrem Projekt}}',
    body: `${HI}eine kurze Erinnerung an unseren Termin zu {{topic|Ihrem Projekt}}. Wenn ich etwas vorbereiten soll oder Sie vorab eine Frage haben, antworten Sie hier.\n\nPasst die Zeit nicht mehr, sagen Sie Bescheid, dann finden wir eine andere.${SIGN}`,
  },
  'linkedin-connect.linkedin.default': {
    name: 'LinkedIn: Vernetzungsnotiz',
    body: 'Hallo {{firstName|und guten Tag}}, danke für Ihr Interesse an {{topic|unserer Arbeit}} bei {{rep.company}}. Ich würde mich freuen, hier in Kontakt zu bleiben. {{rep.name}}',
  },
  'linkedin-engage.linkedin.default': {
    name: 'LinkedIn: auf einen Beitrag reagieren',
    body: 'Mit {{fullName|diesem Kontakt}} auf LinkedIn interagieren\n\nSuchen Sie einen aktuellen Beitrag der Person, der Sie wirklich interessiert, und kommentieren Sie ihn: eine konkrete Beobachtung oder eine eigene Frage. Bleiben Sie beim Beitrag, nicht bei Ihrem Produkt. Keine Links, kein Pitch.',
  },
  'assign.task.default': {
    name: 'Zuweisen: Notiz zum neuen Lead',
    body: 'Neuer Lead: {{fullName|Name unbekannt}}, {{title|ohne Titel}} bei {{company|ohne Firma}}\nThema: {{topic|nicht angegeben}}\nQuelle: {{leadSource|unbekannt}}\nTelefon: {{phone|keins}}\nE-Mail: {{email|keine}}\n\nInnerhalb von 2 Minuten einen Verantwortlichen zuweisen, damit der erste Kontakt rechtzeitig rausgeht.',
  },
};
