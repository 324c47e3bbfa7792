import { readFileSync } from 'node:fs';
import { type Download, expect, type Page } from '@playwright/test';

/** Reads a finished download's bytes as UTF-8 text (BOM kept). */
export async function downloadText(download: Download): Promise<string> {
  const file = await download.path();
  return readFileSync(file).toString('utf8');
}

/** Opens the dashboard on one tab (options.html#/<tab>). */
export async function openDashboard(page: Page, extensionId: string, tab: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#/${tab}`);
}

/** Chooses `n` generated contacts (`generatedCsv`) as the file on the dashboard's Import tab. */
export async function chooseGeneratedCsv(page: Page, n: number, name = 'leads.csv'): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(generatedCsv(n)),
  });
}

/**
 * Imports `n` generated contacts from the Import tab as a rep does, enrolled in `playbookId` when
 * given, and waits for the summary to count them created.
 */
export async function importGeneratedLeads(
  page: Page,
  extensionId: string,
  n: number,
  playbookId?: string,
): Promise<void> {
  await openDashboard(page, extensionId, 'import');
  await chooseGeneratedCsv(page, n);
  if (playbookId) {
    await page.getByTestId('import-enrol').check();
    await page.getByTestId('import-playbook').selectOption(playbookId);
  }
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-created')).toHaveText(n.toLocaleString('en-US'));
}

/** A generic CSV of `n` plausible contacts (no vendor layout), for volume tests. */
export function generatedCsv(n: number): string {
  const first = [
    'Ada',
    'Grace',
    'Alan',
    'Katherine',
    'Linus',
    'Margaret',
    'Dennis',
    'Barbara',
    'Ken',
    'Radia',
  ];
  const last = [
    'Lovelace',
    'Hopper',
    'Turing',
    'Johnson',
    'Torvalds',
    'Hamilton',
    'Ritchie',
    'Liskov',
    'Thompson',
  ];
  const companies = [
    'Acme Roofing',
    'Northwind Solar',
    'Blue Fern Dental',
    'Harbor HVAC',
    'Granite Legal',
    'Lumen Realty',
  ];
  const lines = ['Name,Email,Company,Job Title,Phone'];
  for (let i = 0; i < n; i++) {
    const f = first[i % first.length];
    const l = last[Math.floor(i / first.length) % last.length];
    const c = companies[i % companies.length];
    lines.push(
      `${f} ${l},${f?.toLowerCase()}.${l?.toLowerCase()}${i}@example.com,${c},Owner,+1 202 555 ${String(i % 10000).padStart(4, '0')}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
