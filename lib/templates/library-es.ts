/**
 * The built-in library in Spanish, written as a rep in Madrid or Mexico City writes to a
 * prospect: "tú", short, one ask. Same merge fields and fallbacks as the English originals.
 */
import type { TemplateWording } from './types';

const SIGN = '\n\n{{rep.signature}}';
const HI = 'Hola, {{firstName|buenos días}}:\n\n';

export const ES: Readonly<Record<string, TemplateWording>> = {
  'acknowledge.sms.default': {
    name: 'Acuse: SMS con una pregunta',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}, de {{rep.company}}. Gracias por tu consulta sobre {{topic|nuestros servicios}}. ¿Lo necesitas pronto o aún lo estás planificando?',
  },
  'acknowledge.email.default': {
    name: 'Acuse: primer correo, una pregunta',
    subject: 'Una pregunta rápida sobre {{topic|tu proyecto}}',
    body: `${HI}Soy {{rep.name}}, de {{rep.company}}. Te escribo por {{topic|tu proyecto}} en {{company|tu empresa}}, y prefiero preguntarte antes que suponer lo que necesitas.\n\n¿Es algo para los próximos meses o para más adelante?${SIGN}`,
  },
  'acknowledge.email.inbound': {
    name: 'Acuse: gracias por tu consulta',
    subject: 'Recibí tu solicitud, {{firstName|gracias}}',
    body: `${HI}Gracias por tu consulta sobre {{topic|nuestros servicios}}. Soy {{rep.name}} y seré tu contacto en {{rep.company}}.\n\nPara llegar preparado: ¿lo necesitas en las próximas semanas o todavía estás comparando opciones?${SIGN}`,
  },
  'confirm.email.default': {
    name: 'Confirmación: próximos pasos y propuesta de llamada',
    subject: 'Tu {{topic|solicitud}}: próximos pasos',
    body: `${HI}Gracias por tu solicitud sobre {{topic|tu proyecto}}. Soy {{rep.name}}, de {{rep.company}}, y a partir de ahora me encargo yo.\n\nCasi todo el mundo quiere saber tres cosas: cuánto cuesta, cuánto tarda y si encaja. Una llamada de 15 minutos es la forma más rápida de resolverlas.\n\nSi te parece útil, elige el momento que mejor te venga: {{rep.bookingLink}}${SIGN}`,
  },
  'confirm.sms.default': {
    name: 'Confirmación: recibido + enlace para reservar',
    body: 'Hola, {{firstName|buenas}}. {{rep.name}}, de {{rep.company}}. Recibí tu solicitud sobre {{topic|tu proyecto}}. Reserva una llamada corta aquí: {{rep.bookingLink}}',
  },
  'call.call.default': {
    name: 'Llamada: guion y buzón de voz',
    body: 'Llamar a {{fullName|este contacto}} por {{topic|su solicitud}}\n\nGuion\n- Hola, {{firstName|buenas}}, soy {{rep.name}}, de {{rep.company}}. Nos consultaste por {{topic|nuestros servicios}}. ¿Tienes dos minutos ahora?\n- Haz una pregunta abierta: qué te ha hecho buscar esto ahora.\n- Escucha primero. Si encaja, propón una llamada de 15 minutos para ver opciones.\n\nBuzón de voz (menos de 30 segundos)\nHola, {{firstName|buenas}}, soy {{rep.name}}, de {{rep.company}}, te llamo por tu {{topic|solicitud}}. Tengo un par de ideas para ti. Llámame o escríbeme al {{rep.phone}}. Repito, {{rep.phone}}. Hablamos.',
  },
  'voicemail.voicemail.default': {
    name: 'Mensaje de voz: breve y personal',
    body: 'Hola, {{firstName|buenas}}, soy {{rep.name}}, de {{rep.company}}, sobre tu {{topic|solicitud}}. Tengo una idea rápida que quiero contarte. Si te resulta más fácil, escríbeme un mensaje. Mi número es el {{rep.phone}}. Otra vez, {{rep.phone}}. ¡Gracias!',
  },
  'voicemail-nudge.sms.default': {
    name: 'Tras el buzón: ¿mejor por mensaje?',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}: {{lastTouch|intenté llamarte}} por {{topic|tu solicitud}}. ¿Te va mejor por mensaje? Con un sí o un no me basta.',
  },
  'voicemail-nudge.email.default': {
    name: 'Tras el buzón: ¿mejor por correo?',
    subject: 'Sobre mi llamada: {{topic|tu solicitud}}',
    body: `${HI}Te escribo porque {{lastTouch|intenté llamarte}} por {{topic|tu solicitud}}. Para no seguir persiguiéndonos por teléfono, te lo resumo: en unos 15 minutos te explico las opciones y un precio orientativo.\n\n¿Prefieres seguir por correo? Responde aquí y lo dejamos por escrito.${SIGN}`,
  },
  'follow-up.email.default': {
    name: 'Seguimiento: siguiente paso',
    subject: 'Siguiente paso: {{topic|tu solicitud}}',
    body: `${HI}Te escribo porque {{lastTouch|me puse en contacto contigo}} por {{topic|tu solicitud}}. Por si el correo te va mejor, esto es lo que veríamos en una llamada corta: las opciones que encajan con {{company|tu situación}}, un precio orientativo y plazos.\n\n¿Te viene bien esta semana, 15 minutos?${SIGN}`,
  },
  'follow-up.sms.default': {
    name: 'Seguimiento: SMS corto',
    body: 'Hola, {{firstName|buenas}}. {{rep.name}}, de {{rep.company}}. Sigo a tu disposición para {{topic|tu solicitud}}. ¿A qué hora te va bien una llamada de 10 minutos?',
  },
  'follow-up.linkedin.default': {
    name: 'Seguimiento: mensaje de LinkedIn',
    body: 'Hola, {{firstName|buenas}}, gracias por conectar. Soy quien lleva tu consulta sobre {{topic|nuestros servicios}} en {{rep.company}}. ¿Te ayudaría una llamada corta esta semana?',
  },
  'follow-up.task.default': {
    name: 'Seguimiento: nota de tarea',
    body: 'Hacer seguimiento a {{fullName|este contacto}} por {{topic|su solicitud}}\n\nRevisa el último contacto, elige el canal por el que respondió antes y envía un único paso siguiente, claro.',
  },
  'value.email.case-study': {
    name: 'Valor: caso de cliente',
    subject: 'Cómo lo resolvió un equipo como {{company|el tuyo}}',
    body: `${HI}Un cliente nuestro tenía una duda muy parecida a la tuya sobre {{topic|esto}}. Esto es lo que pasó: {{custom.caseStudy}}\n\nTengo un resumen de una página con los detalles. ¿Te lo envío?${SIGN}`,
  },
  'value.email.stat': {
    name: 'Valor: un dato relevante',
    subject: 'Un dato sobre {{topic|esto}} que conviene conocer',
    body: `${HI}Pensando en {{topic|tu proyecto}} en {{company|tu empresa}}, hay un dato que me llamó la atención: {{custom.stat}}\n\nSi coincide con lo que estás viendo, en 15 minutos te enseño qué significa en tu caso. ¿Te sería útil?${SIGN}`,
  },
  'value.email.tip': {
    name: 'Valor: un consejo rápido',
    subject: 'Un consejo para {{topic|tu proyecto}}',
    body: `${HI}Algo que suele complicar {{topic|proyectos como el tuyo}}: {{custom.tip}}\n\nSin compromiso. Si quieres una segunda opinión sobre tu caso, responde y le echo un vistazo.${SIGN}`,
  },
  'value.email.resource': {
    name: 'Valor: enlace al recurso con posdata',
    subject: 'El enlace que pediste, {{firstName|como prometí}}',
    body: `${HI}Aquí tienes el enlace de {{topic|lo que pediste}}: {{custom.resourceLink}}\n\nEmpieza por la primera sección: responde a lo que casi todo el mundo nos pregunta primero. Si algo no queda claro, respóndeme.${SIGN}\n\nP. D.: En unos días te cuento cómo otro equipo lo puso en práctica.`,
  },
  'question.email.default': {
    name: 'Pregunta: una sola, respuesta de una palabra',
    subject: 'Una pregunta sobre {{topic|tu solicitud}}',
    body: `${HI}Una sola pregunta, y basta con una palabra: ¿{{topic|esto}} es prioridad para {{company|ti}} este trimestre o más adelante en el año?\n\nCualquiera de las dos respuestas me ayuda a enviarte lo adecuado.${SIGN}`,
  },
  'question.sms.default': {
    name: 'Pregunta: responde SÍ',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}. ¿Te envío un resumen breve de {{topic|tus opciones}}? Responde SÍ y te lo mando por aquí.',
  },
  'multi-thread.email.default': {
    name: 'Varios contactos: ¿la persona adecuada?',
    subject: 'La persona adecuada en {{company|tu empresa}}',
    body: `${HI}He estado hablando con tu equipo en {{company|tu empresa}} sobre {{topic|una solicitud reciente}}, y no sé si he dado con la persona que lo lleva.\n\n¿Eres tú, o hay alguien más indicado con quien hablar?${SIGN}`,
  },
  'multi-thread.task.default': {
    name: 'Varios contactos: buscar un segundo contacto',
    body: 'Buscar un segundo contacto en {{company|esta empresa}}\n\n{{fullName|El contacto principal}} no ha respondido a dos contactos seguidos. Busca a otra persona que pueda llevar {{topic|esto}} (web de la empresa o LinkedIn), añádela como contacto y envíale el correo de varios contactos.',
  },
  'meeting-ask.email.default': {
    name: 'Propuesta de reunión: dos horarios concretos',
    subject: 'Llamada rápida sobre {{topic|tu solicitud}}',
    body: `${HI}Me gustaría reservar 15 minutos para repasar {{topic|tu solicitud}} y resolver tus dudas. ¿Te viene bien {{meetingSlots}}?\n\nSi ninguno te encaja, elige otro hueco aquí: {{rep.bookingLink}}${SIGN}`,
  },
  'meeting-ask.sms.default': {
    name: 'Propuesta de reunión: dos horarios por SMS',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}. ¿Hablamos 15 minutos sobre {{topic|tu solicitud}}, {{meetingSlots}}?',
  },
  'breakup.email.default': {
    name: 'Despedida: último correo, puerta abierta',
    subject: 'Cierro el tema de {{topic|tu solicitud}}',
    body: `${HI}Como no he tenido noticias tuyas, entiendo que {{topic|esto}} no es prioridad ahora mismo, así que este será mi último correo.\n\nSi cambia el momento, puedes retomarlo aquí cuando quieras: {{rep.reconnectLink}}\n\nUn saludo.${SIGN}`,
  },
  'breakup.sms.default': {
    name: 'Despedida: último SMS con enlace',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}. Último mensaje sobre {{topic|tu solicitud}}. Si cambia el momento, retómalo aquí: {{rep.reconnectLink}}',
  },
  'final-check-in.email.default': {
    name: 'Último intento: sin presión',
    subject: '¿Sigues con {{topic|esto}}?',
    body: `${HI}¿Sigues interesado en ayuda con {{topic|tu solicitud}}? Sin ninguna presión. Si no es el momento, no pasa nada: con una línea de respuesta me basta.${SIGN}`,
  },
  'final-check-in.sms.default': {
    name: 'Último intento: SMS corto',
    body: 'Hola, {{firstName|buenas}}. ¿Sigues interesado en ayuda con {{topic|tu solicitud}}? Sin presión, con un sí o un no me basta. {{rep.name}}',
  },
  're-engage.email.default': {
    name: 'Reactivar: tras un largo silencio',
    subject: 'Sobre {{topic|tu proyecto}}, unos meses después',
    body: `${HI}Hace un tiempo nos consultaste sobre {{topic|tu proyecto}}. En unos meses pueden cambiar muchas cosas, así que quería saber cómo ha quedado.\n\n¿Todavía te vendría bien una mano?${SIGN}`,
  },
  're-engage.sms.default': {
    name: 'Reactivar: SMS corto',
    body: 'Hola, {{firstName|buenas}}. {{rep.name}}, de {{rep.company}}. Hace unos meses nos consultaste sobre {{topic|tu proyecto}}. ¿Todavía necesitas ayuda?',
  },
  'after-meeting.email.default': {
    name: 'Tras la reunión: resumen y siguiente paso',
    subject: 'Resumen: {{topic|nuestra llamada}} y próximos pasos',
    body: `${HI}Gracias por tu tiempo hoy. Esto es lo que me llevo:\n\n- Situación actual: {{custom.meetingNotes}}\n- Siguiente paso: {{custom.nextStep}}\n\nSi se me ha escapado algo o lo he entendido mal, respóndeme y lo corrijo.${SIGN}`,
  },
  'meeting-reminder.sms.default': {
    name: 'Recordatorio de reunión: SMS corto',
    body: 'Hola, {{firstName|buenas}}. Soy {{rep.name}}: te recuerdo nuestra reunión sobre {{topic|tu proyecto}}. Si necesitas otro horario, responde a este mensaje.',
  },
  'meeting-reminder.email.default': {
    name: 'Recordatorio de reunión: qué preparar',
    subject: 'Recordatorio: nuestra reunión sobre {{topic|tu proyecto}}',
    body: `${HI}Te recuerdo nuestra reunión sobre {{topic|tu proyecto}}. Si quieres que prepare algo, o tienes una pregunta que resolver antes, respóndeme aquí.\n\nSi el horario ya no te va bien, dímelo y buscamos otro.${SIGN}`,
  },
  'linkedin-connect.linkedin.default': {
    name: 'LinkedIn: nota de conexión',
    body: 'Hola, {{firstName|buenas}}, gracias por tu interés en {{topic|lo que hacemos}} en {{rep.company}}. Me gustaría que siguiéramos en contacto también por aquí. {{rep.name}}',
  },
  'linkedin-engage.linkedin.default': {
    name: 'LinkedIn: interactuar con una publicación',
    body: 'Interactuar con {{fullName|este contacto}} en LinkedIn\n\nBusca una publicación reciente suya que te interese de verdad y deja un comentario: una observación concreta o una pregunta tuya. Habla de su publicación, no de tu producto. Sin enlaces ni venta.',
  },
  'assign.task.default': {
    name: 'Asignar: nota de nuevo lead',
    body: 'Nuevo lead: {{fullName|nombre desconocido}}, {{title|sin cargo}} en {{company|sin empresa}}\nTema: {{topic|no indicado}}\nOrigen: {{leadSource|desconocido}}\nTeléfono: {{phone|ninguno}}\nCorreo: {{email|ninguno}}\n\nAsigna un responsable en menos de 2 minutos para que el primer contacto salga a tiempo.',
  },
};
