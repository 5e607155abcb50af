import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { koreaDate, koreaDateTime, parseKoreaDateTime } from '../src/index.js';
import { fixture } from './helpers.js';

// An independent reference: the time-zone database's Asia/Seoul, through Intl.
const seoul = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
function seoulParts(ms: number): Record<string, string> {
  return Object.fromEntries(seoul.formatToParts(ms).map((p) => [p.type, p.value]));
}

// From 1989 (Korea's last daylight saving time ended in 1988) to 2200.
const instant = fc.integer({ min: Date.UTC(1989, 0, 1), max: Date.UTC(2200, 0, 1) });

describe('Korea time', () => {
  it("writes the token expiry of KIS's documented example", () => {
    const body = fixture<{ issue_response: { body: { access_token_token_expired: string } } }>(
      'kis/token.examples.json',
    ).issue_response.body;
    const at = parseKoreaDateTime(body.access_token_token_expired);
    assert.equal(at, Date.UTC(2023, 11, 21, 23, 16, 59));
    assert.equal(koreaDateTime(at as number), body.access_token_token_expired);
  });

  it('agrees with the Asia/Seoul time zone on every instant', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const p = seoulParts(ms);
        assert.equal(koreaDate(ms), `${p.year}${p.month}${p.day}`);
        assert.equal(
          koreaDateTime(ms),
          `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`,
        );
      }),
    );
  });

  it('reads back what it writes, to the second', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        assert.equal(parseKoreaDateTime(koreaDateTime(ms)), ms - (((ms % 1000) + 1000) % 1000));
      }),
    );
  });

  it('turns the Korean day at 15:00 UTC', () => {
    assert.equal(koreaDate(Date.UTC(2025, 2, 19, 14, 59, 59, 999)), '20250319');
    assert.equal(koreaDate(Date.UTC(2025, 2, 19, 15)), '20250320');
  });

  it('refuses texts that are not a Korea time', () => {
    for (const text of ['2023-02-31 00:00:00', '2023-12-22 24:00:00', '2023-12-22', 'tomorrow']) {
      assert.equal(parseKoreaDateTime(text), undefined, text);
    }
    assert.equal(parseKoreaDateTime('2023-12-22T08:16:59'), Date.UTC(2023, 11, 21, 23, 16, 59));
    assert.throws(() => koreaDate(Number.NaN), RangeError);
  });
});
