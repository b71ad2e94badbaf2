import { describe, it, expect } from 'vitest';
import { canonicalIdNumber, idNumberCheckChar, maskIdNumber, maskPhone, provinceCodes, upgradeFirstGeneration, validateIdNumber } from './id-number';

const TODAY = '2025-06-15';

// Independent implementation of ISO 7064 MOD 11-2 (the remainder of Σ aᵢ·2^(17−i) mod 11,
// check value (12 − remainder) mod 11), so the tests do not reuse the code under test.
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}
const withCheck = (first17: string) => first17 + checkChar(first17);

describe('idNumberCheckChar (ISO 7064 MOD 11-2)', () => {
  it.each([
    // Worked by hand: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
    // give 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'. (GB 11643 example.)
    ['11010519491231002', 'X'],
    // 7+9+0+5+0+4+2+9+54+0+0+27+0+35+8+8+6 = 174; 174 mod 11 = 9 → '3'.
    ['11010119900307123', '3'],
  ])('%s → %s', (first17, expected) => {
    expect(idNumberCheckChar(first17)).toBe(expected);
    expect(checkChar(first17)).toBe(expected);
  });

  it('agrees with the independent implementation on many numbers', () => {
    for (let n = 0; n < 2000; n += 1) {
      const first17 = `3301061985112${String((n * 7919) % 10_000).padStart(4, '0')}`;
      expect(idNumberCheckChar(first17)).toBe(checkChar(first17));
    }
  });
});

