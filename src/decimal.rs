//! Shortest round-trip decimal text of an f64 in plain notation, as Rust's `{}` prints it, only faster.
//!
//! Rust's `Display` for `f64` prints the shortest digit string that reads back to the same
//! number (Steele & White / Grisu with Dragon4 fallback) in plain positional notation:
//! `0.0000001`, `1000000000000000000000`, `2`. Ryū (Adams, "Ryū: fast float-to-string
//! conversion", PLDI 2018) computes the same shortest, correctly rounded digits several
//! times faster, but prints them in its own notation (`1e-7`, `1e21`, `2.0`). This module
//! takes Ryū's digits and exponent and lays them out as `Display` does; the tests compare
//! the two on millions of values, including every class of bit pattern.
//!
//! The two differ only when the number lies exactly halfway between two shortest
//! candidates (Ryū rounds such a tie to even, `Display` up: 1070298295823401.25 prints as
//! `…401.2` and `…401.3`). A tie needs the exact binary value to have exactly one decimal
//! digit more than the shortest text, so those few values (and integers beyond 2^53) are
//! printed by `Display` itself.

/// Appends the text `format!("{x}")` would give for a finite `x` (callers handle NaN/inf).
pub(crate) fn push_shortest(out: &mut String, x: f64) {
    debug_assert!(x.is_finite());
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x);
    // Ryū writes plain notation ("0.25", "0.00012", "123.0") for most magnitudes; only
    // "123.0" needs its ".0" dropped. Scientific notation ("1e-7") is laid out below.
    if !text.contains('e') {
        let text = text.strip_suffix(".0").unwrap_or(text);
        let fraction_digits = text.find('.').map_or(0, |dot| text.len() - dot - 1);
        if !may_be_tie(x, fraction_digits as i32) {
            out.push_str(text);
            return;
        }
    }
    push_positional(out, x, text);
}

/// Lays out Ryū's `text` (plain or scientific) for `x` in positional notation.
fn push_positional(out: &mut String, x: f64, text: &str) {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    // Digits without the point, and where the point sits in them (value = 0.DIGITS × 10^point).
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let mut point = int_part.len() as i32 + exponent;
    let leading_zeros = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..leading_zeros);
    point -= leading_zeros as i32;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
        return;
    }
    let digits = std::str::from_utf8(&digits).unwrap_or("0");
    let len = digits.len() as i32;
    if may_be_tie(x, (len - point).max(0)) {
        use std::fmt::Write as _;
        let _ = write!(out, "{}", x.abs());
        return;
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
}

/// Whether `x` could lie exactly halfway between two shortest texts with `fraction_digits`
/// digits after the point. `x = m·2^e` with `m` odd has exactly `-e` decimal digits after the
/// point (2^-k = 5^k / 10^k), so a tie at the last shortest digit needs `-e = digits + 1`;
/// integers below 2^53 are printed exactly and never tie.
fn may_be_tie(x: f64, fraction_digits: i32) -> bool {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | (1u64 << 52), biased - 1075) };
    if mantissa == 0 {
        return false;
    }
    let exponent = exponent + mantissa.trailing_zeros() as i32;
    if exponent >= 0 {
        return x.abs() >= 9_007_199_254_740_992.0;
    }
    -exponent == fraction_digits + 1
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};

    use super::push_shortest;

    const SAMPLES: usize = 1_000_000;

    fn check(x: f64) {
        let mut ours = String::new();
        push_shortest(&mut ours, x);
        assert_eq!(ours, format!("{x}"), "bits {:#018x}", x.to_bits());
    }

    #[test]
    fn hand_picked_values_print_as_display_does() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            2.0,
            0.5,
            0.1,
            0.3,
            0.1 + 0.2,
            1e-7,
            1.5e-7,
            123.0,
            123.456,
            1e15,
            1e16,
            1e21,
            1e22,
            f64::MAX,
            5e-324,
            f64::MIN_POSITIVE,
            9_007_199_254_740_992.0 + 2.0,
            1.0 / 3.0,
            std::f64::consts::LN_2,
            10000.0,
            1_234_567_890_123_456_789.0,
            // 1070298295823401.25 exactly: halfway between …401.2 and …401.3 (a tie).
            f64::from_bits(0x430e_6b71_edcf_614a),
            -f64::from_bits(0x430e_6b71_edcf_614a),
        ] {
            check(x);
        }
    }

    #[test]
    fn random_bit_patterns_print_as_display_does() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20241130);
        for _ in 0..SAMPLES {
            let x = f64::from_bits(rng.gen::<u64>());
            if x.is_finite() {
                check(x);
            }
        }
    }

    #[test]
    fn dyadic_values_with_few_fraction_bits_print_as_display_does() {
        // n / 2^k: the values that can fall exactly between two shortest texts.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for _ in 0..SAMPLES {
            let n = rng.gen_range(1u64..(1u64 << 53)) >> rng.gen_range(0..53);
            let x = n as f64 / (2.0f64).powi(rng.gen_range(0..70)) * (2.0f64).powi(rng.gen_range(0..40));
            check(x);
        }
    }

    #[test]
    fn index_like_values_print_as_display_does() {
        // Shares, sums of shares, logs and ratios: the values the index table holds.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..SAMPLES {
            let a: f64 = rng.gen::<f64>();
            let b: f64 = rng.gen_range(1.0..700.0);
            for x in [a, a * a, a / b, b, b.ln(), (a * b).exp(), a * 10000.0, (b * 4.0).round() / 4.0] {
                check(x);
            }
        }
    }
}
