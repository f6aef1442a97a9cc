// strftime(3) in the C/POSIX locale, local time: for the prompt's \t \T \@ \A \d \D{format} and for
// HISTTIMEFORMAT in `history`. Unknown conversions are copied as they are, as glibc does.

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function pad(n: number, width: number, fill = "0"): string {
  let s = String(n);
  while (s.length < width) s = fill + s;
  return s;
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86400000) + 1;
}

function tzName(d: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" })
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName");
    return part?.value ?? "";
  } catch {
    return "";
  }
}

export function strftime(format: string, d: Date): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%" || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const f = format[++i]!;
    const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
    switch (f) {
      case "a": out += DAYS[d.getDay()]!.slice(0, 3); break;
      case "A": out += DAYS[d.getDay()]; break;
      case "b": case "h": out += MONTHS[d.getMonth()]!.slice(0, 3); break;
      case "B": out += MONTHS[d.getMonth()]; break;
      case "c": out += strftime("%a %b %e %H:%M:%S %Y", d); break;
      case "C": out += pad(Math.floor(d.getFullYear() / 100), 2); break;
      case "d": out += pad(d.getDate(), 2); break;
      case "D": out += strftime("%m/%d/%y", d); break;
      case "e": out += pad(d.getDate(), 2, " "); break;
      case "F": out += strftime("%Y-%m-%d", d); break;
      case "H": out += pad(d.getHours(), 2); break;
      case "I": out += pad(h12, 2); break;
      case "j": out += pad(dayOfYear(d), 3); break;
      case "k": out += pad(d.getHours(), 2, " "); break;
      case "l": out += pad(h12, 2, " "); break;
      case "m": out += pad(d.getMonth() + 1, 2); break;
      case "M": out += pad(d.getMinutes(), 2); break;
      case "n": out += "\n"; break;
      case "p": out += d.getHours() < 12 ? "AM" : "PM"; break;
      case "P": out += d.getHours() < 12 ? "am" : "pm"; break;
      case "r": out += strftime("%I:%M:%S %p", d); break;
      case "R": out += strftime("%H:%M", d); break;
      case "s": out += String(Math.floor(d.getTime() / 1000)); break;
      case "S": out += pad(d.getSeconds(), 2); break;
      case "t": out += "\t"; break;
      case "T": case "X": out += strftime("%H:%M:%S", d); break;
      case "u": out += String(d.getDay() === 0 ? 7 : d.getDay()); break;
      case "w": out += String(d.getDay()); break;
      case "x": out += strftime("%m/%d/%y", d); break;
      case "y": out += pad(d.getFullYear() % 100, 2); break;
      case "Y": out += String(d.getFullYear()); break;
      case "z": {
        const off = -d.getTimezoneOffset();
        const a = Math.abs(off);
        out += (off < 0 ? "-" : "+") + pad(Math.floor(a / 60), 2) + pad(a % 60, 2);
        break;
      }
      case "Z": out += tzName(d); break;
      case "%": out += "%"; break;
      default: out += "%" + f;
    }
  }
  return out;
}
