/**
 * The built-in library in Brazilian Portuguese, written as a rep in São Paulo writes to a
 * prospect: "você", friendly, short, one ask. Same merge fields and fallbacks as the English
 * originals.
 */
import type { TemplateWording } from './types';

const SIGN = '\n\n{{rep.signature}}';
const HI = 'Olá, {{firstName|tudo bem}}!\n\n';

export const PT_BR: Readonly<Record<string, TemplateWording>> = {
  'acknowledge.sms.default': {
    name: 'Retorno: SMS com uma pergunta',
    body: 'Oi, {{firstName|tudo bem}}! Aqui é {{rep.name}}, da {{rep.company}}. Obrigado pelo interesse em {{topic|nossos serviços}}. Você precisa disso logo ou ainda está planejando?',
  },
  'acknowledge.email.default': {
    name: 'Retorno: primeiro e-mail, uma pergunta',
    subject: 'Uma pergunta rápida sobre {{topic|seus planos}}',
    body: `${HI}Sou {{rep.name}}, da {{rep.company}}. Estou entrando em contato sobre {{topic|seus planos}} na {{company|sua empresa}} e prefiro perguntar a tentar adivinhar do que você precisa.\n\nIsso está nos planos para os próximos meses ou mais para frente?${SIGN}`,
  },
  'acknowledge.email.inbound': {
    name: 'Retorno: obrigado pelo contato',
    subject: 'Recebi seu pedido, {{firstName|obrigado}}',
    body: `${HI}Obrigado pelo interesse em {{topic|nossos serviços}}. Sou {{rep.name}} e vou ser seu contato na {{rep.company}}.\n\nPara eu chegar preparado: você precisa disso nas próximas semanas ou ainda está comparando opções?${SIGN}`,
  },
  'confirm.email.default': {
    name: 'Confirmação: próximos passos e convite para conversar',
    subject: 'Seu pedido de {{topic|orçamento}}: próximos passos',
    body: `${HI}Obrigado pelo seu pedido sobre {{topic|seu projeto}}. Aqui é {{rep.name}}, da {{rep.company}}, e a partir de agora eu cuido de tudo com você.\n\nQuase todo mundo quer saber três coisas: quanto custa, quanto tempo leva e se faz sentido. Uma ligação de 15 minutos é o jeito mais rápido de responder as três.\n\nSe fizer sentido, escolha o horário que for melhor para você: {{rep.bookingLink}}${SIGN}`,
  },
  'confirm.sms.default': {
    name: 'Confirmação: recebido + link para agendar',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}}, da {{rep.company}}. Recebi seu pedido sobre {{topic|seu projeto}}. Agende uma conversa rápida aqui: {{rep.bookingLink}}',
  },
  'call.call.default': {
    name: 'Ligação: roteiro e mensagem de voz',
    body: 'Ligar para {{fullName|este contato}} sobre {{topic|o pedido}}\n\nRoteiro\n- Oi, {{firstName|tudo bem}}? Aqui é {{rep.name}}, da {{rep.company}}. Você pediu informações sobre {{topic|nossos serviços}}. Tem dois minutinhos agora?\n- Faça uma pergunta aberta: o que levou você a procurar isso agora.\n- Escute primeiro. Se fizer sentido, ofereça uma conversa de 15 minutos para ver as opções.\n\nMensagem de voz (menos de 30 segundos)\nOi, {{firstName|tudo bem}}? Aqui é {{rep.name}}, da {{rep.company}}, sobre o seu pedido de {{topic|informações}}. Tenho algumas ideias para você. Me ligue ou mande mensagem no {{rep.phone}}. De novo, {{rep.phone}}. Até logo.',
  },
  'voicemail.voicemail.default': {
    name: 'Mensagem de voz: curta e pessoal',
    body: 'Oi, {{firstName|tudo bem}}? Aqui é {{rep.name}}, da {{rep.company}}, sobre o seu pedido de {{topic|informações}}. Tenho uma ideia rápida para compartilhar. Se for mais fácil, pode me mandar mensagem. Meu número é {{rep.phone}}. De novo, {{rep.phone}}. Obrigado!',
  },
  'voicemail-nudge.sms.default': {
    name: 'Depois da ligação: mais fácil por mensagem?',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}} aqui: {{lastTouch|tentei ligar para você}} sobre {{topic|o seu pedido}}. Fica mais fácil por mensagem? Um sim ou não já basta.',
  },
  'voicemail-nudge.email.default': {
    name: 'Depois da ligação: melhor por e-mail?',
    subject: 'Sobre a minha ligação: {{topic|o seu pedido}}',
    body: `${HI}Estou escrevendo porque {{lastTouch|tentei ligar para você}} sobre {{topic|o seu pedido}}. Para a gente não ficar se desencontrando no telefone, aqui vai o resumo: em uns 15 minutos eu mostro as opções e uma faixa de preço.\n\nPrefere seguir por e-mail? É só responder aqui e continuamos por escrito.${SIGN}`,
  },
  'follow-up.email.default': {
    name: 'Acompanhamento: próximo passo',
    subject: 'Próximo passo sobre {{topic|o seu pedido}}',
    body: `${HI}Estou escrevendo porque {{lastTouch|entrei em contato com você}} sobre {{topic|o seu pedido}}. Caso o e-mail seja melhor para você, isto é o que eu veria numa conversa rápida: as opções que servem para {{company|a sua situação}}, uma faixa de preço e prazos.\n\nVocê teria 15 minutos ainda esta semana?${SIGN}`,
  },
  'follow-up.sms.default': {
    name: 'Acompanhamento: SMS curto',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}}, da {{rep.company}}. Continuo à disposição para ajudar com {{topic|o seu pedido}}. Qual horário é bom para uma ligação de 10 minutos?',
  },
  'follow-up.linkedin.default': {
    name: 'Acompanhamento: mensagem no LinkedIn',
    body: 'Oi, {{firstName|tudo bem}}! Obrigado por aceitar a conexão. Sou eu quem está cuidando da sua pergunta sobre {{topic|nossos serviços}} na {{rep.company}}. Uma conversa rápida esta semana ajudaria?',
  },
  'follow-up.task.default': {
    name: 'Acompanhamento: nota de tarefa',
    body: 'Fazer o acompanhamento de {{fullName|este contato}} sobre {{topic|o pedido}}\n\nVeja o último contato, escolha o canal em que a pessoa já respondeu antes e envie um próximo passo, claro e único.',
  },
  'value.email.case-study': {
    name: 'Valor: caso de cliente',
    subject: 'Como uma equipe como {{company|a sua}} resolveu isso',
    body: `${HI}Um cliente nosso tinha uma dúvida bem parecida com a sua sobre {{topic|isso}}. Veja o que aconteceu: {{custom.caseStudy}}\n\nTenho um resumo de uma página com os detalhes. Quer que eu envie?${SIGN}`,
  },
  'value.email.stat': {
    name: 'Valor: um número relevante',
    subject: 'Um número que vale conhecer sobre {{topic|isso}}',
    body: `${HI}Pensando em {{topic|seu projeto}} na {{company|sua empresa}}, um número me chamou a atenção: {{custom.stat}}\n\nSe isso bate com o que você está vendo, em 15 minutos eu mostro o que significa para você. Seria útil?${SIGN}`,
  },
  'value.email.tip': {
    name: 'Valor: uma dica rápida',
    subject: 'Uma dica para {{topic|seu projeto}}',
    body: `${HI}Uma coisa que costuma atrapalhar {{topic|projetos como o seu}}: {{custom.tip}}\n\nSem segundas intenções. Se quiser uma segunda opinião sobre a sua situação, é só responder que eu dou uma olhada.${SIGN}`,
  },
  'value.email.resource': {
    name: 'Valor: link do material com P.S.',
    subject: 'O link que você pediu, {{firstName|como combinado}}',
    body: `${HI}Aqui está o link para {{topic|o material que você pediu}}: {{custom.resourceLink}}\n\nComece pela primeira parte: ela responde o que quase todo mundo pergunta primeiro. Se algo não ficar claro, é só responder.${SIGN}\n\nP.S. Daqui a alguns dias eu conto como outra equipe colocou isso em prática.`,
  },
  'question.email.default': {
    name: 'Pergunta: uma só, resposta de uma palavra',
    subject: 'Uma pergunta sobre {{topic|o seu pedido}}',
    body: `${HI}Uma pergunta só, e uma palavra já basta: {{topic|isso}} é prioridade para {{company|você}} neste trimestre ou mais para o fim do ano?\n\nQualquer resposta me ajuda a enviar a coisa certa.${SIGN}`,
  },
  'question.sms.default': {
    name: 'Pergunta: responda SIM',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}} aqui. Posso te mandar um resumo rápido de {{topic|suas opções}}? Responda SIM que eu envio por mensagem.',
  },
  'multi-thread.email.default': {
    name: 'Vários contatos: pessoa certa?',
    subject: 'A pessoa certa na {{company|sua empresa}}',
    body: `${HI}Tenho conversado com a sua equipe na {{company|sua empresa}} sobre {{topic|um pedido recente}} e não sei se falei com a pessoa responsável.\n\nÉ você, ou existe alguém mais indicado para eu conversar?${SIGN}`,
  },
  'multi-thread.task.default': {
    name: 'Vários contatos: encontrar um segundo contato',
    body: 'Encontrar um segundo contato na {{company|empresa}}\n\n{{fullName|O contato principal}} não respondeu a dois contatos seguidos. Procure outra pessoa que seria responsável por {{topic|isso}} (site da empresa ou LinkedIn), adicione como contato e envie o e-mail de vários contatos.',
  },
  'meeting-ask.email.default': {
    name: 'Convite para reunião: dois horários concretos',
    subject: 'Conversa rápida sobre {{topic|o seu pedido}}',
    body: `${HI}Queria marcar 15 minutos para falarmos sobre {{topic|o seu pedido}} e tirar as suas dúvidas. Fica bom para você {{meetingSlots}}?\n\nSe nenhum dos dois der certo, escolha outro horário aqui: {{rep.bookingLink}}${SIGN}`,
  },
  'meeting-ask.sms.default': {
    name: 'Convite para reunião: dois horários por SMS',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}} aqui. Podemos conversar 15 minutos sobre {{topic|o seu pedido}}, {{meetingSlots}}?',
  },
  'breakup.email.default': {
    name: 'Encerramento: última mensagem, porta aberta',
    subject: 'Encerrando o assunto: {{topic|o seu pedido}}',
    body: `${HI}Como não tive retorno, imagino que {{topic|isso}} não seja prioridade agora, então esta é a minha última mensagem.\n\nSe o momento mudar, você pode retomar a conversa por aqui quando quiser: {{rep.reconnectLink}}\n\nTudo de bom.${SIGN}`,
  },
  'breakup.sms.default': {
    name: 'Encerramento: último SMS com link',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}} aqui. Última mensagem sobre {{topic|o seu pedido}}. Se o momento mudar, retome por aqui: {{rep.reconnectLink}}',
  },
  'final-check-in.email.default': {
    name: 'Último contato: sem pressão',
    subject: 'Ainda pensando em {{topic|isso}}?',
    body: `${HI}Você ainda tem interesse em ajuda com {{topic|o seu pedido}}? Sem pressão nenhuma. Se não for o momento, tudo bem, e uma linha de resposta já me ajuda.${SIGN}`,
  },
  'final-check-in.sms.default': {
    name: 'Último contato: SMS curto',
    body: 'Oi, {{firstName|tudo bem}}! Ainda tem interesse em ajuda com {{topic|o seu pedido}}? Sem pressão, um sim ou não já basta. {{rep.name}}',
  },
  're-engage.email.default': {
    name: 'Retomar: depois de um longo silêncio',
    subject: 'Sobre {{topic|seu projeto}}, alguns meses depois',
    body: `${HI}Há um tempo você nos procurou sobre {{topic|seu projeto}}. Muita coisa pode mudar em alguns meses, então eu quis saber como ficou.\n\nAinda faz sentido uma ajuda com isso?${SIGN}`,
  },
  're-engage.sms.default': {
    name: 'Retomar: SMS curto',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}}, da {{rep.company}}. Há alguns meses você perguntou sobre {{topic|seu projeto}}. Ainda precisa de uma ajuda?',
  },
  'after-meeting.email.default': {
    name: 'Depois da reunião: resumo e próximo passo',
    subject: 'Resumo: {{topic|nossa conversa}} e próximos passos',
    body: `${HI}Obrigado pelo seu tempo hoje. Foi isto que eu anotei:\n\n- Situação atual: {{custom.meetingNotes}}\n- Próximo passo: {{custom.nextStep}}\n\nSe eu esqueci ou entendi algo errado, é só responder que eu corrijo.${SIGN}`,
  },
  'meeting-reminder.sms.default': {
    name: 'Lembrete de reunião: SMS curto',
    body: 'Oi, {{firstName|tudo bem}}! {{rep.name}} aqui: só lembrando da nossa reunião sobre {{topic|seu projeto}}. Precisa de outro horário? É só responder.',
  },
  'meeting-reminder.email.default': {
    name: 'Lembrete de reunião: o que preparar',
    subject: 'Lembrete: nossa reunião sobre {{topic|seu projeto}}',
    body: `${HI}Só um lembrete da nossa reunião sobre {{topic|seu projeto}}. Se quiser que eu prepare algo, ou tiver uma pergunta para responder antes, é só responder aqui.\n\nSe o horário não servir mais, me avise que encontramos outro.${SIGN}`,
  },
  'linkedin-connect.linkedin.default': {
    name: 'LinkedIn: nota de conexão',
    body: 'Oi, {{firstName|tudo bem}}! Obrigado pelo interesse em {{topic|o que fazemos}} na {{rep.company}}. Quero manter contato por aqui também. {{rep.name}}',
  },
  'linkedin-engage.linkedin.default': {
    name: 'LinkedIn: interagir com uma publicação',
    body: 'Interagir com {{fullName|este contato}} no LinkedIn\n\nEncontre uma publicação recente da pessoa que realmente interesse você e deixe um comentário: uma observação específica ou uma pergunta sua. Fale da publicação, não do seu produto. Sem links, sem venda.',
  },
  'assign.task.default': {
    name: 'Atribuir: nota de novo lead',
    body: 'Novo lead: {{fullName|nome desconhecido}}, {{title|sem cargo}} na {{company|sem empresa}}\nAssunto: {{topic|não informado}}\nOrigem: {{leadSource|desconhecida}}\nTelefone: {{phone|nenhum}}\nE-mail: {{email|nenhum}}\n\nAtribua um responsável em até 2 minutos para o primeiro contato sair a tempo.',
  },
};
