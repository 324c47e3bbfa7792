/**
 * Finds English a component would render without the catalogue: JSX text, string literals in JSX
 * expressions ({'Save'}, {ok ? 'On' : 'Off'}, template literals), user-facing attributes
 * (title, aria-label, placeholder, alt, label) and phrases passed to a rendering helper
 * (numberField('base', 'Every lead starts at')). Words only: text without a letter ("·", "→",
 * "…", "1/3") is not language. See ALLOWED for the few words that are the same in every language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Words that read the same in every shipped language: product and site names, and tokens a rep
 * types or sees in a file. Kept short on purpose; anything a rep reads as a sentence belongs in
 * the catalogue.
 */
export const ALLOWED = new Set([
  'Touchbase',
  'Gmail',
  'LinkedIn',
  'HubSpot',
  'Salesforce',
  'Pipedrive',
  'CSV',
  'SMS',
  'JSON',
  'URL',
  'OK',
  // URL schemes in placeholders ("https://…").
  'https',
  'http',
]);

/** Attributes a rep reads or hears. */
const USER_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
]);

export interface Literal {
  file: string;
  line: number;
  text: string;
}

const hasWord = (s: string) => /\p{L}{2,}/u.test(s);

function isAllowed(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return words.every((w) => ALLOWED.has(w));
}

/** Whether a string literal sits where it is shown: JSX child, user attribute, or a branch of one. */
function shownContext(node: ts.Node): boolean {
  let n: ts.Node = node;
  for (let depth = 0; depth < 6 && n.parent; depth++) {
    const p: ts.Node = n.parent;
    if (ts.isJsxExpression(p)) {
      const holder = p.parent;
      if (ts.isJsxAttribute(holder)) return USER_ATTRIBUTES.has(holder.name.getText());
      return ts.isJsxElement(holder) || ts.isJsxFragment(holder);
    }
    if (ts.isJsxAttribute(p)) return USER_ATTRIBUTES.has(p.name.getText());
    // Through conditionals, ?? / ||, and template pieces; not into calls (t('key'), className helpers).
    if (
      ts.isConditionalExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isTemplateSpan(p) ||
      ts.isTemplateExpression(p) ||
      (ts.isBinaryExpression(p) &&
        [
          ts.SyntaxKind.QuestionQuestionToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.PlusToken,
        ].includes(p.operatorToken.kind))
    ) {
      // The condition of a ternary is not shown: only its branches.
      if (ts.isConditionalExpression(p) && p.condition === n) return false;
      n = p;
      continue;
    }
    return false;
  }
  return false;
}

/** Calls whose text arguments are code, not words (CSS selectors, log lines). */
const CODE_CALLS = /(^|\.)(querySelector|querySelectorAll|closest|matches|log|warn|error|info|debug)$/;

/**
 * A phrase passed to a helper that renders it (`numberField('base', 'Every lead starts at')`):
 * an argument of two words or more with a space between. Keys, test ids, class lists and
 * selectors have no standalone words ('tb-row tb-muted', 'scoring-base') or go to CODE_CALLS.
 */
function isPhraseArgument(node: ts.Node, text: string, sf: ts.SourceFile): boolean {
  const call = node.parent;
  if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call))) return false;
  if (!call.arguments?.some((a) => a === node)) return false;
  if (CODE_CALLS.test(call.expression.getText(sf))) return false;
  const words = text.match(/(?<![\p{L}\d_-])\p{L}{2,}(?![\p{L}\d_-])/gu) ?? [];
  return /\S\s+\S/.test(text) && words.length >= 2;
}

/** Every literal English string a .tsx file renders. */
export function literalsIn(file: string, source = readFileSync(file, 'utf8')): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean || !hasWord(clean) || isAllowed(clean)) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: clean });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (
      ts.isJsxAttribute(node) &&
      USER_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    )
      add(node, node.initializer.text);
    else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !ts.isJsxAttribute(node.parent) &&
      (shownContext(node) || isPhraseArgument(node, node.text, sf))
    )
      add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (shownContext(node) || isPhraseArgument(node, text, sf)) add(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every .tsx file under the given folders. */
export function componentFiles(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.tsx')) out.push(p);
    }
  };
  for (const r of roots) walk(r);
  return out.sort();
}
