/* Python's ways of reading and writing numbers and strings, for demo messages that must be the
   same strings as the Python demos' (an f-string's {x!r}, {x:g}, {x:,.0f}, {x:.0%}; round(x, 2);
   float() of a text). */

/* float()'s grammar: digits with single underscores between them, an optional point, exponent
   and sign, or inf / infinity / nan in any case, around which whitespace is ignored. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT = new RegExp(String.raw`^[+-]?(?:(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?` +
  String.raw`|inf|infinity|nan)$`, "i");

/** float(text): the number, or undefined where Python raises ValueError. */
export function pyFloat(text) {
  const trimmed = text.trim();
  if (!FLOAT.test(trimmed)) return undefined;
  const sign = trimmed.startsWith("-") ? -1 : 1;
  const body = trimmed.replace(/^[+-]/, "").toLowerCase();
  if (body === "nan") return NaN;
  if (body.startsWith("inf")) return sign * Infinity;
  return Number(trimmed.replaceAll("_", ""));
}

/** repr(text): single quotes unless the text has one and no double quote; control characters
    escaped as Python does (other non-printable Unicode is rare in a seed box and left as is). */
export function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const named = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", [quote]: `\\${quote}` };
  const escaped = Array.from(text, (c) => {
    if (c in named) return named[c];
    const code = c.codePointAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0xa0) ? `\\x${code.toString(16).padStart(2, "0")}` : c;
  }).join("");
  return quote + escaped + quote;
}

/** The six significant digits of finite `x` rounded as Python does (ties to even; JavaScript's
    toExponential breaks ties away from zero), as [digits, exponent]. */
function sixDigits(x) {
  const [mantissa, exponent] = Math.abs(x).toExponential(6).split("e");
  const seven = mantissa.replace(".", ""), e = Number(exponent);
  const decimals = 6 - e;  // a tie is exact only when the seven digits are x's whole expansion
  const exact = Number(`${mantissa}e${exponent}`) === Math.abs(x) &&
    (decimals <= 0 || Number(seven) % 5 ** decimals === 0);
  if (seven[6] === "5" && exact && Number(seven[5]) % 2 === 0) return [seven.slice(0, 6), e];
  const [rounded, roundedExponent] = Math.abs(x).toExponential(5).split("e");
  return [rounded.replace(".", ""), Number(roundedExponent)];
}

/** format(x, "g"): six significant digits, plain for exponents -4 to 5, else scientific. */
export function pyG(x) {
  if (Number.isNaN(x)) return "nan";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (!Number.isFinite(x)) return `${sign}inf`;
  const [digits, e] = sixDigits(x);
  const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (e < -4 || e >= 6) {
    return `${sign}${strip(`${digits[0]}.${digits.slice(1)}`)}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const fixed = e < 0 ? `0.${"0".repeat(-e - 1)}${digits}` : `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return sign + strip(fixed);
}

/** format(x, ",.0f") of a whole `x`: every digit of the float64 (as Python), grouped by threes. */
export function pyGroupedWhole(x) {
  return BigInt(x).toLocaleString("en-US");
}

/** Python's round(x, 2): the nearest hundredth of x's exact binary value, ties to even. toFixed
    is exact but sends ties away from zero; in -1..1 the only ties are the odd eighths. */
export function round2(x) {
  if (Number.isInteger(x * 8) && (x * 8) % 2 !== 0) return (2 * Math.round(x * 50)) / 100; // even hundredth
  return Number(x.toFixed(2));
}

/** f"{x:.0%}": x * 100 to a whole number, exact ties to even (0.125 -> "12%"). */
export function percent(x) {
  const scaled = x * 100;
  const whole = scaled - Math.floor(scaled) === 0.5 ? 2 * Math.round(scaled / 2) : Math.round(scaled);
  return `${whole}%`;
}
