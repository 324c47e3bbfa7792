/**
 * Reads lib/ and the background for the messages they produce: every `msg('key', {...})` /
 * `msgN('key', n, {...})` call (to check against the catalogue), and English a rep could read
 * that bypasses it: a thrown error, a `message` / `problem` / `reason` property, a line of a
 * `problems` / `issues` / `warnings` / `reasons` / `errors` list or map, built from a string literal with words in
 * it, or a sentence a function returns.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface MsgCall {
  file: string;
  line: number;
  key: string;
  plural: boolean;
  /** The parameter names when the params are an object literal; undefined when spread or absent. */
  params?: string[];
  /** The call passes something the scan cannot read (a spread, a variable). */
  opaque: boolean;
}

export interface EnglishSite {
  file: string;
  line: number;
  text: string;
}

/** Every .ts file under the given folders (no tests, no type declarations). */
export function sourceFiles(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const r of roots) walk(r);
  return out.sort();
}

function parse(file: string, source?: string): ts.SourceFile {
  return ts.createSourceFile(file, source ?? readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every msg()/msgN() call with a literal key. */
export function msgCalls(file: string, source?: string): MsgCall[] {
  const sf = parse(file, source);
  const out: MsgCall[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && /^msgN?$/.test(n.expression.text)) {
      const plural = n.expression.text === 'msgN';
      const [first, ...rest] = n.arguments;
      if (first && ts.isStringLiteralLike(first)) {
        const obj = plural ? rest[1] : rest[0];
        let params: string[] | undefined;
        let opaque = false;
        if (obj && ts.isObjectLiteralExpression(obj)) {
          params = [];
          for (const p of obj.properties) {
            if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name)
              params.push(p.name.getText(sf).replace(/^['"]|['"]$/g, ''));
            else opaque = true;
          }
        } else if (obj) opaque = true;
        out.push({
          file,
          line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1,
          key: first.text,
          plural,
          ...(params ? { params } : {}),
          opaque,
        });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** "Could not read the name.": a capital, three words or more, a full stop (or ? ! …). */
const isSentence = (s: string) => /^\p{Lu}\S*(\s+\S+){2,}[.!?…]$/u.test(s.trim());

/** Two words or more, and not a code ('bad-time', 'not-ours'). */
const hasWords = (s: string) => (s.match(/\p{L}{2,}/gu) ?? []).length >= 2 && !/^[a-z0-9-]+$/.test(s);
const SHOWN_PROPERTIES = new Set(['message', 'problem', 'reason']);
/** Lists a rep reads line by line: a literal pushed onto one, or written into one, is shown. */
const SHOWN_LISTS = /^(problems|issues|warnings|reasons|errors)$/;

function literalText(n: ts.Node): string | undefined {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n))
    return [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** The values an expression may take, through parentheses and `? :` branches. */
function branches(e: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(e)) return branches(e.expression);
  if (ts.isConditionalExpression(e)) return [...branches(e.whenTrue), ...branches(e.whenFalse)];
  return [e];
}

/** English built from literals where a rep may read it. */
export function englishSites(file: string, source?: string): EnglishSite[] {
  const sf = parse(file, source);
  const out: EnglishSite[] = [];
  const add = (n: ts.Node, text: string) => {
    if (hasWords(text))
      out.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: text.trim() });
  };
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText(sf))) {
      for (const a of n.arguments ?? []) {
        const text = literalText(a);
        if (text !== undefined) add(a, text);
      }
    } else if (ts.isPropertyAssignment(n) && SHOWN_PROPERTIES.has(n.name.getText(sf))) {
      const text = literalText(n.initializer);
      if (text !== undefined) add(n.initializer, text);
    } else if (
      ts.isPropertyAssignment(n) &&
      SHOWN_LISTS.test(n.name.getText(sf)) &&
      ts.isArrayLiteralExpression(n.initializer)
    ) {
      for (const e of n.initializer.elements) {
        const text = literalText(e);
        if (text !== undefined) add(e, text);
      }
    } else if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left)) &&
      SHOWN_LISTS.test(n.left.expression.getText(sf).replace(/^.*\./, ''))
    ) {
      // errors.url = 'Enter the server address…': a per-field problem a form shows.
      for (const e of branches(n.right)) {
        const text = literalText(e);
        if (text !== undefined) add(e, text);
      }
    } else if (ts.isReturnStatement(n) && n.expression) {
      // A function that answers with a sentence ("return 'Pick a playbook.'") words a problem.
      for (const e of branches(n.expression)) {
        const text = literalText(e);
        if (text !== undefined && isSentence(text)) add(e, text);
      }
    } else if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      /^(push|unshift)$/.test(n.expression.name.text) &&
      SHOWN_LISTS.test(n.expression.expression.getText(sf).replace(/^.*\./, ''))
    ) {
      for (const a of n.arguments) {
        const text = literalText(a);
        if (text !== undefined) add(a, text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * Every sentence-shaped literal, whatever it is passed to. For code with no reason to hold
 * English prose at all (the content scripts' site adapters: selectors and attribute names only),
 * so a problem worded in a new shape (an argument, a return value) is caught too.
 */
export function englishSentences(file: string, source?: string): EnglishSite[] {
  const sf = parse(file, source);
  const out: EnglishSite[] = [];
  const visit = (n: ts.Node) => {
    const text = literalText(n);
    if (text !== undefined && isSentence(text) && hasWords(text))
      out.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: text.trim() });
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
