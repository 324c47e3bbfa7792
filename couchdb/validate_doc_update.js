function (newDoc, oldDoc, userCtx) {
  // Touchbase's team library, enforced by the server too (install: README › Running CouchDB for a
  // team). Anyone on the team may edit a shared playbook or template; only the CouchDB user who
  // shared it (its author's `user`) may stop sharing it or delete it, and nobody else may make
  // themselves its author. Server admins are not held to it. Everything else is the extension's
  // business (merge rules, ownership), so other documents pass untouched.
  // The file starts with the function itself: CouchDB and PouchDB both compile it as given.
  if (!oldDoc || oldDoc._deleted) return;
  var id = String(oldDoc._id);
  if (id.indexOf('playbook:') !== 0 && id.indexOf('template:') !== 0) return;
  var roles = (userCtx && userCtx.roles) || [];
  if (roles.indexOf('_admin') !== -1) return;
  var fields = oldDoc.fields || {};
  var author = fields.author && fields.author.v;
  // Shared before the extension named the author's CouchDB user: the extension's own rule only.
  if (!author || typeof author.user !== 'string' || !author.user) return;
  // Already out of the library: sharing it again starts afresh.
  if (fields.deleted && fields.deleted.v === true) return;
  if (userCtx && userCtx.name === author.user) return;
  var refusal =
    'touchbase-author-only: only ' + author.user + ', who shared it, can stop sharing or delete it';
  if (newDoc._deleted) throw { forbidden: refusal };
  var next = newDoc.fields || {};
  if (next.deleted && next.deleted.v === true) throw { forbidden: refusal };
  var nextAuthor = next.author && next.author.v;
  if (!nextAuthor || nextAuthor.id !== author.id || nextAuthor.user !== author.user)
    throw { forbidden: refusal };
}
