//! How the reports, charts and terminal write numbers for people to read: probabilities
//! in whole percent, shares as percentages, fixed and trimmed decimals. (CSV and JSON
//! cells keep every digit: `tables::number`.)

/// What a cell shows for a number that does not exist (an en dash).
pub const MISSING: &str = "–";

/// `x` with `decimals` decimals: `fixed(0.4567, 2)` = "0.46".
pub fn fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

/// `fixed(x, decimals)`, or `MISSING` ("–") when there is no number.
pub fn fixed_or_missing(x: Option<f64>, decimals: usize) -> String {
    x.map_or(MISSING.into(), |v| fixed(v, decimals))
}

/// At most `decimals` decimals, without trailing zeros, as a grid value is written in an
/// analysis file: "1.25", "0.5", "10"; "∞" and "−∞" when infinite.
pub fn trimmed(x: f64, decimals: usize) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "∞".into() } else { "−∞".into() };
    }
    let text = fixed(x, decimals);
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A ratio such as a Bayes factor: whole numbers from 100 up, two decimals below.
pub fn ratio(x: f64) -> String {
    if x >= 100.0 {
        fixed(x, 0)
    } else {
        fixed(x, 2)
    }
}

/// A number for summaries: "∞", a power of ten beyond a million or below a thousandth
/// ("1.2e-4"), whole numbers from 100 up, two decimals below; "-" when there is none.
pub fn summary_number(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_infinite() => "∞".into(),
        Some(v) if v.abs() >= 1e6 || (v != 0.0 && v.abs() < 1e-3) => format!("{v:.1e}"),
        Some(v) if v.abs() >= 100.0 => fixed(v, 0),
        Some(v) => fixed(v, 2),
        None => "-".into(),
    }
}

/// A probability for prose: whole percent ("4 %"), "< 1 %" and "> 99 %" where it would
/// round to 0 or 100, `MISSING` when not a number.
pub fn percent(p: f64) -> String {
    match fixed(p * 100.0, 0).as_str() {
        _ if p.is_nan() => MISSING.into(),
        "0" | "-0" => "< 1 %".into(),
        "100" => "> 99 %".into(),
        whole => format!("{whole} %"),
    }
}

/// A probability after its name: "= 4 %", or "< 1 %" and "> 99 %" at the ends.
pub fn equals(p: f64) -> String {
    let shown = percent(p);
    if shown.starts_with(['<', '>']) {
        shown
    } else {
        format!("= {shown}")
    }
}

/// A share (0 to 1) as a percentage with `decimals` decimals: `share_percent(0.125, 1)`
/// = "12.5 %". Unlike `percent`, 0 and 1 show as "0 %" and "100 %".
pub fn share_percent(x: f64, decimals: usize) -> String {
    format!("{} %", fixed(100.0 * x, decimals))
}

/// A range of shares in whole percent: "3-12 %", or "12 %" alone when both ends round
/// to the same whole percent.
pub fn share_range(low: f64, high: f64) -> String {
    if (100.0 * low).round() == (100.0 * high).round() {
        share_percent(low, 0)
    } else {
        format!("{}-{}", fixed(100.0 * low, 0), share_percent(high, 0))
    }
}

/// A difference of shares in percentage points: `points(0.032, 1)` = "3.2 pp".
pub fn points(x: f64, decimals: usize) -> String {
    format!("{} pp", fixed(100.0 * x, decimals))
}

/// An observed rate (0 to 1) in whole percent without the sign: "< 1" between 0 and half
/// a percent and "> 99" between 99.5 and 100 %, so that only 0 and 1 read "0" and "100".
pub fn rate(x: f64) -> String {
    let p = 100.0 * x;
    if p > 0.0 && p < 0.5 {
        "< 1".to_string()
    } else if p < 100.0 && p > 99.5 {
        "> 99".to_string()
    } else {
        fixed(p, 0)
    }
}

/// A bound of a rate's interval in percent without the sign: whole percent from 10 to
/// 90 % and at 0 and 100 %, one decimal elsewhere ("3.6").
pub fn rate_bound(x: f64) -> String {
    let p = 100.0 * x;
    if p == 0.0 || p == 100.0 || (10.0..=90.0).contains(&p) {
        fixed(p, 0)
    } else {
        fixed(p, 1)
    }
}

/// At most `digits` significant digits, without trailing zeros, for axis labels and
/// captions: `significant(7.6543, 3)` = "7.65", `significant(0.012345, 3)` = "0.0123",
/// `significant(123.456, 3)` = "123"; "+∞" and "−∞" when infinite.
pub fn significant(x: f64, digits: i32) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "+∞".into() } else { "−∞".into() };
    }
    let decimals = if x == 0.0 { 0 } else { (digits - 1 - x.abs().log10().floor() as i32).clamp(0, 6) as usize };
    trimmed(x, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_never_read_0_or_100_percent() {
        assert_eq!(
            [percent(0.0), percent(0.004), percent(0.04), percent(0.996), percent(1.0)],
            ["< 1 %", "< 1 %", "4 %", "> 99 %", "> 99 %"]
        );
        assert_eq!([equals(0.04), equals(0.001), percent(f64::NAN)], ["= 4 %", "< 1 %", "–"]);
    }

    #[test]
    fn decimals_and_rates_follow_their_rules() {
        assert_eq!([trimmed(1.25, 3), trimmed(10.0, 3), trimmed(0.5, 2), trimmed(f64::INFINITY, 2)], ["1.25", "10", "0.5", "∞"]);
        assert_eq!(
            [significant(7.6543, 3), significant(0.012345, 3), significant(123.456, 3), significant(2.0, 3), significant(0.0, 3)],
            ["7.65", "0.0123", "123", "2", "0"]
        );
        assert_eq!([significant(f64::INFINITY, 3), significant(-0.5, 2), significant(100.0, 3)], ["+∞", "-0.5", "100"]);
        assert_eq!([trimmed(100.0, 0), trimmed(0.0, 0)], ["100", "0"]);
        assert_eq!([ratio(123.4), ratio(1.234), summary_number(Some(0.0001)), summary_number(None)], ["123", "1.23", "1.0e-4", "-"]);
        assert_eq!([share_percent(0.125, 1), points(0.032, 1), fixed_or_missing(None, 2)], ["12.5 %", "3.2 pp", "–"]);
        assert_eq!([share_range(0.03, 0.12), share_range(0.121, 0.124)], ["3-12 %", "12 %"]);
        assert_eq!([rate(0.0), rate(0.003), rate(0.999), rate_bound(0.036), rate_bound(0.5)], ["0", "< 1", "> 99", "3.6", "50"]);
    }
}
