import { joinTeam, rowsOf, teamDashboard, teammate, teamSetup, teamServer } from './support/team';
import { openDashboard } from './support/dashboard';
import { badge } from './support/extension';
import { E2E_EXTENSION_DIR, expect, test } from './support/fixtures';
import { daytimeZone, openPopup, sendFromPage } from './support/popup';
import { openGmail, seedSettings } from './support/sidebar';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const server = teamServer({ team: ['ana', 'ben'], team2: ['ana', 'ben'], team3: ['ana', 'ben'] });

const lead = (i: number) => ({
  email: `lead${i}@example.com`,
  firstName: `Lead${i}`,
  lastName: 'Test',
  company: '',
  title: '',
  phone: '',
  custom: {},
});

test('Ana sets a round-robin rule in Settings; her import of 4 leads goes 2 and 2; Ben’s badge counts his two after one sync', async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  const a = await teamDashboard(context, extensionId, server, { name: 'Ana', timeZone });
  // Sync off: no Assignment section at all.
  await expect(a.getByTestId('settings-team-sync')).toBeVisible();
  await expect(a.getByTestId('settings-assignment')).toHaveCount(0);
  await sendFromPage(a, 'sync.connect', teamSetup(server, 'ana', 'Ana'));

  const b = await teammate(server);
  try {
    const { worker: swB, id: idB } = b;
    const { page: pb } = await joinTeam(b.context, idB, server, { username: 'ben', name: 'Ben', timeZone });
    // Ana's next sync brings Ben's name, so her rules can name him.
    await sendFromPage(a, 'sync.now', {});

    await a.reload();
    const section = a.getByTestId('settings-assignment');
    await expect(section).toBeVisible();
    await expect(section.getByTestId('assign-empty')).toBeVisible();
    await section.getByTestId('assign-add').click();
    // No rep picked: refused inline, nothing saved.
    await section.getByTestId('assign-save').click();
    await expect(section.getByTestId('assign-problem-1')).toHaveText('Pick at least one rep.');
    await expect(section.getByTestId('assign-message')).toHaveText(
      'Nothing saved: fix the rules marked below.',
    );
    await section.getByTestId('assign-1-rep-Ana').check();
    await section.getByTestId('assign-1-rep-Ben').check();
    await expect(section.getByTestId('assign-problem-1')).toHaveCount(0);
    await expect(section.getByTestId('assign-rule-1')).toContainText('These 2 reps take turns.');
    // A band upside down is caught as typed once the rep has tried to save.
    await section.getByTestId('assign-1-min').fill('80');
    await section.getByTestId('assign-1-max').fill('20');
    await section.getByTestId('assign-save').click();
    await expect(section.getByTestId('assign-problem-1')).toHaveText(
      'The first score is higher than the second.',
    );
    await section.getByTestId('assign-1-min').fill('');
    await section.getByTestId('assign-1-max').fill('');
    await section.getByTestId('assign-save').click();
    await expect(section.getByTestId('assign-message')).toHaveText(
      "Saved. Each rep's new leads follow these rules from their next sync.",
    );
    await section.screenshot({ path: 'tests/e2e/screenshots/team-assign-settings.png' });

    // Ana imports and enrols 4 leads: two stay hers, two go to Ben.
    await sendFromPage(a, 'contacts.import', {
      drafts: [1, 2, 3, 4].map(lead),
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'e2e',
    });
    type C = { email: string; owner?: { id: string; name: string } };
    const ownersA = (await rowsOf<C>(a, 'contacts')).map((c) => c.owner?.name).sort();
    expect(ownersA).toEqual(['Ana', 'Ana', 'Ben', 'Ben']);
    await sendFromPage(a, 'sync.now', {});

    // Ben syncs once: his badge counts his two leads' touches, not Ana's.
    await sendFromPage(pb, 'sync.now', {});
    const contactsB = await rowsOf<C & { id: number }>(pb, 'contacts');
    expect(contactsB.map((c) => c.owner?.name).sort()).toEqual(['Ana', 'Ana', 'Ben', 'Ben']);
    const bens = new Set(contactsB.filter((c) => c.owner?.name === 'Ben').map((c) => c.id));
    type T = { contactId: number; state: string; dueAt: number };
    const now = Date.now();
    const dueB = (await rowsOf<T>(pb, 'touches')).filter((t) => t.state === 'planned' && t.dueAt <= now);
    const bensDue = dueB.filter((t) => bens.has(t.contactId)).length;
    expect(bensDue).toBeGreaterThanOrEqual(2);
    expect(dueB.length).toBeGreaterThan(bensDue);
    await expect.poll(async () => (await badge(swB)).text).toBe(String(bensDue));
    // The rules reached Ben's settings too.
    await openDashboard(pb, idB, 'settings');
    const sectionB = pb.getByTestId('settings-assignment');
    await expect(sectionB.getByTestId('assign-1-rep-Ana')).toBeChecked();
    await expect(sectionB.getByTestId('assign-1-rep-Ben')).toBeChecked();

    // Ben's popup: his two leads in the groups and the header, Ana's two greyed at the end.
    const popupB = await openPopup(b.context, idB);
    await expect(popupB.getByTestId('group-theirs')).toContainText("Teammates' leads");
    const who = (rows: import('@playwright/test').Locator) =>
      rows.evaluateAll((els) => [...new Set(els.map((e) => e.querySelector('strong')?.textContent))].sort());
    const names = (owner: string) =>
      contactsB
        .filter((c) => c.owner?.name === owner)
        .map((c) => `${c.email.split('@')[0]?.replace('lead', 'Lead')} Test`)
        .sort();
    expect(await who(popupB.getByTestId('due-row-theirs'))).toEqual(names('Ana'));
    expect(await who(popupB.getByTestId('due-row'))).toEqual(names('Ben'));
    await expect(popupB.getByTestId('group-theirs').getByTestId('due-owner').first()).toHaveText(
      "· Ana's lead since today",
    );
    await expect(popupB.getByTestId('due-row').getByTestId('due-owner')).toHaveCount(0);
    await popupB.screenshot({ path: 'tests/e2e/screenshots/team-assign-popup.png' });
    await popupB.getByTestId('group-theirs').scrollIntoViewIfNeeded();
    await popupB.screenshot({ path: 'tests/e2e/screenshots/team-assign-popup-theirs.png' });
    // The owner line gives way, never the priority chip: the chip ends inside its row (it was
    // clipped to a blank box when the whole line shared one ellipsis).
    const theirRow = popupB.getByTestId('due-row-theirs').first();
    const chip = await theirRow.getByTestId('priority').boundingBox();
    const line = await theirRow.locator('.tb-due-who').boundingBox();
    expect(chip && line && chip.width > 20 && chip.x + chip.width <= line.x + line.width + 0.5).toBe(true);

    // The contacts list names the teammate on her leads; the drawer says whose lead it is.
    await openDashboard(pb, idB, 'contacts');
    await expect(pb.getByTestId('contact-row')).toHaveCount(4);
    const chips = pb.getByTestId('contact-owner-chip');
    await expect(chips).toHaveText(['Ana', 'Ana']);
    await expect(chips.first()).toHaveAttribute('title', "Ana's lead since today");
    await pb.screenshot({ path: 'tests/e2e/screenshots/team-assign-contacts.png' });
    const anasRow = pb
      .getByTestId('contact-row')
      .filter({ has: pb.getByTestId('contact-owner-chip') })
      .first();
    await anasRow.getByTestId('contact-open').click();
    await expect(pb.getByTestId('drawer-owner')).toContainText("Ana's lead since today");
    await expect(pb.getByTestId('drawer-take-over')).toBeVisible();
    const bensRow = pb
      .getByTestId('contact-row')
      .filter({ hasNot: pb.getByTestId('contact-owner-chip') })
      .first();
    await pb.getByTestId('drawer-close').click();
    await bensRow.getByTestId('contact-open').click();
    await expect(pb.getByTestId('drawer-owner')).toHaveText('Your lead since today');
  } finally {
    await b.close();
  }
});

