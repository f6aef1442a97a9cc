// The kill ring (readline's): text removed by kill commands, for yank (Ctrl-Y) and yank-pop
// (Alt-Y). Consecutive kills build one entry (a forward kill appends, a backward kill prepends),
// so Ctrl-W Ctrl-W then Ctrl-Y brings back both words in their order. At most `max` entries.
// In vi mode a kill right after a kill replaces the newest entry instead (readline).
export class KillRing {
  private ring: string[] = [];
  private index = 0;

  constructor(private readonly max = 10) {}

  /** Records killed text; `accumulate` (the previous command was a kill) joins it to the newest,
   *  `replace` puts it in place of the newest. */
  kill(text: string, backward: boolean, accumulate: boolean, replace = false): void {
    const top = this.ring.length - 1;
    if ((accumulate || replace) && top >= 0) {
      this.ring[top] = replace ? text : backward ? text + this.ring[top] : this.ring[top] + text;
      return;
    }
    this.ring.push(text);
    if (this.ring.length > this.max) this.ring.shift();
  }

  /** The newest entry, leaving the rotation alone (vi's p and P). */
  newest(): string | undefined {
    return this.ring[this.ring.length - 1];
  }

  /** The newest entry (yank); yank-pop rotates from here. */
  yank(): string | undefined {
    this.index = this.ring.length - 1;
    return this.ring[this.index];
  }

  /** The entry before the last one yanked (yank-pop), cycling. */
  pop(): string | undefined {
    if (this.ring.length === 0) return undefined;
    this.index = (this.index - 1 + this.ring.length) % this.ring.length;
    return this.ring[this.index];
  }
}