describe('validateIdNumber', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    ['11010519491231002x', '1949-12-31', 'female', '110105'], // lowercase x is normalised
    ['110101199003071233', '1990-03-07', 'male', '110101'],
    [withCheck('33010619851120003'), '1985-11-20', 'male', '330106'],
    [withCheck('44030420000229004'), '2000-02-29', 'female', '440304'], // leap day
    [withCheck('50010119000101001'), '1900-01-01', 'male', '500101'], // earliest accepted birth date
    [withCheck(`65010120250615002`), TODAY, 'female', '650101'], // born today
    [withCheck('81000019800101001'), '1980-01-01', 'male', '810000'], // Hong Kong residence permit
    [withCheck('83000019800101002'), '1980-01-01', 'female', '830000'], // Taiwan residence permit
  ] as const)('%s is valid (born %s, %s, region %s)', (input, birthDate, sex, regionCode) => {
    expect(validateIdNumber(input, TODAY)).toEqual({
      ok: true,
      normalized: input.toUpperCase(),
      birthDate,
      sex,
      regionCode,
    });
  });

  it('drops surrounding whitespace', () => {
    expect(validateIdNumber(' 11010519491231002X \n', TODAY)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it.each([
    ['', 'id_number.length'],
    ['11010519491231002', 'id_number.length'], // 17 characters
    ['11010519491231002X1', 'id_number.length'], // 19 characters
    ['11010549123100', 'id_number.length'], // 14 digits: neither form
    ['1101054912310021', 'id_number.length'], // 16 digits
    ['110105491331002', 'id_number.birth_date'], // 15 digits: month 13
    ['000105491231002', 'id_number.region'], // 15 digits: no such province
    ['1101051949123100XX', 'id_number.characters'], // X only as the check character
    ['11010519491231002Y', 'id_number.characters'],
    ['1101051949-231002X', 'id_number.characters'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'id_number.characters'], // full-width digits
    ['110101199003071234', 'id_number.check_digit'], // should end in 3
    ['110101199003071333', 'id_number.check_digit'], // one digit mistyped
    ['110101190003071231', 'id_number.check_digit'],
    [withCheck('11010119900230123'), 'id_number.birth_date'], // 30 February
    [withCheck('11010119901301123'), 'id_number.birth_date'], // month 13
    [withCheck('11010119890229123'), 'id_number.birth_date'], // 1989 is not a leap year
    ['440524188001010014', 'id_number.birth_date'], // GB 11643 example, born 1880: before 1900
    [withCheck('11010118991231123'), 'id_number.birth_date'], // the day before the earliest
    [withCheck('11010120250616123'), 'id_number.birth_date'], // tomorrow
    [withCheck('00010119900307123'), 'id_number.region'],
    [withCheck('16010119900307123'), 'id_number.region'],
    [withCheck('72010119900307123'), 'id_number.region'],
    [withCheck('91010119900307123'), 'id_number.region'], // foreigner permanent residence card: not supported
  ])('%s → %s', (input, code) => {
    expect(validateIdNumber(input, TODAY)).toEqual({ ok: false, code });
  });

  it('accepts exactly the province-level codes of the table', () => {
    const accepted: string[] = [];
    for (let p = 0; p < 100; p += 1) {
      const prefix = String(p).padStart(2, '0');
      if (validateIdNumber(withCheck(`${prefix}010119900307123`), TODAY).ok) accepted.push(prefix);
    }
    expect(accepted).toEqual(Object.keys(provinceCodes).sort());
    expect(accepted).toEqual([
      '11',
      '12',
      '13',
      '14',
      '15',
      '21',
      '22',
      '23',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '50',
      '51',
      '52',
      '53',
      '54',
      '61',
      '62',
      '63',
      '64',
      '65',
      '71',
      '81',
      '82',
      '83',
    ]);
  });

  it.each([
    ['0', 'female'],
    ['1', 'male'],
    ['2', 'female'],
    ['3', 'male'],
    ['4', 'female'],
    ['5', 'male'],
    ['6', 'female'],
    ['7', 'male'],
    ['8', 'female'],
    ['9', 'male'],
  ])('sequence code ending in %s → %s', (digit, sex) => {
    expect(validateIdNumber(withCheck(`3301061985112000${digit}`), TODAY)).toMatchObject({ ok: true, sex });
  });
});

describe('maskIdNumber and maskPhone (P1, P6)', () => {
  it.each([
    ['110101199003071234', '1101**********1234'],
    ['11010519491231002x', '1101**********002X'],
    ['12345678', '********'], // too short to keep both ends: nothing shown
    ['', ''],
  ])('maskIdNumber(%s) = %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['01088886666', '010****6666'],
    ['1234567', '*******'],
  ])('maskPhone(%s) = %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('first-generation (15-digit) numbers, rule 9.18: one person, one file in both forms', () => {
  it.each([
    // GB 11643's own example: 110105 49 12 31 002 → 110105 1949 12 31 002 X.
    ['110105491231002', '11010519491231002X'],
    ['110101900307123', withCheck('11010119900307123')],
    ['330106851120003', withCheck('33010619851120003')],
    ['440304000229004', null], // 1900-02-29 does not exist: upgraded, then refused by the date check
  ])('%s → %s', (id15, id18) => {
    const upgraded = upgradeFirstGeneration(id15);
    expect(upgraded).toBe(id18 ?? withCheck(`44030419000229004`));
    const r = validateIdNumber(id15, TODAY);
    if (id18) expect(r).toMatchObject({ ok: true, normalized: id18 });
    else expect(r).toEqual({ ok: false, code: 'id_number.birth_date' });
  });

  it.each(['', '11010549123100', '1101054912310021', '11010549123100X', '１１０１０５４９１２３１００２'])('%j is not a 15-digit number', (input) => {
    expect(upgradeFirstGeneration(input)).toBeNull();
  });

  it('the 15-digit number gives the sex and birth date of its 18-digit form', () => {
    expect(validateIdNumber('110105491231002', TODAY)).toEqual(validateIdNumber('11010519491231002X', TODAY));
  });
});

describe('canonicalIdNumber: the form an ID number is stored and looked up under', () => {
  it.each([
    // [idType as entered, number as entered, canonical idType, canonical number]
    ['resident_id', '110105491231002', 'resident_id', '11010519491231002X'],
    ['resident_id', ' 11010519491231002x ', 'resident_id', '11010519491231002X'],
    ['other', '110105491231002', 'resident_id', '11010519491231002X'], // 9.18: the first-generation number typed as "other"
    ['other', '11010519491231002X', 'resident_id', '11010519491231002X'],
    ['other', '110101199003071234', 'other', '110101199003071234'], // wrong check digit: not a resident number, kept as typed
    ['other', 'ab-12345', 'other', 'AB-12345'],
    ['passport', 'e12345678', 'passport', 'E12345678'],
    ['passport', '110105491231002', 'passport', '110105491231002'], // only "other" is read as a resident number
  ])('%s %j → %s %s', (idType, input, canonicalType, canonical) => {
    expect(canonicalIdNumber(idType, input, TODAY)).toMatchObject({ ok: true, idType: canonicalType, idNumber: canonical });
  });

  it.each([
    ['resident_id', '110101199003071234', 'id_number.check_digit'],
    ['resident_id', '11010549123100', 'id_number.length'],
    ['other', 'ab', 'id_number.invalid'],
    ['passport', 'E1234 5678', 'id_number.invalid'],
  ])('%s %j → %s', (idType, input, code) => {
    expect(canonicalIdNumber(idType, input, TODAY)).toEqual({ ok: false, code });
  });
});
