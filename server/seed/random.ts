// A small seeded PRNG (xoshiro128**): the same seed gives the same city, on any machine.
//
// Why not a 32-bit generator: every stream of one would walk the same cycle of 2^32 states, so
// two forks drawing tens of millions of numbers each (the records of a large city) overlap
// with a real chance, and the UUIDs drawn from them collide. With 128 bits of state, forks
// start at unrelated points of a 2^128 cycle.

/** splitmix32: spreads a seed over the four words of state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Random {
  private readonly s: Uint32Array;
  constructor(seed: number | Uint32Array) {
    if (typeof seed === 'number') {
      const mix = splitmix32(seed);
      this.s = Uint32Array.of(mix(), mix(), mix(), mix());
    } else {
      this.s = Uint32Array.from(seed);
    }
    if (this.s.every((w) => w === 0)) this.s[0] = 1; // the one state xoshiro cannot leave
  }
  /** The next 32 random bits. */
  u32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) if ((r -= w) < 0) return v;
    return entries[entries.length - 1]![0];
  }
  /**
   * A generator derived from this one's current state and the label, without drawing from this
   * one: adding a fork or a field elsewhere does not shift this stream. Each word goes through
   * splitmix32 again, so forks of forks are new streams (an XOR alone would undo itself).
   */
  fork(label: string): Random {
    let h = 0x811c9dc5;
    for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    const mix = splitmix32(h >>> 0);
    return new Random(Uint32Array.from(this.s, (w) => splitmix32((w ^ mix()) >>> 0)()));
  }
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A deterministic UUID (v4 layout: 122 random bits) from the generator, so ids are stable per seed. */
export function uuidFrom(r: Random): string {
  const a = hex8(r.u32());
  const b = hex8(r.u32());
  const c = hex8(r.u32());
  const d = hex8(r.u32());
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
