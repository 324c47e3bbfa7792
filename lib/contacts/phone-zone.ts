/**
 * A time-zone suggestion from a phone number's country calling code. Pure and deliberately
 * small: the common countries of the reps we know, one zone each where the country has one, a
 * few where it spans several (the rep picks), and nothing for codes like +1 (US, Canada and the
 * Caribbean share it across many zones) where any guess would be wrong more often than right.
 */

/** Calling code -> the zones to propose, the most populous first. */
const ZONES_BY_CODE: Readonly<Record<string, readonly string[]>> = {
  // +1 and +7 span too many zones to guess from the country code alone.
  '1': [],
  '7': [],
  '20': ['Africa/Cairo'],
  '27': ['Africa/Johannesburg'],
  '30': ['Europe/Athens'],
  '31': ['Europe/Amsterdam'],
  '32': ['Europe/Brussels'],
  '33': ['Europe/Paris'],
  '34': ['Europe/Madrid', 'Atlantic/Canary'],
  '36': ['Europe/Budapest'],
  '39': ['Europe/Rome'],
  '40': ['Europe/Bucharest'],
  '41': ['Europe/Zurich'],
  '43': ['Europe/Vienna'],
  '44': ['Europe/London'],
  '45': ['Europe/Copenhagen'],
  '46': ['Europe/Stockholm'],
  '47': ['Europe/Oslo'],
  '48': ['Europe/Warsaw'],
  '49': ['Europe/Berlin'],
  '51': ['America/Lima'],
  '52': ['America/Mexico_City', 'America/Monterrey', 'America/Tijuana', 'America/Cancun'],
  '54': ['America/Argentina/Buenos_Aires'],
  '55': ['America/Sao_Paulo', 'America/Manaus', 'America/Fortaleza'],
  '56': ['America/Santiago'],
  '57': ['America/Bogota'],
  '60': ['Asia/Kuala_Lumpur'],
  '61': [
    'Australia/Sydney',
    'Australia/Melbourne',
    'Australia/Brisbane',
    'Australia/Perth',
    'Australia/Adelaide',
  ],
  '62': ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'],
  '63': ['Asia/Manila'],
  '64': ['Pacific/Auckland'],
  '65': ['Asia/Singapore'],
  '66': ['Asia/Bangkok'],
  '81': ['Asia/Tokyo'],
  '82': ['Asia/Seoul'],
  '84': ['Asia/Ho_Chi_Minh'],
  '86': ['Asia/Shanghai'],
  '90': ['Europe/Istanbul'],
  '91': ['Asia/Kolkata'],
  '92': ['Asia/Karachi'],
  '234': ['Africa/Lagos'],
  '254': ['Africa/Nairobi'],
  '351': ['Europe/Lisbon', 'Atlantic/Azores'],
  '352': ['Europe/Luxembourg'],
  '353': ['Europe/Dublin'],
  '354': ['Atlantic/Reykjavik'],
  '358': ['Europe/Helsinki'],
  '420': ['Europe/Prague'],
  '852': ['Asia/Hong_Kong'],
  '886': ['Asia/Taipei'],
  '966': ['Asia/Riyadh'],
  '971': ['Asia/Dubai'],
  '972': ['Asia/Jerusalem'],
};

/**
 * The country calling code of an international number ("+44 20 7946 0958", "0044 …",
 * "+1-212-…"), or undefined for a national number (no "+" or "00"), which names no country.
 */
export function callingCode(phone: string): string | undefined {
  const trimmed = phone.trim();
  let digits: string;
  if (trimmed.startsWith('+')) digits = trimmed.slice(1).replace(/[\s().-]/g, '');
  else if (/^00[1-9]/.test(trimmed)) digits = trimmed.slice(2).replace(/[\s().-]/g, '');
  else return undefined;
  if (!/^\d{4,15}$/.test(digits)) return undefined;
  // Calling codes are prefix-free: at most one of the 1-, 2- and 3-digit prefixes is a code.
  for (const len of [1, 2, 3]) {
    const code = digits.slice(0, len);
    if (code in ZONES_BY_CODE) return code;
  }
  return undefined;
}

/**
 * Zones to propose for a phone number: one for a single-zone country, a few for a country that
 * spans several, none for a national number, an unknown code, or a shared code such as +1.
 */
export function suggestZones(phone: string | undefined): string[] {
  if (!phone) return [];
  const code = callingCode(phone);
  return code ? [...(ZONES_BY_CODE[code] ?? [])] : [];
}

let zoneNames: string[] | undefined;

/** Every IANA zone this browser knows, for the zone pickers (UTC included, which Chrome omits). */
export function timeZoneNames(): string[] {
  if (!zoneNames) {
    let list: string[] = [];
    try {
      list = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      list = [];
    }
    zoneNames = [...new Set([...list, 'UTC'])].sort();
  }
  return zoneNames;
}
