// strftime(3) in the C/POSIX locale, local time: for the prompt's \t \T \@ \A \d \D{format} and for
// HISTTIMEFORMAT in `history`. There is one implementation, printf's %(fmt)T one (it also has the
// ISO-week conversions %G %g %V and the E/O modifiers); this module only names it for the
// interactive layer.
export { strftime } from "../../builtins/printf-format.ts";