test("Ben cannot text, mark done or insert a draft for Ana's lead until he takes it over; Ana sees the take-over after sync", async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const BOB = 'bob.buyer@example.org';
  await seedSettings(serviceWorker);
  const ana = await joinTeam(context, extensionId, server, {
    username: 'ana',
    name: 'Ana',
    database: 'team2',
  });
  const a = ana.page;
  expect(ana.joined).toHaveProperty('status');
  // A text first: the sequence opens with an SMS.
  await sendFromPage(a, 'enrol', {
    contact: { email: BOB, firstName: 'Bob', lastName: 'Buyer', phone: '+1 202 555 0147' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'e2e',
  });
  await sendFromPage(a, 'sync.now', {});

  const b = await teammate(server);
  try {
    await seedSettings(b.worker, { name: 'Ben Seller' });
    const ben = await joinTeam(b.context, b.id, server, { username: 'ben', name: 'Ben', database: 'team2' });
    const pb = ben.page;
    expect(ben.joined).toHaveProperty('status');

    const { page, sidebar } = await openGmail(b.context, 'gmail-thread-with-compose.SYNTHETIC.html');
    await expect(sidebar.getByTestId('contact-owner')).toContainText("Ana's lead since today");
    await expect(sidebar.getByTestId('theirs-touch')).toHaveText(
      "Ana's lead: take it over to send, text or mark its touches done (Ana will see it). Take over",
    );
    await expect(sidebar.getByTestId('draft-card')).toHaveAttribute('data-channel', 'sms');
    await expect(sidebar.getByTestId('action-done')).toBeDisabled();
    await expect(sidebar.getByTestId('action-skip')).toBeDisabled();
    await page
      .locator('#touchbase-sidebar')
      .screenshot({ path: 'tests/e2e/screenshots/team-theirs-sidebar.png' });
    // The background refuses too, whatever asks (popup, dashboard, a stale page).
    type T = { id: number; state: string; step: number };
    const [sms] = (await rowsOf<T>(pb, 'touches'))
      .filter((t) => t.state === 'planned')
      .sort((x, y) => x.step - y.step);
    await expect(sendFromPage(pb, 'touch.complete', { touchId: sms?.id, via: 'e2e' })).rejects.toThrow(
      /Ana's lead/,
    );
    // A break-up email into Ben's compose: refused with the reason, nothing inserted.
    await sidebar.getByTestId('quick-breakup').click();
    await expect(sidebar.getByText(/This is Ana's lead/)).toBeVisible();

    // Ben takes over: the touch is his to work.
    await sidebar.getByTestId('take-over-touch').click();
    await expect(sidebar.getByTestId('theirs-touch')).toHaveCount(0);
    await expect(sidebar.getByTestId('contact-owner')).toHaveCount(0);
    await sidebar.getByTestId('action-done').click();
    await expect
      .poll(async () => (await rowsOf<T>(pb, 'touches')).find((t) => t.id === sms?.id)?.state)
      .toBe('done');
    await sendFromPage(pb, 'sync.now', {});

    // Ana, after one sync: Bob is Ben's, and the history says who took him over.
    await sendFromPage(a, 'sync.now', {});
    type C = { email: string; owner?: { name: string } };
    expect((await rowsOf<C>(a, 'contacts')).find((c) => c.email === BOB)?.owner?.name).toBe('Ben');
    const texts = (await rowsOf<{ text?: string }>(a, 'activities')).map((x) => x.text);
    expect(texts).toContain('Ben took this lead over from Ana.');
  } finally {
    await b.close();
  }
});

test("Past the popup's 300-row cap, Ben's header counts and total stay his own when Ana's leads arrive", async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  // 80 leads each: five speed-to-lead touches apiece fall inside the popup's week, so either
  // rep's own 400 already pass the 300-row cap.
  const leads = (who: string) =>
    Array.from({ length: 80 }, (_, i) => ({ ...lead(i), email: `${who}-lead${i}@example.com` }));
  const importLeads = (page: import('@playwright/test').Page, who: string) =>
    sendFromPage(page, 'contacts.import', {
      drafts: leads(who),
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'e2e',
    });
  const b = await teammate(server);
  try {
    const idB = b.id;
    const { page: pb } = await joinTeam(b.context, idB, server, {
      username: 'ben',
      name: 'Ben',
      timeZone,
      database: 'team3',
    });
    await importLeads(pb, 'ben');
    await sendFromPage(pb, 'sync.now', {});

    // Ben's own work alone: the header and the "first N of M" line, past the cap.
    const popupB = await openPopup(b.context, idB);
    const truncated = popupB.getByTestId('popup-truncated');
    await expect(truncated).toBeVisible();
    const summary = await popupB.getByTestId('popup-summary').textContent();
    const total = Number((await truncated.textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(300);
    await expect(popupB.getByTestId('group-theirs')).toHaveCount(0);

    // Ana brings in 80 leads of her own, enrolled after Ben's; Ben syncs once.
    const { page: a } = await joinTeam(context, extensionId, server, {
      username: 'ana',
      name: 'Ana',
      timeZone,
      database: 'team3',
    });
    await importLeads(a, 'ana');
    await sendFromPage(a, 'sync.now', {});
    await sendFromPage(pb, 'sync.now', {});
    type C = { owner?: { name: string } };
    expect((await rowsOf<C>(pb, 'contacts')).filter((c) => c.owner?.name === 'Ana')).toHaveLength(80);

    // Her touches sit among the rows Ben's popup reads (greyed, apart), and none of them
    // reaches his header or his total: the index counts past the cap follow the badge's rule.
    await popupB.reload();
    await expect(popupB.getByTestId('group-theirs')).toBeVisible();
    await expect(popupB.getByTestId('popup-summary')).toHaveText(summary ?? '');
    await expect(truncated).toContainText(`of ${total.toLocaleString('en-US')}`);
    await popupB.screenshot({ path: 'tests/e2e/screenshots/team-popup-cap.png' });
    // The line under the list counts Ben's own rows shown, of his own total.
    await expect(truncated).toHaveText(`Showing the 160 due first of ${total}. The dashboard has the rest.`);
    await truncated.scrollIntoViewIfNeeded();
    await popupB.screenshot({ path: 'tests/e2e/screenshots/team-popup-cap-end.png' });
  } finally {
    await b.close();
  }
});
