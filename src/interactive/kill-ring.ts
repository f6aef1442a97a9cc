// The kill ring (readline's): text removed by kill commands, for yank (Ctrl-Y) and yank-pop
// (Alt-Y). Consecutive kills build one entry (a forward kill appends, a backward kill prepends),
// so Ctrl-W Ctrl-W then Ctrl-Y brings back both words in their order. At most `max` entries.
export class KillRing {
  private ring: string[] = [];
  private index = 0;

  constructor(private readonly max = 10) {}

  /** Records killed text; `accumulate` (the previous command was a kill) joins it to the newest. */
  kill(text: string, backward: boolean, accumulate: boolean): void {
    const top = this.ring.length - 1;
    if (accumulate && top >= 0) {
      this.ring[top] = backward ? text + this.ring[top] : this.ring[top] + text;
      return;
    }
    this.ring.push(text);
    if (this.ring.length > this.max) this.ring.shift();
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
